package airbytemcp.secrets;

import airbytemcp.common.Json;
import airbytemcp.config.DotenvFile;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The secrets that can serve as {@code config_secret_name} for a connector: those in the dotenv
 * files whose value is a whole JSON or YAML config object and whose name mentions the connector
 * (e.g. {@code SOURCE_GITHUB_CONFIG} for {@code source-github}). Only names are ever returned.
 */
public final class ConfigSecretNames {
  private ConfigSecretNames() {}

  public static List<String> forConnector(String connectorName, List<DotenvFile> files) {
    String full = normalise(connectorName);
    String shortName = normalise(connectorName.substring(connectorName.indexOf('-') + 1));
    TreeSet<String> names = new TreeSet<>();
    for (DotenvFile file : files) {
      file.values()
          .forEach(
              (name, value) -> {
                String key = normalise(name);
                if ((key.contains(full) || key.contains(shortName)) && isConfigObject(value)) {
                  names.add(name);
                }
              });
    }
    return List.copyOf(names);
  }

  private static boolean isConfigObject(String value) {
    try {
      JsonNode node = Json.parseJsonOrYaml(value);
      return node != null && node.isObject();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String normalise(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
  }
}
