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
import airbytemcp.secrets.Masker;
import airbytemcp.testing.FakeConnector;
import airbytemcp.testing.Prerequisites;
import airbytemcp.testing.TestResolvers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python test connector installed into a venv from a local wheel (no index), then run over the
 * protocol.
 */
class PythonExecutorTest {
  @TempDir Path workDir;
  final Masker masker = new Masker();

  @BeforeAll
  static void python() {
    Prerequisites.require(HostTools.fromEnvironment().find("python3").isPresent(), "python3");
  }

  private ConnectorResolver resolver() {
    return TestResolvers.create(
        workDir,
        TestResolvers.systemPath(),
        TestResolvers.NO_DOCKER,
        NativeConnectorFactory.unavailable(),
        masker,
        TestResolvers.LIMITS);
  }

  @Test
  void installsTheRegistrysPypiPackageIntoAVenvAndRunsIt() {
    Connector connector =
        resolver().resolve(ConnectorRequest.of(FakeConnector.NAME).withMode(ExecutionMode.PYTHON));
    assertTrue(Files.isExecutable(workDir.resolve("venvs/.venv-source-fake/bin/source-fake")));
    ObjectNode config = Json.object().put("api_key", "py-secret-1234");
    assertEquals("SUCCEEDED", connector.check(config).path("status").asText());
    List<DiscoveredStream> streams = DiscoveredStream.allOf(connector.discover(config));
    List<AirbyteMessage> messages = new ArrayList<>();
    connector.read(
        config,
        ConfiguredCatalogs.build(streams, List.of("pets"), ReadMode.INCREMENTAL, "append"),
        Optional.empty(),
        messages::add);
    assertEquals(
        List.of("cat", "dog", "newt"),
        messages.stream()
            .filter(m -> m.type() == MessageType.RECORD)
            .map(m -> m.payload().path("data").path("pet").asText())
            .toList());
  }

  @Test
  void aPinnedVersionThatCannotBeInstalledFailsClearlyAndLeavesNoVenv() {
    ConnectorError error =
        assertThrows(
            ConnectorError.class,
            () ->
                resolver()
                    .resolve(
                        ConnectorRequest.of(FakeConnector.NAME)
                            .withMode(ExecutionMode.PYTHON)
                            .withVersion("9.9.9")));
    assertTrue(
        error.getMessage().startsWith("Could not install airbyte-source-fake==9.9.9"),
        error.getMessage());
    assertFalse(Files.exists(workDir.resolve("venvs/.venv-source-fake")));
  }

  @Test
  void withoutPythonTheInstallFailsWithAnInstruction() {
    PythonVenvs venvs =
        new PythonVenvs(
            workDir,
            HostTools.ofPath(workDir.toString()),
            ConnectorEnvironment.NO_USER_SECRETS,
            Map.of(),
            masker,
            Duration.ofMinutes(1));
    ConnectorError error =
        assertThrows(
            ConnectorError.class,
            () -> venvs.ensureInstalled(FakeConnector.NAME, "airbyte-source-fake"));
    assertTrue(error.getMessage().startsWith("Python 3 is not installed here"), error.getMessage());
    assertFalse(venvs.pythonAvailable());
  }
}
