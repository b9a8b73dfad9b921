package airbytemcp.connectors;

import airbytemcp.secrets.ConfigInput;
import airbytemcp.secrets.RotatedConfigs;
import com.fasterxml.jackson.databind.JsonNode;

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
   * is stored as that reference, never as the secret, also when the copy reads as a number or an
   * object ({@link SecretCopies}).
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
    JsonNode toStore = migrated.deepCopy();
    SecretCopies.of(withReferences, hydrated).restore(toStore, hydrated);
    store.store(input, withReferences, toStore);
    return migrated;
  }
}
