package airbytemcp.secrets;

import airbytemcp.common.Json;
import airbytemcp.config.RegistrySettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Where a config bound for Airbyte may hold {@code secret_reference::} values: only in fields the
 * connector's spec declares {@code airbyte_secret: true} at that path. Airbyte stores any other
 * field as plain text, shown to every member of the workspace and returned by its API, so a
 * reference there (which the agent may have been talked into writing) would publish the secret.
 * When no spec is known, no field is known to be secret and every reference is refused. Every Cloud
 * tool that sends a connector config calls this before anything is resolved or sent.
 */
public final class SecretPlacement {
  private static final int PATHS_NAMED = 10;

  private SecretPlacement() {}

  /**
   * Refuses a config with a reference outside the spec's secret fields, naming the fields (never
   * values).
   *
   * @param config the config as given, references not yet resolved
   * @param spec the connector's connection specification, when known
   * @param connector names the connector in messages
   */
  public static void requireReferencesOnlyInSecretFields(
      JsonNode config, Optional<JsonNode> spec, String connector) {
    if (spec.isEmpty()) {
      List<String> references =
          SecretFields.of(Json.object()).referencesOutsideAirbyteSecrets(config);
      if (!references.isEmpty()) {
        throw new SecretError(
            "No spec is known for "
                + connector
                + ", so no field is known to be secret and a secret_reference:: would reach Airbyte as a "
                + "plain field, shown to every member of the workspace. References found at: "
                + named(references)
                + ". Nothing was sent to Airbyte.",
            "Send only literal, non-secret values and have a person enter the secrets in Airbyte's web app "
                + "(for a registry connector, deploy_connector_to_cloud with defer_credentials=true returns the "
                + "link), or make the connector's spec known so its secret fields are: a registry entry that "
                + "carries the spec, or "
                + RegistrySettings.OFFLINE_MODE_OFF
                + " so it can be downloaded.");
      }
      return;
    }
    List<String> misplaced = SecretFields.of(spec.get()).referencesOutsideAirbyteSecrets(config);
    if (!misplaced.isEmpty()) {
      throw new SecretError(
          "secret_reference:: values are accepted only in fields the spec of "
              + connector
              + " marks secret (airbyte_secret); Airbyte would store these as plain fields, shown to every "
              + "member of the workspace: "
              + named(misplaced)
              + ". Nothing was sent to Airbyte.",
          "Put a literal, non-secret value in those fields, or leave them out. A secret belongs only in a field "
              + "the spec marks secret (get_connector_info shows the spec); if one of these really holds a "
              + "secret, have a person enter it in Airbyte's web app.");
    }
  }

  /**
   * Refuses a whole-config secret whose kept-secret values would reach Airbyte as plain fields,
   * naming the fields (never values).
   *
   * @param secretConfig the secret's config, each value that is kept secret replaced by a reference
   * @param spec the connector's connection specification, when known
   * @param secretName the secret {@code config_secret_name} named
   */
  static void requireSecretConfigOnlyInSecretFields(
      JsonNode secretConfig, Optional<JsonNode> spec, String connector, String secretName) {
    List<String> misplaced =
        SecretFields.of(spec.orElseGet(Json::object)).referencesOutsideAirbyteSecrets(secretConfig);
    if (misplaced.isEmpty()) {
      return;
    }
    throw new SecretError(
        "The secret "
            + secretName
            + " (config_secret_name) would put secret values in fields Airbyte stores as plain text, shown "
            + "to every member of the workspace"
            + (spec.isPresent()
                ? ", since the spec of " + connector + " does not mark them secret: "
                : " (no spec is known for " + connector + ", so no field is known to be secret): ")
            + named(misplaced)
            + ". Nothing was sent to Airbyte.",
        "Give the non-secret fields in config and keep only the fields the spec marks secret in the secret "
            + "(get_connector_info shows the spec), or reference each secret with secret_reference::NAME in its "
            + "secret field.");
  }

  /**
   * Refuses a config whose literal values reveal the user's secrets in fields Airbyte stores as
   * plain text, naming the fields (never values).
   *
   * @param config the config, each literal value that reveals a secret replaced by a reference and
   *     every reference given placed already
   */
  static void requireKnownSecretsOnlyInSecretFields(
      JsonNode config, Optional<JsonNode> spec, String connector) {
    List<String> misplaced =
        SecretFields.of(spec.orElseGet(Json::object)).referencesOutsideAirbyteSecrets(config);
    if (misplaced.isEmpty()) {
      return;
    }
    throw new SecretError(
        "The config holds values of your secrets (the server masks them) in fields Airbyte stores as "
            + "plain text, shown to every member of the workspace"
            + (spec.isPresent()
                ? ", since the spec of " + connector + " does not mark them secret: "
                : " (no spec is known for " + connector + ", so no field is known to be secret): ")
            + named(misplaced)
            + ". Nothing was sent to Airbyte.",
        "Give those fields values that are not secrets, or leave them out. A secret belongs only in a field "
            + "the spec marks secret (get_connector_info shows the spec), written as secret_reference::NAME.");
  }

  private static String named(List<String> paths) {
    return paths.size() <= PATHS_NAMED
        ? String.join(", ", paths)
        : String.join(", ", paths.subList(0, PATHS_NAMED))
            + " and "
            + (paths.size() - PATHS_NAMED)
            + " more";
  }
}
