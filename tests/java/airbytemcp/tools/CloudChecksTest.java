package airbytemcp.tools;

import static airbytemcp.cloud.FakeAirbyte.CONNECTION;
import static airbytemcp.cloud.FakeAirbyte.DESTINATION;
import static airbytemcp.cloud.FakeAirbyte.SOURCE;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.cloud.ApiConformance;
import airbytemcp.cloud.CloudError;
import airbytemcp.cloud.CloudObject;
import airbytemcp.cloud.FakeAirbyte;
import airbytemcp.common.Json;
import airbytemcp.common.UserError;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Cloud tools check before calling Airbyte: configs against the connector's spec, stream
 * names against the source's catalog; and what describe_cloud_connection reports.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CloudChecksTest {
  static final String P = ApiConformance.PUBLIC_ROOT;

  @TempDir Path dir;
  FakeAirbyte fake;
  CloudToolsHarness harness;

  @BeforeEach
  void start() {
    fake = new FakeAirbyte().happy();
    harness = new CloudToolsHarness(fake, fake.env(dir), dir);
    harness.cloud.ledger().recordCreated(CloudObject.SOURCE, SOURCE);
    harness.cloud.ledger().recordCreated(CloudObject.DESTINATION, DESTINATION);
    harness.cloud.ledger().recordCreated(CloudObject.CONNECTION, CONNECTION);
  }

  @AfterEach
  void stop() {
    try {
      ApiConformance.assertAllConform(fake.server);
    } finally {
      fake.close();
    }
  }

  @Test
  void deployRefusesAConfigMissingRequiredFieldsWithFieldLevelMessages() {
    UserError error =
        assertThrows(
            UserError.class,
            () ->
                harness.call(
                    "deploy_source_to_cloud",
                    Map.of(
                        "source_name",
                        "s",
                        "source_connector_name",
                        "source-stripe",
                        "config",
                        Map.of("start_date", "2024-01-01"))));
    assertTrue(
        error.getMessage().contains("account_id") && error.getMessage().contains("client_secret"),
        "each missing field is named: " + error.getMessage());
    fake.server.verify(0, postRequestedFor(urlPathEqualTo(P + "/sources")));
  }

  @Test
  void deployRefusesWrongTypesAndEnumViolations() {
    UserError wrongType =
        assertThrows(
            UserError.class,
            () ->
                harness.call(
                    "deploy_source_to_cloud",
                    Map.of(
                        "source_name",
                        "s",
                        "source_connector_name",
                        "source-faker",
                        "config",
                        Map.of("count", "many"))));
    assertTrue(wrongType.getMessage().contains("/count"), wrongType.getMessage());
    UserError badEnum =
        assertThrows(
            UserError.class,
            () ->
                harness.call(
                    "deploy_destination_to_cloud",
                    Map.of(
                        "destination_name",
                        "d",
                        "destination_connector_name",
                        "destination-dev-null",
                        "config",
                        Map.of(
                            "test_destination", Map.of("test_destination_type", "NOT_A_MODE")))));
    assertTrue(badEnum.getMessage().contains("test_destination"), badEnum.getMessage());
    fake.server.verify(0, postRequestedFor(urlPathEqualTo(P + "/sources")));
    fake.server.verify(0, postRequestedFor(urlPathEqualTo(P + "/destinations")));
  }

  @Test
  void deployOfAValidConfigGoesThroughWithoutANote() throws Exception {
    String answer =
        harness
            .call(
                "deploy_source_to_cloud",
                Map.of(
                    "source_name",
                    "s",
                    "source_connector_name",
                    "source-faker",
                    "config",
                    Map.of("count", 10),
                    "unique",
                    false))
            .text();
    assertTrue(answer.startsWith("Deployed source 's'"), answer);
    assertFalse(answer.contains("not validated"), answer);
  }

  @Test
  void configUpdatesAreValidatedAgainstTheSpecOfTheDeployedConnector() {
    UserError error =
        assertThrows(
            UserError.class,
            () ->
                harness.call(
                    "update_cloud_source_config",
                    Map.of("source_id", SOURCE, "config", Map.of("count", "many"))));
    assertTrue(
        error.getMessage().contains("source-faker") && error.getMessage().contains("/count"),
        error.getMessage());
    fake.server.verify(0, patchRequestedFor(urlPathEqualTo(P + "/sources/" + SOURCE)));
  }

  @Test
  void configUpdatesOfACustomDefinitionPassWithANoteThatTheyWereNotValidated() throws Exception {
    fake.publicJson(
        "GET",
        "/sources/" + SOURCE,
        FakeAirbyte.source("my-source")
            .replace("dfd88b22-b603-4c3d-aad7-3701784586b1", FakeAirbyte.DEFINITION));
    String answer =
        harness
            .call(
                "update_cloud_source_config",
                Map.of("source_id", SOURCE, "config", Map.of("anything", "goes")))
            .text();
    assertTrue(answer.contains("Updated the config") && answer.contains("not validated"), answer);
  }

  @Test
  void unknownStreamNamesAreRefusedWithTheAvailableOnes() {
    CloudError error =
        assertThrows(
            CloudError.class,
            () ->
                harness.call(
                    "create_connection_on_cloud",
                    Map.of(
                        "connection_name",
                        "c",
                        "source_id",
                        SOURCE,
                        "destination_id",
                        DESTINATION,
                        "selected_streams",
                        "users,Orders")));
    assertTrue(error.getMessage().contains("'Orders'"), error.getMessage());
    assertTrue(
        error.getMessage().contains("users, products"),
        "the available names: " + error.getMessage());
    fake.server.verify(0, postRequestedFor(urlPathEqualTo(P + "/connections")));
  }

  @Test
  void aStarOnItsOwnSelectsEveryStreamOfTheSource() throws Exception {
    harness.call(
        "create_connection_on_cloud",
        Map.of(
            "connection_name",
            "c",
            "source_id",
            SOURCE,
            "destination_id",
            DESTINATION,
            "selected_streams",
            "*"));
    fake.server.verify(
        postRequestedFor(urlPathEqualTo(P + "/connections"))
            .withRequestBody(containing("{\"name\":\"users\"},{\"name\":\"products\"}")));
    fake.server.verify(
        0,
        postRequestedFor(urlPathEqualTo(P + "/connections")).withRequestBody(containing("\"*\"")));
  }

  @Test
  void aStarMixedWithNamesIsRefused() {
    CloudError error =
        assertThrows(
            CloudError.class,
            () ->
                harness.call(
                    "create_connection_on_cloud",
                    Map.of(
                        "connection_name",
                        "c",
                        "source_id",
                        SOURCE,
                        "destination_id",
                        DESTINATION,
                        "selected_streams",
                        "*,users")));
    assertTrue(error.getMessage().contains("'*'"), error.getMessage());
  }

  @Test
  void selectedStreamUpdatesAreCheckedAgainstTheConnectionsSource() {
    CloudError error =
        assertThrows(
            CloudError.class,
            () ->
                harness.call(
                    "set_cloud_connection_selected_streams",
                    Map.of("connection_id", CONNECTION, "stream_names", "customers")));
    assertTrue(
        error.getMessage().contains("'customers'")
            && error.getMessage().contains("users, products"),
        error.getMessage());
    fake.server.verify(0, patchRequestedFor(urlPathEqualTo(P + "/connections/" + CONNECTION)));
  }

  @Test
  void describeConnectionShowsStatusAndSchedule() throws Exception {
    fake.publicJson(
        "GET",
        "/connections/" + CONNECTION,
        FakeAirbyte.connection("my-connection")
            .replace(
                "{\"scheduleType\":\"manual\"}",
                "{\"scheduleType\":\"cron\",\"cronExpression\":\"0 0 12 * * ?\"}")
            .replace("\"status\":\"active\"", "\"status\":\"inactive\""));
    Map<String, Object> shown =
        harness.call("describe_cloud_connection", Map.of("connection_id", CONNECTION)).structured();
    assertEquals("inactive", shown.get("status"), Json.write(shown));
    assertEquals("cron", shown.get("schedule_type"), Json.write(shown));
    assertEquals("0 0 12 * * ?", shown.get("cron_expression"), Json.write(shown));
  }
}
