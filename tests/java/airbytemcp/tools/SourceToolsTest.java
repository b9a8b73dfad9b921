package airbytemcp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.common.UserError;
import airbytemcp.connectors.ConnectorError;
import airbytemcp.connectors.DockerEngine;
import airbytemcp.connectors.HostTools;
import airbytemcp.protocol.ProtocolError;
import airbytemcp.testing.FakeConnector;
import airbytemcp.testing.Prerequisites;
import airbytemcp.testing.TestResolvers;
import airbytemcp.testing.ToolHarness;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local source tools over their handlers, with the test connector found on the PATH (auto picks
 * local).
 */
class SourceToolsTest {
  static final String KEY = "sk-tools-SECRET-24680";

  @TempDir Path workDir;
  ToolHarness harness;

  @BeforeEach
  void server() {
    harness =
        new ToolHarness(
            workDir,
            Map.of(
                "FAKE_API_KEY",
                KEY,
                "SOURCE_FAKE_CONFIG",
                "{\"api_key\": \"" + KEY + "\", \"count\": 2}"),
            TestResolvers.pathWithFake(),
            TestResolvers.NO_DOCKER);
  }

  private static Map<String, Object> args(String nameArg, Object... pairs) {
    Map<String, Object> args = new HashMap<>();
    args.put(nameArg, FakeConnector.NAME);
    args.put("config", Map.of("api_key", "secret_reference::FAKE_API_KEY", "count", 4));
    for (int i = 0; i < pairs.length; i += 2) {
      args.put((String) pairs[i], pairs[i + 1]);
    }
    return args;
  }

  private static String text(ToolResult result) {
    return Json.write(result.structured());
  }

  @Test
  void validateAcceptsAConfigThatMatchesTheSpecAndPassesTheCheck() throws Exception {
    ToolResult result = harness.call("validate_connector_config", args("connector_name"));
    assertEquals(true, result.structured().get("valid"), text(result));
  }

  @Test
  void validateNamesTheFieldThatDoesNotMatchTheSpec() throws Exception {
    ToolResult result =
        harness.call(
            "validate_connector_config",
            args(
                "connector_name",
                "config",
                Map.of("api_key", "secret_reference::FAKE_API_KEY", "count", "many")));
    assertEquals(false, result.structured().get("valid"));
    assertTrue(
        ((String) result.structured().get("message"))
            .contains("/count: string found, integer expected"),
        text(result));
  }

  @Test
  void validateRefusesALiteralValueInASecretField() throws Exception {
    ToolResult result =
        harness.call(
            "validate_connector_config",
            args("connector_name", "config", Map.of("api_key", "literal-key-123456")));
    assertEquals(false, result.structured().get("valid"));
    assertTrue(
        ((String) result.structured().get("message")).contains("secret_reference::"), text(result));
    assertFalse(
        harness.masker.mask(text(result)).contains("literal-key-123456"),
        "did not expect literal-key-123456 in harness.masker.mask(text(result))");
  }

  @Test
  void validateReportsAFailedCheckWithoutLeakingTheSecret() throws Exception {
    ToolResult result =
        harness.call(
            "validate_connector_config",
            args(
                "connector_name",
                "config",
                Map.of("api_key", "secret_reference::FAKE_API_KEY", "mode", "wrong_key")));
    assertEquals(false, result.structured().get("valid"), text(result));
    assertTrue(((String) result.structured().get("message")).contains("was refused"), text(result));
    assertFalse(text(result).contains(KEY), "did not expect " + KEY + " in text(result)");
  }

  @Test
  void listSourceStreamsNamesEveryStream() throws Exception {
    assertEquals(
        Map.of("result", List.of("users", "orders")),
        harness.call("list_source_streams", args("source_connector_name")).structured());
  }

  @Test
  void theStreamSchemaIsTheDiscoveredJsonSchema() throws Exception {
    ToolResult result =
        harness.call(
            "get_source_stream_json_schema", args("source_connector_name", "stream_name", "users"));
    assertEquals(
        Map.of("type", "integer"), ((Map<?, ?>) result.structured().get("properties")).get("id"));
  }

  @Test
  void anUnknownStreamIsAnErrorThatListsTheStreams() {
    ProtocolError error =
        assertThrows(
            ProtocolError.class,
            () ->
                harness.call(
                    "get_source_stream_json_schema",
                    args("source_connector_name", "stream_name", "nope")));
    assertTrue(
        error.hint().contains("users, orders"), "expected users, orders in: " + error.hint());
  }

  @Test
  void readReturnsTheFirstRecordsWithoutAirbyteColumnsUnlessAskedFor() throws Exception {
    ToolResult result =
        harness.call(
            "read_source_stream_records",
            args("source_connector_name", "stream_name", "users", "max_records", 3));
    List<?> records = (List<?>) result.structured().get("result");
    assertEquals(3, records.size());
    Map<?, ?> first = (Map<?, ?>) records.get(0);
    assertEquals(1, ((JsonNode) first.get("id")).asInt());
    assertTrue(
        first.keySet().stream().noneMatch(k -> k.toString().startsWith("_airbyte_")),
        first.toString());
    ToolResult withFields =
        harness.call(
            "read_source_stream_records",
            args(
                "source_connector_name",
                "stream_name",
                "users",
                "max_records",
                1,
                "include_airbyte_fields",
                true));
    Map<?, ?> asked = (Map<?, ?>) ((List<?>) withFields.structured().get("result")).get(0);
    assertTrue(
        asked.containsKey("_airbyte_raw_id") && asked.containsKey("_airbyte_extracted_at"),
        asked.toString());
  }

  @Test
  void readPagesWithOffset() throws Exception {
    ToolResult result =
        harness.call(
            "read_source_stream_records",
            args("source_connector_name", "stream_name", "users", "max_records", 2, "offset", 2));
    List<?> records = (List<?>) result.structured().get("result");
    assertEquals(2, records.size(), "the page after the first two records");
    assertEquals(3, ((JsonNode) ((Map<?, ?>) records.get(0)).get("id")).asInt());
  }

  @Test
  void aReadStoppedAtMaxRecordsSaysWhereTheNextPageStarts() throws Exception {
    Map<String, Object> page =
        harness
            .call(
                "read_source_stream_records",
                args(
                    "source_connector_name", "stream_name", "users", "max_records", 2, "offset", 2))
            .structured();
    assertEquals(2, page.get("offset"), Json.write(page));
    assertEquals(2, page.get("count"), Json.write(page));
    assertEquals(4, page.get("next_offset"), Json.write(page));
    assertTrue(page.get("next_part").toString().contains("offset=4"), Json.write(page));
  }

  @Test
  void aReadOfNoRecordsIsRefusedRatherThanAnsweredEmpty() {
    ArgumentError error =
        assertThrows(
            ArgumentError.class,
            () ->
                harness.call(
                    "read_source_stream_records",
                    args("source_connector_name", "stream_name", "users", "max_records", 0)));
    assertEquals("Argument 'max_records' must be 1 or more, not 0.", error.getMessage());
  }

  @Test
  void aShortReadIsTheSameObjectWithNoNextPage() throws Exception {
    Map<String, Object> page =
        harness
            .call(
                "read_source_stream_records",
                args("source_connector_name", "stream_name", "users", "max_records", 1000))
            .structured();
    assertEquals(((List<?>) page.get("result")).size(), page.get("count"), Json.write(page));
    assertTrue(
        page.containsKey("next_offset") && page.get("next_offset") == null, Json.write(page));
    assertFalse(page.containsKey("next_part"), Json.write(page));
  }

  @Test
  void previewsTakeTheSameSourceArgumentAsTheOtherSourceToolsAndTheOldNameStillWorks()
      throws Exception {
    ToolResult byNewName =
        harness.call(
            "get_stream_previews", args("source_connector_name", "streams", "users", "limit", 1));
    ToolResult byOldName =
        harness.call("get_stream_previews", args("source_name", "streams", "users", "limit", 1));
    assertEquals(
        1,
        ((List<?>) byNewName.structured().get("users")).size(),
        Json.write(byNewName.structured()));
    assertEquals(
        1,
        ((List<?>) byOldName.structured().get("users")).size(),
        Json.write(byOldName.structured()));
    assertTrue(
        ((Map<?, ?>) harness.tool("get_stream_previews").inputSchema().get("properties"))
            .containsKey("source_connector_name"));
  }

  @Test
  void aPreviewOfAMisspeltStreamNamesTheStreamsThereAre() throws Exception {
    ToolResult result =
        harness.call("get_stream_previews", args("source_name", "streams", "userz", "limit", 1));

    String answer = String.valueOf(result.structured().get("userz"));
    assertTrue(
        answer.contains("did you mean 'users'") && answer.contains("Available streams"),
        "the sample's error says what to ask for instead: " + answer);
  }

  @Test
  void previewsSampleEveryStreamWhenNoneIsNamedAndReportProgress() throws Exception {
    ToolResult result = harness.call("get_stream_previews", args("source_name", "limit", 2));
    assertEquals(2, ((List<?>) result.structured().get("users")).size());
    assertEquals(2, ((List<?>) result.structured().get("orders")).size());
    assertEquals(
        List.of("1.0/2.0 Read samples of users", "2.0/2.0 Read samples of orders"),
        harness.progress);
  }

  @Test
  void aWholeConfigCanComeFromASecret() throws Exception {
    Map<String, Object> args =
        new HashMap<>(
            Map.of(
                "source_connector_name",
                FakeConnector.NAME,
                "config_secret_name",
                "SOURCE_FAKE_CONFIG",
                "stream_name",
                "users"));
    List<?> records =
        (List<?>) harness.call("read_source_stream_records", args).structured().get("result");
    assertEquals(2, records.size());
  }

  @Test
  void listConnectorConfigSecretsNamesOnlyWholeConfigSecretsOfTheConnector() throws Exception {
    assertEquals(
        Map.of("result", List.of("SOURCE_FAKE_CONFIG")),
        harness
            .call("list_connector_config_secrets", Map.of("connector_name", FakeConnector.NAME))
            .structured());
  }

  @Test
  @Timeout(value = 1, unit = TimeUnit.MINUTES)
  void listConnectorConfigSecretsOfAMisspeltConnectorSaysWhichNameWasMeant() throws Exception {
    Map<String, Object> answer =
        harness
            .call("list_connector_config_secrets", Map.of("connector_name", "source-faek"))
            .structured();
    assertEquals(List.of(), answer.get("result"));
    assertTrue(
        String.valueOf(answer.get("message")).contains("did you mean source-fake?"),
        String.valueOf(answer));
  }

  @Test
  void anEmptyConfigSecretListAnswersResultFirstThenMessageLikeAFullOne() throws Exception {
    Map<String, Object> answer =
        harness
            .call("list_connector_config_secrets", Map.of("connector_name", "source-faek"))
            .structured();
    assertEquals(
        List.of("result", "message"),
        List.copyOf(answer.keySet()),
        "the list first, as in the answer that has names, then why it is empty");
  }

  @Test
  void aValidationAnswersValidFirstThenMessage() throws Exception {
    ToolResult result = harness.call("validate_connector_config", args("connector_name"));
    assertEquals(
        List.of("valid", "message"),
        List.copyOf(result.structured().keySet()),
        "the verdict, then what it rests on: " + text(result));
  }

  @Test
  void aNegativeOffsetOrLimitIsRefusedNotReadAsZero() {
    ArgumentError offset =
        assertThrows(
            ArgumentError.class,
            () ->
                harness.call(
                    "read_source_stream_records",
                    args("source_connector_name", "stream_name", "users", "offset", -3)));
    assertEquals(
        "Argument 'offset' must be 0 or more, not -3.",
        offset.getMessage(),
        "a page before the first does not exist");
    ArgumentError limit =
        assertThrows(
            ArgumentError.class,
            () ->
                harness.call(
                    "get_stream_previews",
                    args("source_connector_name", "streams", "users", "limit", -1)));
    assertEquals(
        "Argument 'limit' must be 0 or more, not -1.",
        limit.getMessage(),
        "no negative number of records");
  }

  @Test
  void aConnectorCrashIsAnErrorWithTheSecretMasked() {
    ConnectorError error =
        assertThrows(
            ConnectorError.class,
            () ->
                harness.call(
                    "list_source_streams",
                    args(
                        "source_connector_name",
                        "config",
                        Map.of("api_key", "secret_reference::FAKE_API_KEY", "mode", "crash"))));
    assertTrue(error.getMessage().contains("exit code 3"), error.getMessage());
    assertFalse(
        error.getMessage().contains(KEY), "did not expect " + KEY + " in: " + error.getMessage());
  }

  @Test
  void anUnknownExecutionModeIsRefused() {
    UserError error =
        assertThrows(
            UserError.class,
            () ->
                harness.call(
                    "list_source_streams",
                    args("source_connector_name", "override_execution_mode", "kubernetes")));
    assertTrue(
        error.getMessage().contains("kubernetes"), "expected kubernetes in: " + error.getMessage());
  }

  @Test
  void theDockerModeReadsTheSameConnectorFromItsImage() throws Exception {
    Prerequisites.require(FakeConnector.dockerReachable(), "A Docker engine");
    FakeConnector.dockerImage();
    ToolHarness docker =
        new ToolHarness(
            workDir.resolve("d"),
            Map.of("FAKE_API_KEY", KEY),
            HostTools.fromEnvironment(),
            DockerEngine.fromEnvironment());
    ToolResult result =
        docker.call(
            "read_source_stream_records",
            args(
                "source_connector_name",
                "stream_name",
                "orders",
                "override_execution_mode",
                "docker"));
    assertEquals(3, ((List<?>) result.structured().get("result")).size());
  }

  @Test
  void thePythonModeInstallsThePackageAndListsItsStreams() throws Exception {
    Prerequisites.require(HostTools.fromEnvironment().find("python3").isPresent(), "python3");
    ToolHarness python =
        new ToolHarness(
            workDir.resolve("p"),
            Map.of("FAKE_API_KEY", KEY),
            HostTools.fromEnvironment(),
            TestResolvers.NO_DOCKER);
    Map<String, Object> args =
        new HashMap<>(
            Map.of(
                "source_connector_name",
                FakeConnector.NAME,
                "config",
                "{\"api_key\": \"secret_reference::FAKE_API_KEY\"}",
                "override_execution_mode",
                "python"));
    assertEquals(
        Map.of("result", List.of("pets")), python.call("list_source_streams", args).structured());
  }
}
