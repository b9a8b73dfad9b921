package airbytemcp.bench;

import airbytemcp.common.Json;
import airbytemcp.declarative.DeclarativeConnector;
import airbytemcp.declarative.ManifestLoader;
import airbytemcp.declarative.RuntimeOptions;
import airbytemcp.protocol.MessageType;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * records/s of a paginated declarative stream against a local fake API, next to a plain OkHttp +
 * Jackson loop fetching and parsing the same pages. Run by {@code make bench}; the last line is the
 * ratio.
 */
public final class DeclarativeBench {
  private static final int PAGES = 200;
  private static final int PAGE_SIZE = 100;

  private DeclarativeBench() {}

  public static void main(String[] args) throws Exception {
    byte[][] pages = new byte[PAGES + 1][];
    for (int p = 1; p <= PAGES; p++) {
      pages[p] = page(p).getBytes(StandardCharsets.UTF_8);
    }
    System.setProperty(
        "sun.net.httpserver.nodelay", "true"); // no 40 ms delayed-ACK stalls per page
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext(
        "/items",
        exchange -> {
          String query = exchange.getRequestURI().getQuery();
          int p = Integer.parseInt(query.replaceAll("(?:^|.*&)page=(\\d+).*", "$1"));
          byte[] body = p <= PAGES ? pages[p] : "{\"items\": []}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    OkHttpClient http = new OkHttpClient();
    try {
      DeclarativeConnector connector =
          DeclarativeConnector.of(
              new ManifestLoader(null, Optional::empty).fromText("bench", manifest(base)),
              new RuntimeOptions(http, new Masker(), u -> u, d -> {}));
      JsonNode catalog =
          Json.parse(
              "{\"streams\": [{\"stream\": {\"name\": \"items\"}, \"sync_mode\": \"full_refresh\"}]}");
      double declarative = 0;
      double plain = 0;
      for (int round = 0;
          round < 10;
          round++) { // the first round warms up the JIT; best of the rest
        double d = rate(() -> declarativeRead(connector, catalog));
        double p = rate(() -> plainRead(http, base));
        if (round > 0) {
          declarative = Math.max(declarative, d);
          plain = Math.max(plain, p);
        }
      }
      System.out.printf(
          "declarative stream: %,.0f records/s (%d pages of %d)%n", declarative, PAGES, PAGE_SIZE);
      System.out.printf("plain HTTP loop:    %,.0f records/s%n", plain);
      System.out.printf("ratio declarative/plain: %.2f%n", declarative / plain);
    } finally {
      server.stop(0);
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
    System.exit(0);
  }

  private interface Reader {
    long read() throws IOException;
  }

  private static double rate(Reader reader) throws IOException {
    long start = System.nanoTime();
    long records = reader.read();
    if (records != (long) PAGES * PAGE_SIZE) {
      throw new IllegalStateException(
          "read " + records + " records, expected " + PAGES * PAGE_SIZE);
    }
    return records / ((System.nanoTime() - start) / 1e9);
  }

  private static long declarativeRead(DeclarativeConnector connector, JsonNode catalog) {
    long[] count = {0};
    connector.read(
        Json.object(),
        catalog,
        Optional.empty(),
        m -> {
          if (m.type() == MessageType.RECORD) {
            count[0]++;
          }
        });
    return count[0];
  }

  private static long plainRead(OkHttpClient http, String base) throws IOException {
    long count = 0;
    for (int p = 1; ; p++) {
      try (Response r =
          http.newCall(
                  new Request.Builder()
                      .url(base + "/items?page=" + p + "&per_page=" + PAGE_SIZE)
                      .build())
              .execute()) {
        JsonNode items = Json.MAPPER.readTree(r.body().bytes()).path("items");
        count += items.size();
        if (items.size() < PAGE_SIZE) {
          return count;
        }
      }
    }
  }

  private static String page(int p) {
    StringBuilder b = new StringBuilder("{\"page\": ").append(p).append(", \"items\": [");
    for (int i = 0; i < PAGE_SIZE; i++) {
      int id = (p - 1) * PAGE_SIZE + i;
      b.append(i > 0 ? "," : "")
          .append("{\"id\": ")
          .append(id)
          .append(", \"name\": \"item ")
          .append(id)
          .append("\", \"price\": ")
          .append(id * 1.5)
          .append(", \"tags\": [\"a\", \"b\"], \"active\": true,")
          .append(" \"created_at\": \"2024-01-01T00:00:00Z\", \"owner\": {\"id\": ")
          .append(id % 17)
          .append(", \"name\": \"o\"}}");
    }
    return b.append("]}").toString();
  }

  private static String manifest(String base) {
    return String.join(
        "\n",
        "version: 6.0.0",
        "type: DeclarativeSource",
        "check: {type: CheckStream, stream_names: [items]}",
        "streams:",
        "  - type: DeclarativeStream",
        "    name: items",
        "    schema_loader: {type: InlineSchemaLoader, schema: {type: object}}",
        "    retriever:",
        "      type: SimpleRetriever",
        "      requester: {type: HttpRequester, url_base: \""
            + base
            + "\", path: /items, http_method: GET}",
        "      record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [items]}}",
        "      paginator:",
        "        type: DefaultPaginator",
        "        page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: page}",
        "        page_size_option: {type: RequestOption, inject_into: request_parameter, field_name: per_page}",
        "        pagination_strategy: {type: PageIncrement, page_size: "
            + PAGE_SIZE
            + ", start_from_page: 1,"
            + " inject_on_first_request: true}",
        "");
  }
}
