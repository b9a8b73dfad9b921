package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.cloud.ApiConformance;
import airbytemcp.cloud.FakeAirbyte;
import airbytemcp.common.Json;
import airbytemcp.config.Settings;
import airbytemcp.config.SettingsLoader;
import airbytemcp.config.Transport;
import airbytemcp.secrets.MaskerSeeds;
import airbytemcp.testing.HttpMcp;
import airbytemcp.testing.RawMcpSession;
import airbytemcp.tools.Services;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several MCP sessions over HTTP, each with its own Airbyte token, calling tools in parallel while
 * a sync waits for its job: every call succeeds, and no session ever sees another's data or acts
 * with another's token.
 */
class HttpConcurrencyTest {
  static final int SESSIONS = 4;
  static final int CALLS_PER_SESSION = 30;

  @TempDir Path dir;
  private final FakeAirbyte fake = new FakeAirbyte().happy();
  private HttpMcp server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    fake.close();
  }

  private static String token(int session) {
    return "session-" + session + "-token-Kq" + (1000 + session);
  }

  private static String marker(int session) {
    return "source-of-session-" + session;
  }

  @Test
  void parallelCallsFromSeveralSessionsAllSucceedWithoutCrossTalk() throws Exception {
    for (int s = 0; s < SESSIONS; s++) {
      fake.server.stubFor(
          get(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/sources"))
              .atPriority(1)
              .withHeader("Authorization", equalTo("Bearer " + token(s)))
              .willReturn(
                  okJson(FakeAirbyte.page(FakeAirbyte.source(marker(s)))).withFixedDelay(20)));
    }
    fake.server.stubFor(
        get(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/jobs/" + FakeAirbyte.JOB))
            .atPriority(1)
            .willReturn(okJson(FakeAirbyte.job(FakeAirbyte.JOB, "succeeded")).withFixedDelay(500)));
    Map<String, String> env = new HashMap<>(fake.env(dir.resolve("project")));
    Settings settings = SettingsLoader.load(env, dir, dir, Transport.HTTP);
    server = HttpMcp.start(Services.create(settings, MaskerSeeds.fromSettings(settings)));

    List<RawMcpSession> sessions = new ArrayList<>();
    for (int s = 0; s < SESSIONS; s++) {
      sessions.add(
          RawMcpSession.open(server.mcpUrl(), Map.of("Authorization", "Bearer " + token(s))));
    }
    AtomicInteger cloudListCalls = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<String>> results = new ArrayList<>();
    for (int s = 0; s < SESSIONS; s++) {
      int session = s;
      RawMcpSession client = sessions.get(s);
      results.add(
          pool.submit(
              () ->
                  check(
                      session,
                      client.callTool(
                          "run_cloud_sync",
                          Json.object()
                              .put("connection_id", FakeAirbyte.CONNECTION)
                              .put("wait", true)),
                      "run_cloud_sync")));
      for (int i = 0; i < CALLS_PER_SESSION; i++) {
        int kind = i % 3;
        results.add(
            pool.submit(
                () -> {
                  if (kind == 0) {
                    cloudListCalls.incrementAndGet();
                    JsonNode answer =
                        client.callTool("list_deployed_cloud_source_connectors", Json.object());
                    String text = check(session, answer, "list_deployed_cloud_source_connectors");
                    assertTrue(
                        text.contains(marker(session)),
                        "session " + session + " sees its own data: " + text);
                    for (int other = 0; other < SESSIONS; other++) {
                      assertFalse(
                          other != session && text.contains(marker(other)),
                          "session " + session + " saw session " + other);
                    }
                    return text;
                  }
                  ObjectNode args =
                      kind == 1
                          ? Json.object().put("keyword_filter", "faker")
                          : Json.object().put("connection_id", FakeAirbyte.CONNECTION);
                  return check(
                      session,
                      client.callTool(
                          kind == 1 ? "list_connectors" : "describe_cloud_connection", args),
                      kind == 1 ? "list_connectors" : "describe_cloud_connection");
                }));
      }
    }
    pool.shutdown();
    for (Future<String> result : results) {
      result.get(3, TimeUnit.MINUTES);
    }
    assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
    for (int s = 0; s < SESSIONS; s++) {
      int expected = (int) IntStream.range(0, CALLS_PER_SESSION).filter(i -> i % 3 == 0).count();
      fake.server.verify(
          expected,
          getRequestedFor(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/sources"))
              .withHeader("Authorization", equalTo("Bearer " + token(s))));
    }
    for (int s = 0; s < SESSIONS; s++) {
      String everything = sessions.get(s).received();
      for (int other = 0; other < SESSIONS; other++) {
        assertFalse(
            other != s && (everything.contains(marker(other)) || everything.contains(token(other))),
            "session " + s + " received something of session " + other);
      }
    }
    System.out.println(
        "Concurrency over HTTP: "
            + SESSIONS
            + " sessions, "
            + results.size()
            + " parallel tool calls ("
            + cloudListCalls.get()
            + " with per-session tokens, "
            + SESSIONS
            + " syncs waiting), 0 errors, 0 cross-session leaks.");
  }

  private static String check(int session, JsonNode answer, String tool) {
    String text = answer.toString();
    assertTrue(
        answer.has("result") && !answer.path("result").path("isError").asBoolean(false),
        "session " + session + " " + tool + " failed: " + text);
    return text;
  }
}
