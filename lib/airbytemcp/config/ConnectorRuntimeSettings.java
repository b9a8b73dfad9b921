package airbytemcp.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How connectors run: the network of connector containers ({@code AIRBYTE_MCP_DOCKER_NETWORK}, e.g. {@code host}
 * or {@code none}; the engine's default when empty) and a cap on any one connector command
 * ({@code AIRBYTE_MCP_CONNECTOR_TIMEOUT}; the runtime's defaults when empty).
 */
public record ConnectorRuntimeSettings(Optional<String> dockerNetwork, Optional<Duration> commandTimeout) {
  public static ConnectorRuntimeSettings defaults() {
    return new ConnectorRuntimeSettings(Optional.empty(), Optional.empty());
  }
}
