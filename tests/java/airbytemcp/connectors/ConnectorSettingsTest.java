package airbytemcp.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectorSettingsTest {
  @Test
  void withNothingSetContainersUseTheEnginesNetworkAndTheDefaultTimeouts() {
    ConnectorSettings settings = ConnectorSettings.from(Map.of());
    assertEquals(Optional.empty(), settings.dockerNetwork());
    assertEquals(RunLimits.defaults(), settings.limits());
  }

  @Test
  void aTimeoutCapsEveryConnectorCommandButNotInstalls() {
    ConnectorSettings settings = ConnectorSettings.from(Map.of(
        ConnectorSettings.TIMEOUT, "90", ConnectorSettings.DOCKER_NETWORK, " host "));
    assertEquals(Optional.of("host"), settings.dockerNetwork());
    assertEquals(Duration.ofSeconds(90), settings.limits().metadata());
    assertEquals(Duration.ofSeconds(90), settings.limits().data());
    assertEquals(RunLimits.defaults().install(), settings.limits().install());
  }

  @Test
  void aTimeoutThatIsNotAPositiveNumberFallsBackToTheDefaults() {
    assertEquals(RunLimits.defaults(), ConnectorSettings.from(Map.of(ConnectorSettings.TIMEOUT, "soon")).limits());
    assertEquals(RunLimits.defaults(), ConnectorSettings.from(Map.of(ConnectorSettings.TIMEOUT, "0")).limits());
  }
}
