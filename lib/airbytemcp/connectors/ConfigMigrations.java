package airbytemcp.connectors;

import airbytemcp.secrets.ConfigInput;
import airbytemcp.secrets.RotatedConfigs;
import airbytemcp.secrets.SecretReferences;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Runs a connector's own config migrations before the server validates a config, and stores a
 * migrated config where the user's came from, the way a rotated token is stored, so that the
 * migration runs once.
 */
final class ConfigMigrations {
  private ConfigMigrations() {}

  /**
   * The hydrated config after the connector's migrations. A changed one is stored with the secret
   * references it was given: a value a migration copied from a {@code secret_reference::NAME} field
   * is stored as that reference, never as the secret.
   *
   * @param withReferences the user's config with its secret references in place
   * @param hydrated the same config with the secrets resolved
   */
  static JsonNode migrate(
      Connector connector,
      ConfigInput input,
      JsonNode withReferences,
      JsonNode hydrated,
      RotatedConfigs store) {
    JsonNode migrated = connector.migratedConfig(hydrated);
    if (migrated == hydrated || migrated.equals(hydrated)) {
      return hydrated;
    }
    Map<String, String> references = new HashMap<>();
    referencesByValue(withReferences, hydrated, references);
    JsonNode toStore = migrated.deepCopy();
    restore(toStore, references);
    store.store(input, withReferences, toStore);
    return migrated;
  }

  /** Each secret value the config resolved, and the reference it came from. */
  private static void referencesByValue(
      JsonNode withReferences, JsonNode hydrated, Map<String, String> out) {
    if (SecretReferences.isReference(withReferences) && hydrated != null && hydrated.isTextual()) {
      out.put(hydrated.asText(), withReferences.asText());
    } else if (withReferences != null && withReferences.isObject() && hydrated != null) {
      Iterator<Map.Entry<String, JsonNode>> fields = withReferences.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        referencesByValue(f.getValue(), hydrated.get(f.getKey()), out);
      }
    }
  }

  private static void restore(JsonNode node, Map<String, String> references) {
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getValue().isTextual() && references.containsKey(f.getValue().asText())) {
        f.setValue(object.textNode(references.get(f.getValue().asText())));
      } else {
        restore(f.getValue(), references);
      }
    }
  }
}
