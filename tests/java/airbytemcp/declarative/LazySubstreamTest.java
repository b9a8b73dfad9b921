package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.protocol.AirbyteMessage;
import airbytemcp.protocol.MessageType;
import airbytemcp.protocol.StopReading;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A substream reads its parent lazily: a parent of 5,000 pages (one project per page) where only
 * project 3 has tasks. One task costs three parent pages and three child requests, whether it is
 * wanted by a check, a preview or a substream with an incremental parent dependency.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LazySubstreamTest {
  private static final int PARENT_PAGES = 5000;
  private int parentPages = PARENT_PAGES;
  private static final Pattern TASKS = Pattern.compile("/projects/(\\d+)/tasks");
  private HttpServer server;
  private final AtomicInteger parentRequests = new AtomicInteger();
  private final Map<String, AtomicInteger> childRequests = new ConcurrentHashMap<>();

  static {
    System.setProperty(
        "sun.net.httpserver.nodelay", "true"); // no delayed-ACK stall per small response
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
          String body;
          if (path.equals("/projects")) {
            parentRequests.incrementAndGet();
            int page = query.startsWith("page=") ? Integer.parseInt(query.substring(5)) : 1;
            body =
                "{\"projects\": [{\"id\": "
                    + page
                    + ", \"updated\": \"2024-01-01\"}], \"next\": "
                    + (page < parentPages ? page + 1 : "null")
                    + "}";
          } else {
            Matcher m = TASKS.matcher(path);
            m.matches();
            childRequests.computeIfAbsent(m.group(1), k -> new AtomicInteger()).incrementAndGet();
            body =
                m.group(1).equals("3")
                    ? "{\"tasks\": [{\"id\": \"t1\"}, {\"id\": \"t2\"}]}"
                    : "{\"tasks\": []}";
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private DeclarativeConnector connector(boolean incrementalDependency) {
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    String projects =
        "  projects:\n    type: DeclarativeStream\n    name: projects\n    primary_key: [id]\n"
            + "    schema_loader: {type: InlineSchemaLoader, schema: {type: object}}\n"
            + "    retriever:\n      type: SimpleRetriever\n"
            + TestManifests.get(base, "/projects", "[projects]")
            + "      paginator:\n        type: DefaultPaginator\n"
            + "        page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: page}\n"
            + "        pagination_strategy: {type: CursorPagination, cursor_value: \"{{ response.next }}\","
            + " stop_condition: \"{{ response.next is none }}\"}\n"
            + (incrementalDependency
                ? "    incremental_sync: {type: DatetimeBasedCursor, cursor_field: updated, datetime_format: \"%Y-%m-%d\","
                    + " start_datetime: \"2023-01-01\", end_datetime: \"2024-06-01\", step: P10Y, cursor_granularity: P1D}\n"
                : "");
    String tasks =
        "  - type: DeclarativeStream\n    name: tasks\n    primary_key: [id]\n"
            + "    schema_loader: {type: InlineSchemaLoader, schema: {type: object}}\n"
            + "    retriever:\n      type: SimpleRetriever\n"
            + TestManifests.get(
                base, "/projects/{{ stream_partition.project_id }}/tasks", "[tasks]")
            + "      partition_router:\n        type: SubstreamPartitionRouter\n        parent_stream_configs:\n"
            + "          - {type: ParentStreamConfig, stream: {$ref: \"#/definitions/projects\"}, parent_key: id, partition_field: project_id,"
            + " incremental_dependency: "
            + incrementalDependency
            + "}\n";
    String yaml = TestManifests.source("tasks", projects, tasks);
    Manifest m = new ManifestLoader(null, Optional::empty).fromText("lazy", yaml);
    return DeclarativeConnector.of(
        m, new RuntimeOptions(new OkHttpClient(), new Masker(), u -> u, d -> {}));
  }

  private int childTotal() {
    return childRequests.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  private void assertOnlyThreeParentPages(String what) {
    assertEquals(
        3,
        parentRequests.get(),
        what
            + " read "
            + parentRequests.get()
            + " parent pages of "
            + PARENT_PAGES
            + " for its first child record; project 3 is on page 3");
    assertEquals(3, childTotal(), what + " asked for the tasks of " + childRequests.keySet());
  }

  @Test
  void checkReadsOnlyTheParentPagesItsFirstChildRecordNeeds() {
    JsonNode result = connector(false).check(Json.object());
    assertEquals("SUCCEEDED", result.path("status").asText(), result.toString());
    assertOnlyThreeParentPages("check");
  }

  @Test
  void aPreviewOfOneRecordStopsThePagingOfTheParent() {
    List<AirbyteMessage> seen = new ArrayList<>();
    connector(false)
        .read(
            Json.object(),
            FakeApi.catalog("full_refresh", "tasks"),
            Optional.empty(),
            message -> {
              seen.add(message);
              if (message.type() == MessageType.RECORD) {
                throw new StopReading();
              }
            });
    assertEquals(
        1,
        seen.stream().filter(m -> m.type() == MessageType.RECORD).count(),
        "one record was previewed");
    assertOnlyThreeParentPages("a one-record preview");
  }

  @Test
  void anIncrementalParentDependencyIsAlsoReadLazily() {
    List<AirbyteMessage> seen = new ArrayList<>();
    connector(true)
        .read(
            Json.object(),
            FakeApi.catalog("incremental", "tasks"),
            Optional.empty(),
            message -> {
              seen.add(message);
              if (message.type() == MessageType.RECORD) {
                throw new StopReading();
              }
            });
    assertOnlyThreeParentPages("a substream with an incremental parent");
  }

  @Test
  void aFullReadStillWalksEveryParentPageOnce() {
    parentPages = 300; // enough to show every page is walked, small enough to stay quick
    FakeApi.Output out =
        FakeApi.read(
            connector(false), Json.object(), FakeApi.catalog("full_refresh", "tasks"), null);
    assertEquals(
        List.of("t1", "t2"),
        out.records("tasks").stream().map(r -> r.path("id").asText()).toList());
    assertEquals(
        parentPages, parentRequests.get(), "a full read pages through the whole parent once");
    assertEquals(parentPages, childTotal(), "one task request per project");
    assertTrue(
        childRequests.values().stream().allMatch(c -> c.get() == 1), "no project was asked twice");
  }
}
