package airbytemcp.tools;

import airbytemcp.config.DotenvFile;
import airbytemcp.registry.ConnectorRegistry;
import airbytemcp.registry.RegistryError;
import airbytemcp.secrets.ConfigSecretNames;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The answer of list_connector_config_secrets: the names, or, when there are none, an empty list
 * with a message saying why (a connector name the registry does not know, with the names likely
 * meant, or how such a secret is stored), as list_connectors answers an empty search.
 */
final class ConfigSecretsAnswer {
  private ConfigSecretsAnswer() {}

  static Map<String, Object> of(
      String connector, List<DotenvFile> dotenvFiles, Supplier<ConnectorRegistry> registry) {
    List<String> names = ConfigSecretNames.forConnector(connector, dotenvFiles);
    if (!names.isEmpty()) {
      return Map.of("result", names);
    }
    List<String> close = misspelt(connector, registry);
    String message =
        close.isEmpty()
            ? "No dotenv secret holds a whole config for "
                + connector
                + " (a secret named like "
                + connector.toUpperCase(Locale.ROOT).replace('-', '_')
                + "_CONFIG whose value is a JSON or YAML object). Pass config instead, with "
                + "secret_reference::NAME where a secret belongs (list_dotenv_secrets shows the names)."
            : "Connector '"
                + connector
                + "' is not in the Airbyte registry; did you mean "
                + String.join(" or ", close)
                + "? No dotenv secret holds a config for '"
                + connector
                + "'.";
    return ToolResult.emptyList(message);
  }

  /** Registry names close to one it does not list; none when it lists it or cannot be had. */
  private static List<String> misspelt(String connector, Supplier<ConnectorRegistry> registry) {
    try {
      ConnectorRegistry known = registry.get();
      return known.find(connector).isPresent() ? List.of() : known.closeNames(connector);
    } catch (RegistryError e) {
      return List.of();
    }
  }
}
