package airbytemcp.connectors;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the connector runtime, from the environment: {@code AIRBYTE_MCP_DOCKER_NETWORK} (the network of
 * connector containers, e.g. {@code host} or {@code none}; the engine's default when unset) and
 * {@code AIRBYTE_MCP_CONNECTOR_TIMEOUT} (seconds any one connector command may run; defaults: 10 min for
 * spec/check/discover, 6 h for read/write).
 */
public record ConnectorSettings(Optional<String> dockerNetwork, RunLimits limits) {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConnectorSettings.class);
  public static final String DOCKER_NETWORK = "AIRBYTE_MCP_DOCKER_NETWORK";
  public static final String TIMEOUT = "AIRBYTE_MCP_CONNECTOR_TIMEOUT";

  public static ConnectorSettings from(Map<String, String> env) {
    Optional<String> network = Optional.ofNullable(env.get(DOCKER_NETWORK)).map(String::strip).filter(s -> !s.isEmpty());
    RunLimits limits = RunLimits.defaults();
    String timeout = env.get(TIMEOUT);
    if (timeout != null && !timeout.isBlank()) {
      long seconds;
      try {
        seconds = Long.parseLong(timeout.strip());
      } catch (NumberFormatException e) {
        seconds = -1;
      }
      if (seconds <= 0) {
        LOG.warn("{} must be a whole number of seconds above 0, but it is '{}'; using the default timeouts.",
            TIMEOUT, timeout);
      } else {
        Duration cap = Duration.ofSeconds(seconds);
        limits = new RunLimits(cap, cap, limits.install());
      }
    }
    return new ConnectorSettings(network, limits);
  }
}
