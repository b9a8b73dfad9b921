package airbytemcp.connectors;

import airbytemcp.config.SecretValues;
import airbytemcp.config.SettingsLoader;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The environment a connector program (or pip, installing one) inherits from the server: all of it
 * but the server's own settings ({@code AIRBYTE_CLOUD_*}, which hold the Cloud credentials, and
 * {@code AIRBYTE_MCP_*}) and every variable a {@code secret_reference::} can resolve, whose value a
 * connector gets only through a config that references it. Those are the names the user's dotenv
 * files declare (the process environment's value of such a name is the secret) and the names listed
 * in {@code AIRBYTE_MCP_SECRET_ENV_NAMES}, in the environment or in a dotenv file. Everything else
 * (proxies, CA bundles, locale, a cloud SDK's ambient credentials) still passes, as connectors may
 * rely on it.
 *
 * @param secretNames the names a reference can resolve ({@link SecretValues#resolvableNames})
 */
public record ConnectorEnvironment(Set<String> secretNames) {
  /**
   * For runs with no user secrets (benchmarks, tests of the runners): only the server's settings
   * and the names the environment itself lists are withheld.
   */
  public static final ConnectorEnvironment NO_USER_SECRETS = new ConnectorEnvironment(Set.of());

  public ConnectorEnvironment {
    secretNames = Set.copyOf(secretNames);
  }

  public static ConnectorEnvironment of(SecretValues secrets) {
    return new ConnectorEnvironment(secrets.resolvableNames());
  }

  /** Removes, in place, what a connector must not inherit. */
  void withhold(Map<String, String> inherited) {
    // read again here: a runner may be handed an environment the settings never saw
    Set<String> listed =
        Arrays.stream(inherited.getOrDefault(SettingsLoader.SECRET_ENV_NAMES, "").split(","))
            .map(String::strip)
            .filter(name -> !name.isEmpty())
            .collect(Collectors.toSet());
    inherited
        .keySet()
        .removeIf(
            name ->
                name.startsWith("AIRBYTE_CLOUD_")
                    || name.startsWith("AIRBYTE_MCP_")
                    || listed.contains(name)
                    || secretNames.contains(name));
  }
}
