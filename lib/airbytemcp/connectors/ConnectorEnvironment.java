package airbytemcp.connectors;

import airbytemcp.config.SettingsLoader;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The environment a connector program (or pip, installing one) inherits from the server: all of it
 * but the server's own settings ({@code AIRBYTE_CLOUD_*}, which hold the Cloud credentials, and
 * {@code AIRBYTE_MCP_*}) and the variables named in {@code AIRBYTE_MCP_SECRET_ENV_NAMES}, whose
 * values a connector gets only through a config that references them. Everything else (proxies, CA
 * bundles, locale, a cloud SDK's ambient credentials) still passes, as connectors may rely on it.
 */
final class ConnectorEnvironment {
  private ConnectorEnvironment() {}

  /** Removes, in place, what a connector must not inherit. */
  static void withhold(Map<String, String> inherited) {
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
                    || listed.contains(name));
  }
}
