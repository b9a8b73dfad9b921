package airbytemcp.tools;

import static airbytemcp.cloud.FakeAirbyte.CONNECTION;
import static airbytemcp.cloud.FakeAirbyte.DEFINITION;
import static airbytemcp.cloud.FakeAirbyte.DESTINATION;
import static airbytemcp.cloud.FakeAirbyte.JOB;
import static airbytemcp.cloud.FakeAirbyte.SOURCE;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.cloud.ApiConformance;
import airbytemcp.cloud.CloudError;
import airbytemcp.cloud.CloudObject;
import airbytemcp.cloud.FakeAirbyte;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Safe mode: objects this process did not create cannot be changed or deleted, and nothing is even
 * asked.
 */
class CloudSafeModeTest {
  @TempDir Path dir;
  FakeAirbyte fake;

  @BeforeEach
  void start() {
    fake = new FakeAirbyte();
    fake.happy();
  }

  @AfterEach
  void stop() {
    try {
      ApiConformance.assertAllConform(fake.server);
    } finally {
      fake.close();
    }
  }

  static Stream<Arguments> guardedTools() {
    return Stream.of(
        Arguments.of(
            "update_cloud_source_config",
            SOURCE,
            Map.of("source_id", SOURCE, "config", Map.of("count", 1))),
        Arguments.of(
            "update_cloud_destination_config",
            DESTINATION,
            Map.of(
                "destination_id",
                DESTINATION,
                "config",
                Map.of("test_destination", Map.of("test_destination_type", "SILENT")))),
        Arguments.of(
            "set_cloud_connection_table_prefix",
            CONNECTION,
            Map.of("connection_id", CONNECTION, "prefix", "x_")),
        Arguments.of(
            "set_cloud_connection_selected_streams",
            CONNECTION,
            Map.of("connection_id", CONNECTION, "stream_names", "users")),
        Arguments.of(
            "update_cloud_connection",
            CONNECTION,
            Map.of("connection_id", CONNECTION, "enabled", true)),
        Arguments.of(
            "permanently_delete_cloud_source",
            SOURCE,
            Map.of("source_id", SOURCE, "name", "my-source")),
        Arguments.of(
            "permanently_delete_cloud_destination",
            DESTINATION,
            Map.of("destination_id", DESTINATION, "name", "my-destination")),
        Arguments.of(
            "permanently_delete_cloud_connection",
            CONNECTION,
            Map.of("connection_id", CONNECTION, "name", "my-connection")),
        Arguments.of(
            "update_custom_source_definition",
            DEFINITION,
            Map.of("definition_id", DEFINITION, "testing_values", Map.of("a", "b"))),
        Arguments.of(
            "permanently_delete_custom_source_definition",
            DEFINITION,
            Map.of("definition_id", DEFINITION, "name", "my-yaml-source")),
        Arguments.of(
            "cancel_cloud_sync",
            String.valueOf(JOB),
            Map.of("connection_id", CONNECTION, "job_id", (int) JOB)));
  }

  @ParameterizedTest(name = "{0} refuses a pre-existing object")
  @MethodSource("guardedTools")
  void refusesObjectsNotCreatedHereWithoutAnyRequest(
      String tool, String id, Map<String, Object> args) {
    CloudToolsHarness harness = new CloudToolsHarness(fake, fake.env(dir), dir);
    CloudError error = assertThrows(CloudError.class, () -> harness.call(tool, args));
    assertTrue(error.getMessage().contains("'" + id + "'"), error.getMessage());
    assertTrue(error.getMessage().contains("AIRBYTE_CLOUD_MCP_SAFE_MODE"), error.getMessage());
    fake.server.verify(0, anyRequestedFor(anyUrl()));
  }

  @ParameterizedTest(name = "{0} proceeds with safe mode off")
  @MethodSource("guardedTools")
  void letsEverythingThroughWithSafeModeOff(String tool, String id, Map<String, Object> args)
      throws Exception {
    Map<String, String> env = fake.env(dir);
    env.put("AIRBYTE_CLOUD_MCP_SAFE_MODE", "0");
    CloudToolsHarness harness = new CloudToolsHarness(fake, env, dir);
    assertFalse(harness.call(tool, args).isError());
  }

  @Test
  void renamesPreExistingObjectsEvenInSafeMode() throws Exception {
    CloudToolsHarness harness = new CloudToolsHarness(fake, fake.env(dir), dir);
    assertTrue(
        harness
            .call("rename_cloud_source", Map.of("source_id", SOURCE, "name", "x"))
            .text()
            .contains("Renamed"),
        "expected Renamed in harness.call(\"rename_cloud_source\", Map.of(\"source_id\", S...");
  }

  @Test
  void deletesNothingWhenTheConfirmingNameDiffers() {
    CloudToolsHarness harness = new CloudToolsHarness(fake, fake.env(dir), dir);
    harness.cloud.ledger().recordCreated(CloudObject.SOURCE, SOURCE);
    CloudError error =
        assertThrows(
            CloudError.class,
            () ->
                harness.call(
                    "permanently_delete_cloud_source",
                    Map.of("source_id", SOURCE, "name", "other-name")));
    assertTrue(
        error.getMessage().contains("Name mismatch") && error.getMessage().contains("'my-source'"),
        error.getMessage());
    fake.server.verify(0, deleteRequestedFor(anyUrl()));
  }

  @Test
  void refusesACascadeToAPreExistingSourceBeforeDeletingTheConnection() {
    CloudToolsHarness harness = new CloudToolsHarness(fake, fake.env(dir), dir);
    harness.cloud.ledger().recordCreated(CloudObject.CONNECTION, CONNECTION);
    CloudError error =
        assertThrows(
            CloudError.class,
            () ->
                harness.call(
                    "permanently_delete_cloud_connection",
                    Map.of(
                        "connection_id",
                        CONNECTION,
                        "name",
                        "my-connection",
                        "cascade_delete_source",
                        true)));
    assertTrue(
        error.getMessage().contains(SOURCE), "expected " + SOURCE + " in: " + error.getMessage());
    fake.server.verify(0, deleteRequestedFor(anyUrl()));
  }

  @Test
  void remembersWhatItDeployedSoItMayDeleteIt() throws Exception {
    CloudToolsHarness harness = new CloudToolsHarness(fake, fake.env(dir), dir);
    harness.call("deploy_noop_destination_to_cloud", Map.of("unique", false));
    harness.call(
        "permanently_delete_cloud_destination",
        Map.of("destination_id", DESTINATION, "name", "my-destination"));
    fake.server.verify(
        1, deleteRequestedFor(urlPathEqualTo("/api/public/v1/destinations/" + DESTINATION)));
    assertEquals(true, harness.cloud.ledger().createdHere(CloudObject.DESTINATION, DESTINATION));
  }
}
