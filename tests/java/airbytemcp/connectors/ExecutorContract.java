package airbytemcp.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.protocol.AirbyteMessage;
import airbytemcp.protocol.ConfiguredCatalogs;
import airbytemcp.protocol.ConfiguredCatalogs.ReadMode;
import airbytemcp.protocol.DiscoveredStream;
import airbytemcp.protocol.MessageType;
import airbytemcp.protocol.StopReading;
import airbytemcp.secrets.Masker;
import airbytemcp.testing.TestResolvers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every executor must do with the test connector; each back-end runs these against the real
 * thing.
 */
abstract class ExecutorContract {
  static final String SECRET = "sk-test-SECRET-98765";

  @TempDir Path workDir;
  final Masker masker = new Masker();

  /** The test connector on this back-end. */
  abstract Connector connector(RunLimits limits);

  Connector connector() {
    return connector(TestResolvers.LIMITS);
  }

  ObjectNode config(String mode, int count) {
    masker.register(SECRET);
    return Json.object().put("api_key", SECRET).put("mode", mode).put("count", count);
  }

  List<AirbyteMessage> read(
      Connector connector, ObjectNode config, List<String> streams, Optional<JsonNode> state) {
    List<DiscoveredStream> discovered = DiscoveredStream.allOf(connector.discover(config));
    ObjectNode catalog =
        ConfiguredCatalogs.build(discovered, streams, ReadMode.INCREMENTAL, "append");
    List<AirbyteMessage> messages = new ArrayList<>();
    connector.read(config, catalog, state, messages::add);
    return messages;
  }

  static List<JsonNode> records(List<AirbyteMessage> messages) {
    return messages.stream()
        .filter(m -> m.type() == MessageType.RECORD)
        .map(m -> m.payload().path("data"))
        .toList();
  }

  @Test
  void specReturnsTheConnectionSpecification() {
    ObjectNode spec = connector().spec();
    assertEquals(
        List.of("api_key"),
        List.of(spec.path("connectionSpecification").path("required").get(0).asText()));
    assertTrue(
        spec.path("connectionSpecification")
            .path("properties")
            .path("api_key")
            .path("airbyte_secret")
            .asBoolean());
  }

  @Test
  void checkAnswersTheConnectionStatus() {
    Connector connector = connector();
    assertEquals("SUCCEEDED", connector.check(config("ok", 1)).path("status").asText());
    assertEquals("FAILED", connector.check(config("wrong_key", 1)).path("status").asText());
  }

  @Test
  void discoverListsStreamsWithTheirSyncModesCursorsAndKeys() {
    List<DiscoveredStream> streams = DiscoveredStream.allOf(connector().discover(config("ok", 1)));
    assertEquals(List.of("users", "orders"), streams.stream().map(DiscoveredStream::name).toList());
    assertEquals(List.of("updated_at"), streams.get(0).defaultCursorField());
    assertEquals(List.of(List.of("id")), streams.get(0).sourceDefinedPrimaryKey());
    assertFalse(streams.get(1).supportsIncremental());
  }

  @Test
  void readStreamsRecordsAndStatesOfTheConfiguredStreamsOnly() {
    List<AirbyteMessage> messages =
        read(connector(), config("ok", 5), List.of("users"), Optional.empty());
    List<JsonNode> records = records(messages);
    assertEquals(5, records.size());
    assertEquals(1, records.get(0).path("id").asInt());
    assertTrue(messages.stream().anyMatch(m -> m.type() == MessageType.STATE));
    assertTrue(
        messages.stream()
            .anyMatch(
                m ->
                    m.type() == MessageType.LOG
                        && m.payload().path("message").asText().startsWith("fake source starting")),
        "plain text on stdout arrives as a LOG message");
  }

  @Test
  void readResumesFromTheGivenState() {
    JsonNode state =
        Json.parse(
            "[{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":{\"name\":\"users\"},\"stream_state\":{\"updated_at\":3}}}]");
    List<JsonNode> records =
        records(read(connector(), config("ok", 2), List.of("users"), Optional.of(state)));
    assertEquals(List.of(4, 5), records.stream().map(r -> r.path("id").asInt()).toList());
  }

  @Test
  void theConfigFilesHoldingSecretsAreDeletedAfterEachCommandEvenAFailedOne() throws Exception {
    Connector connector = connector();
    connector.check(config("ok", 1));
    assertThrows(ConnectorError.class, () -> connector.discover(config("crash", 1)));
    try (var left = Files.list(workDir.resolve("run"))) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void aTraceErrorFailsTheCommandWithTheConnectorsMessageMasked() {
    ConnectorError error =
        assertThrows(ConnectorError.class, () -> connector().check(config("trace_error", 1)));
    assertTrue(error.getMessage().contains("The API rejected key ****"), error.getMessage());
    assertFalse(
        error.getMessage().contains(SECRET),
        "did not expect " + SECRET + " in: " + error.getMessage());
  }

  @Test
  void aCrashReportsTheExitCodeAndTheMaskedEndOfStderr() {
    ConnectorError error =
        assertThrows(ConnectorError.class, () -> connector().discover(config("crash", 1)));
    assertTrue(error.getMessage().contains("exit code 3"), error.getMessage());
    assertTrue(error.getMessage().contains("key=****"), error.getMessage());
    assertFalse(
        error.getMessage().contains(SECRET),
        "did not expect " + SECRET + " in: " + error.getMessage());
  }

  @Test
  void aConnectorThatHangsIsStoppedAtTheTimeout() {
    RunLimits tight =
        new RunLimits(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofMinutes(1));
    ConnectorError error =
        assertThrows(ConnectorError.class, () -> connector(tight).check(config("slow", 1)));
    assertTrue(error.getMessage().contains("did not finish within 3 s"), error.getMessage());
  }

  @Test
  void aSinkThatHasEnoughStopsTheConnectorAndTheReadEndsNormally() {
    Connector connector = connector();
    ObjectNode config = config("ok", 1_000_000);
    ObjectNode catalog =
        ConfiguredCatalogs.build(
            DiscoveredStream.allOf(connector.discover(config)),
            List.of("users"),
            ReadMode.FULL_REFRESH,
            "append");
    List<AirbyteMessage> records = new ArrayList<>();
    connector.read(
        config,
        catalog,
        Optional.empty(),
        m -> {
          if (m.type() == MessageType.RECORD) {
            records.add(m);
            if (records.size() == 3) {
              throw new StopReading();
            }
          }
        });
    assertEquals(3, records.size());
  }

  @Test
  void writeFeedsMessagesOnStdinUntilEndOfInputAndStreamsTheDestinationsOutput() {
    List<String> input = new ArrayList<>();
    for (int i = 1; i <= 1000; i++) {
      input.add(
          "{\"type\":\"RECORD\",\"record\":{\"stream\":\"users\",\"data\":{\"id\":"
              + i
              + "},\"emitted_at\":1}}");
      if (i % 250 == 0) {
        input.add(
            "{\"type\":\"STATE\",\"state\":{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":"
                + "{\"name\":\"users\"},\"stream_state\":{\"id\":"
                + i
                + "}}}}");
      }
    }
    List<AirbyteMessage> output = new ArrayList<>();
    connector().write(config("ok", 0), Json.parse("{\"streams\":[]}"), input, output::add);
    assertEquals(
        List.of(250, 500, 750, 1000),
        output.stream()
            .filter(m -> m.type() == MessageType.STATE)
            .map(m -> m.payload().path("stream").path("stream_state").path("id").asInt())
            .toList());
    assertTrue(
        output.stream()
            .anyMatch(
                m ->
                    m.type() == MessageType.LOG
                        && m.payload().path("message").asText().equals("wrote 1000 records")));
  }
}
