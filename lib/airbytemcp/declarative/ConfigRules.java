package airbytemcp.declarative;

import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A spec's {@code config_normalization_rules}, applied to the user's config before check, discover
 * and read, as the CDK does: the migrations rewrite the config for good (the caller stores the
 * result when it differs), the transformations shape it for this run only, and the validations
 * refuse a config with their reason.
 */
final class ConfigRules {
  /** What the rules made of a config. */
  record Normalized(JsonNode migrated, JsonNode effective, boolean migrationChanged) {
    /**
     * A listener for the configs the runtime rewrites during the run (a rotated refresh token in
     * {@code effective}): it announces the config to store, the migrated one with the fields the
     * runtime changed, so that the run-only transformations are never stored.
     */
    Consumer<ObjectNode> announcing(Consumer<ObjectNode> announce) {
      if (effective == migrated || !(migrated instanceof ObjectNode start)) {
        return announce;
      }
      ObjectNode stored = start.deepCopy();
      JsonNode[] before = {effective.deepCopy()};
      return updated -> {
        synchronized (stored) {
          carryChanges(before[0], updated, stored);
          before[0] = updated.deepCopy();
          announce.accept(stored.deepCopy());
        }
      };
    }
  }

  private final JsonNode rules;
  // what tells a secret in the config, which a migration may move but not transform
  private final Masker masker;

  private ConfigRules(JsonNode rules, Masker masker) {
    this.rules = rules;
    this.masker = masker;
  }

  static ConfigRules of(JsonNode spec, Masker masker) {
    return new ConfigRules(spec.path("config_normalization_rules"), masker);
  }

  private boolean isEmpty() {
    return rules.path("config_migrations").isEmpty()
        && rules.path("transformations").isEmpty()
        && rules.path("validations").isEmpty();
  }

  /**
   * The config after the migrations ({@code migrated}) and after the transformations too ({@code
   * effective}). Without rules both are the config object itself, which the runtime may then
   * rewrite in place (a rotated refresh token); with rules they are copies.
   */
  Normalized normalize(JsonNode config) {
    if (isEmpty() || !(config instanceof ObjectNode original)) {
      return new Normalized(config, config, false);
    }
    ObjectNode migrated = original.deepCopy();
    for (JsonNode migration : rules.path("config_migrations")) {
      for (JsonNode transformation : migration.path("transformations")) {
        ConfigTransformations.apply(transformation, migrated, masker);
      }
    }
    ObjectNode effective = migrated.deepCopy();
    for (JsonNode transformation : rules.path("transformations")) {
      ConfigTransformations.apply(transformation, effective, masker);
    }
    return new Normalized(migrated, effective, !sameJson(migrated, original));
  }

  /** Equal as JSON text is: a number rewritten as another Java type (2 and 2L) is no change. */
  static boolean sameJson(JsonNode a, JsonNode b) {
    return a.equals(
        (x, y) ->
            x.equals(y)
                    || (x.isNumber()
                        && y.isNumber()
                        && x.decimalValue().compareTo(y.decimalValue()) == 0)
                ? 0
                : 1,
        b);
  }

  /**
   * Sets in {@code into} every scalar field of {@code after} that is new or differs from {@code
   * before}.
   */
  private static void carryChanges(JsonNode before, JsonNode after, ObjectNode into) {
    Iterator<Map.Entry<String, JsonNode>> fields = after.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode old = before == null ? null : before.get(f.getKey());
      if (f.getValue().isObject()) {
        JsonNode target = into.get(f.getKey());
        carryChanges(
            old, f.getValue(), target instanceof ObjectNode o ? o : into.putObject(f.getKey()));
      } else if (!f.getValue().equals(old)) {
        into.set(f.getKey(), f.getValue().deepCopy());
      }
    }
  }

  /**
   * Refuses a config that fails one of the validations, with the validator's reason, masked (the
   * reason may quote config values).
   */
  void validate(JsonNode config, Masker masker) {
    if (config == null) {
      return;
    }
    // one scope, with its decoys, for all the validations
    Scope scope = Scope.of(config).withSecretDecoys(SecretDecoys.of(config, masker));
    for (JsonNode validator : rules.path("validations")) {
      Optional<String> why = ConfigValidators.failure(validator, config, scope);
      if (why.isPresent()) {
        throw new DeclarativeError(
            "The config fails a validation of the manifest: " + masker.mask(why.get()),
            "Fix the config field named; the spec tool shows what it takes.");
      }
    }
  }
}
