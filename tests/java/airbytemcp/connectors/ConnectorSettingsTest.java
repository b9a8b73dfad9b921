package airbytemcp.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.config.ConfigError;
import airbytemcp.config.SettingsLoader;
import airbytemcp.testing.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorSettingsTest {
  @TempDir Path dir;

  private ConnectorSettings load(TestSettings settings) {
    return ConnectorSettings.from(settings.load().connectorRuntime());
  }

  @Test
  void withNothingSetContainersUseTheEnginesNetworkAndTheDefaultTimeouts() {
    ConnectorSettings settings = load(TestSettings.in(dir));
    assertEquals(Optional.empty(), settings.dockerNetwork());
    assertEquals(RunLimits.defaults(), settings.limits());
  }

  @Test
  void aTimeoutCapsEveryConnectorCommandButNotInstalls() {
    ConnectorSettings settings =
        load(
            TestSettings.in(dir)
                .env(SettingsLoader.CONNECTOR_TIMEOUT, "90")
                .env(SettingsLoader.DOCKER_NETWORK, " host "));
    assertEquals(Optional.of("host"), settings.dockerNetwork());
    assertEquals(Duration.ofSeconds(90), settings.limits().metadata());
    assertEquals(Duration.ofSeconds(90), settings.limits().data());
    assertEquals(RunLimits.defaults().install(), settings.limits().install());
  }

  @Test
  void bothWorkFromTheDotenvFile() throws IOException {
    Path dotenv =
        Files.writeString(
            dir.resolve("x.env"),
            "AIRBYTE_MCP_DOCKER_NETWORK=none\nAIRBYTE_MCP_CONNECTOR_TIMEOUT=30\n");
    ConnectorSettings settings =
        load(TestSettings.in(dir).env(SettingsLoader.ENV_FILE, dotenv.toString()));
    assertEquals(Optional.of("none"), settings.dockerNetwork());
    assertEquals(Duration.ofSeconds(30), settings.limits().data());
  }

  @Test
  void aTimeoutThatIsNotAPositiveNumberStopsStartUpNamingTheVariable() {
    for (String bad : new String[] {"soon", "0", "-5"}) {
      ConfigError e =
          assertThrows(
              ConfigError.class,
              () -> TestSettings.in(dir).env(SettingsLoader.CONNECTOR_TIMEOUT, bad).load());
      assertTrue(e.getMessage().contains("AIRBYTE_MCP_CONNECTOR_TIMEOUT"), e.getMessage());
    }
  }
}
