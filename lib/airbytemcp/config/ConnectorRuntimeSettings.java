package airbytemcp.config;

import airbytemcp.network.EgressRules;
import java.time.Duration;
import java.util.Optional;

/**
 * How connectors run: the network of connector containers ({@code AIRBYTE_MCP_DOCKER_NETWORK}, e.g.
 * {@code host} or {@code none}; the engine's default when empty) and a cap on any one connector
 * command ({@code AIRBYTE_MCP_CONNECTOR_TIMEOUT}; the runtime's defaults when empty), and where the
 * declarative component schema that manifests are validated against comes from ({@code
 * AIRBYTE_DECLARATIVE_SCHEMA}, a path or URL; the Python CDK's published copy when empty), and
 * which loopback or private hosts connections made by the server itself may reach ({@code
 * AIRBYTE_MCP_EGRESS_HOSTS}; none when empty).
 */
public record ConnectorRuntimeSettings(
    Optional<String> dockerNetwork,
    Optional<Duration> commandTimeout,
    Optional<String> declarativeSchema,
    EgressRules egress) {
  public static ConnectorRuntimeSettings defaults() {
    return new ConnectorRuntimeSettings(
        Optional.empty(), Optional.empty(), Optional.empty(), EgressRules.NONE);
  }
}
