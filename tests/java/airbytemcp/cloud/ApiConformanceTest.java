package airbytemcp.cloud;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.HttpClients;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The conformance check itself: requests the real API would reject must fail a test. */
class ApiConformanceTest {
  private final FakeAirbyte fake = new FakeAirbyte();

  @AfterEach
  void stop() {
    fake.close();
  }

  private void send(String method, String path, String body) throws Exception {
    Request.Builder request = new Request.Builder().url(fake.server.baseUrl() + path);
    request.method(
        method, body == null ? null : RequestBody.create(body, MediaType.get("application/json")));
    try (Response ignored = HttpClients.shared().newCall(request.build()).execute()) {
      // the fake answers 404 for everything; only the request matters
    }
  }

  @Test
  void acceptsARequestTheSpecAllows() throws Exception {
    ApiConformance.requireSpec();
    send(
        "POST",
        "/api/public/v1/jobs",
        "{\"connectionId\":\"" + FakeAirbyte.CONNECTION + "\",\"jobType\":\"sync\"}");
    ApiConformance.assertAllConform(fake.server);
  }

  @Test
  void rejectsAPageSizeAboveTheApiMaximum() throws Exception {
    ApiConformance.requireSpec();
    send("GET", "/api/public/v1/sources?limit=500", null);
    AssertionError error =
        assertThrows(AssertionError.class, () -> ApiConformance.assertAllConform(fake.server));
    assertTrue(error.getMessage().contains("maximum"), error.getMessage());
  }

  @Test
  void rejectsABodyMissingARequiredField() throws Exception {
    ApiConformance.requireSpec();
    send(
        "POST",
        "/api/public/v1/sources",
        "{\"name\":\"x\",\"workspaceId\":\"" + FakeAirbyte.WORKSPACE + "\"}");
    assertThrows(AssertionError.class, () -> ApiConformance.assertAllConform(fake.server));
  }

  @Test
  void rejectsAnUnknownEnumValue() throws Exception {
    ApiConformance.requireSpec();
    send(
        "PATCH",
        "/api/public/v1/connections/" + FakeAirbyte.CONNECTION,
        "{\"schedule\":{\"scheduleType\":\"weekly\"}}");
    assertThrows(AssertionError.class, () -> ApiConformance.assertAllConform(fake.server));
  }

  @Test
  void rejectsAConfigApiCallWithoutItsRequiredBodyField() throws Exception {
    send("POST", "/api/v1/jobs/get", "{\"jobId\":1}");
    assertThrows(AssertionError.class, () -> ApiConformance.assertAllConform(fake.server));
  }
}
