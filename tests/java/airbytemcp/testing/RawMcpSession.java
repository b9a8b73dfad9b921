package airbytemcp.testing;

import airbytemcp.common.Json;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * One MCP session over Streamable HTTP, spoken by hand: every byte the server sends back (JSON
 * bodies and SSE streams alike) is kept, so tests can scan exactly what a client receives.
 */
public final class RawMcpSession implements RawMcp {
  private static final MediaType JSON = MediaType.get("application/json");

  /** Parses answers of any size: hostile inputs come back in answers, e.g. as a 1 MB key. */
  private static final ObjectMapper LENIENT =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNameLength(Integer.MAX_VALUE)
                      .maxStringLength(Integer.MAX_VALUE)
                      .build())
              .build());

  private static final OkHttpClient HTTP =
      new OkHttpClient.Builder()
          .readTimeout(Duration.ofMinutes(3))
          .callTimeout(Duration.ofMinutes(4))
          .build();

  private final String url;
  private final Map<String, String> headers;
  private final StringBuffer received = new StringBuffer();
  private final AtomicInteger ids = new AtomicInteger(1);
  private volatile String sessionId;

  private RawMcpSession(String url, Map<String, String> headers) {
    this.url = url;
    this.headers = headers;
  }

  /** Initializes a session (headers go with every request) and confirms it. */
  public static RawMcpSession open(String url, Map<String, String> headers) {
    return open(url, headers, Json.object());
  }

  /**
   * A session of a client that declares the MCP Apps (UI) extension, so it is offered the
   * interactive tools too.
   */
  public static RawMcpSession openWithUi(String url, Map<String, String> headers) {
    ObjectNode capabilities = Json.object();
    capabilities.putObject("extensions").putObject("io.modelcontextprotocol/ui");
    return open(url, headers, capabilities);
  }

  private static RawMcpSession open(
      String url, Map<String, String> headers, ObjectNode capabilities) {
    RawMcpSession session = new RawMcpSession(url, new HashMap<>(headers));
    JsonNode init =
        session.request(
            "initialize",
            Json.object()
                .put("protocolVersion", "2025-06-18")
                .<ObjectNode>set("capabilities", capabilities)
                .set("clientInfo", Json.object().put("name", "hardening").put("version", "1")));
    if (!init.has("result")) {
      throw new IllegalStateException("initialize failed: " + init);
    }
    session.notify("notifications/initialized");
    return session;
  }

  /** A status and body, for requests that are not proper MCP messages. */
  public record Raw(int status, String body) {}

  @Override
  public JsonNode request(String method, JsonNode params) {
    int id = ids.getAndIncrement();
    ObjectNode message = Json.object().put("jsonrpc", "2.0").put("id", id).put("method", method);
    if (params != null) {
      message.set("params", params);
    }
    Raw raw = post(Json.write(message), Map.of());
    for (JsonNode answer : messages(raw.body())) {
      if (answer.path("id").asInt(-1) == id) {
        return answer;
      }
    }
    throw new IllegalStateException(
        "no answer to " + method + " (HTTP " + raw.status() + "): " + raw.body());
  }

  public void notify(String method) {
    post(Json.write(Json.object().put("jsonrpc", "2.0").put("method", method)), Map.of());
  }

  /** Posts any body with the session's headers (plus extra ones); what comes back is recorded. */
  public Raw post(String body, Map<String, String> extraHeaders) {
    return post(body.getBytes(StandardCharsets.UTF_8), extraHeaders);
  }

  public Raw post(byte[] body, Map<String, String> extraHeaders) {
    Request.Builder request =
        new Request.Builder()
            .url(url)
            .header("Accept", "application/json, text/event-stream")
            .post(RequestBody.create(body, JSON));
    if (sessionId != null) {
      request.header("Mcp-Session-Id", sessionId);
    }
    headers.forEach(request::header);
    extraHeaders.forEach(request::header);
    try (Response response = HTTP.newCall(request.build()).execute()) {
      String text = response.body() == null ? "" : response.body().string();
      received.append(text).append('\n');
      response
          .headers()
          .forEach(
              h -> received.append(h.getFirst()).append(": ").append(h.getSecond()).append('\n'));
      String id = response.header("Mcp-Session-Id");
      if (id != null && sessionId == null) {
        sessionId = id;
      }
      return new Raw(response.code(), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String received() {
    return received.toString();
  }

  /**
   * The JSON-RPC messages in a response body: one JSON object, or the data lines of an event
   * stream.
   */
  public static List<JsonNode> messages(String body) {
    List<JsonNode> out = new ArrayList<>();
    String trimmed = body.strip();
    if (trimmed.startsWith("{")) {
      out.add(parse(trimmed));
      return out;
    }
    for (String line : body.split("\n")) {
      if (line.startsWith("data:") && line.length() > 5 && !line.substring(5).isBlank()) {
        out.add(parse(line.substring(5).strip()));
      }
    }
    return out;
  }

  private static JsonNode parse(String text) {
    try {
      return LENIENT.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException(
          "not JSON: " + (text.length() > 300 ? text.substring(0, 300) : text), e);
    }
  }
}
