package airbytemcp.connectors;

import airbytemcp.config.ConnectorRuntimeSettings;
import java.util.Optional;

/**
 * The connector runtime's view of its settings: the container network and the limits of each
 * command.
 */
public record ConnectorSettings(Optional<String> dockerNetwork, RunLimits limits) {
  public static ConnectorSettings from(ConnectorRuntimeSettings settings) {
    RunLimits limits = RunLimits.defaults();
    if (settings.commandTimeout().isPresent()) {
      limits =
          new RunLimits(
              settings.commandTimeout().get(), settings.commandTimeout().get(), limits.install());
    }
    return new ConnectorSettings(settings.dockerNetwork(), limits);
  }
}
