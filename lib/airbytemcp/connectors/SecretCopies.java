package airbytemcp.connectors;

import airbytemcp.common.Json;
import airbytemcp.secrets.SecretReferences;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The secrets a config resolved from {@code secret_reference::} values, and where a config
 * migration copied one: as its text, or read back as a Python literal the way the CDK reads a
 * rendered template (a digits-only secret becomes a number, a service-account key an object).
 */
final class SecretCopies {
  /**
   * A resolved secret: its text, that text read as JSON/YAML (null when it is none), its reference.
   */
  private record Resolved(String text, JsonNode parsed, String reference) {}

  /** Numbers by value (12 and 12.0 alike), everything else as Jackson compares it. */
  private static final Comparator<JsonNode> SAME_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  private final List<Resolved> resolved;

  private SecretCopies(List<Resolved> resolved) {
    this.resolved = resolved;
  }

  /**
   * @param withReferences the user's config with its secret references in place
   * @param hydrated the same config with the secrets resolved
   */
  static SecretCopies of(JsonNode withReferences, JsonNode hydrated) {
    List<Resolved> out = new ArrayList<>();
    collect(withReferences, hydrated, out);
    return new SecretCopies(out);
  }

  /**
   * Puts the reference back in {@code migrated} wherever it holds a resolved secret, also inside
   * arrays. Text is compared everywhere (a referenced field the migration kept); other values only
   * where the migration changed them, so that an unrelated {@code true} or port is left alone.
   *
   * @param before the config the migration started from (hydrated)
   */
  void restore(JsonNode migrated, JsonNode before) {
    if (migrated instanceof ObjectNode object) {
      object
          .fields()
          .forEachRemaining(
              f -> {
                JsonNode old = before == null ? null : before.get(f.getKey());
                Optional<String> reference = referenceOf(f.getValue(), old);
                if (reference.isPresent()) {
                  f.setValue(TextNode.valueOf(reference.get()));
                } else {
                  restore(f.getValue(), old);
                }
              });
    } else if (migrated instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode old = before == null ? null : before.get(i);
        Optional<String> reference = referenceOf(array.get(i), old);
        if (reference.isPresent()) {
          array.set(i, TextNode.valueOf(reference.get()));
        } else {
          restore(array.get(i), old);
        }
      }
    }
  }

  private Optional<String> referenceOf(JsonNode node, JsonNode before) {
    for (Resolved secret : resolved) {
      if (node.isTextual() && node.asText().equals(secret.text())) {
        return Optional.of(secret.reference());
      }
    }
    if (node.isNull() || node.equals(before)) {
      return Optional.empty(); // what the migration left alone came from no template
    }
    for (Resolved secret : resolved) {
      if (sameValue(node, secret)) {
        return Optional.of(secret.reference());
      }
    }
    return Optional.empty();
  }

  private static boolean sameValue(JsonNode node, Resolved secret) {
    if (node.isValueNode() && node.asText().equals(secret.text())) {
      return true; // a number or boolean with the secret's text
    }
    try {
      if (node.isNumber()) {
        Optional<BigDecimal> number = number(secret.text());
        if (number.isPresent()) {
          return node.decimalValue().compareTo(number.get()) == 0;
        }
      }
      return secret.parsed() != null && node.equals(SAME_VALUE, secret.parsed());
    } catch (NumberFormatException e) {
      return false; // NaN or infinity: no number a secret's text reads as
    }
  }

  /** The secret as Python reads a number literal ({@code 007}, {@code 1_000}), if it is one. */
  private static Optional<BigDecimal> number(String text) {
    try {
      return Optional.of(new BigDecimal(text.strip().replace("_", "")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void collect(JsonNode withReferences, JsonNode hydrated, List<Resolved> out) {
    if (withReferences == null || hydrated == null) {
      return;
    }
    if (SecretReferences.isReference(withReferences) && hydrated.isTextual()) {
      out.add(new Resolved(hydrated.asText(), parsed(hydrated.asText()), withReferences.asText()));
    } else if (withReferences.isObject()) {
      withReferences
          .fields()
          .forEachRemaining(f -> collect(f.getValue(), hydrated.get(f.getKey()), out));
    } else if (withReferences.isArray()) {
      for (int i = 0; i < withReferences.size(); i++) {
        collect(withReferences.get(i), hydrated.get(i), out);
      }
    }
  }

  /** The secret's text read as JSON or YAML, or null when it reads as neither. */
  private static JsonNode parsed(String text) {
    try {
      JsonNode node = Json.parseJsonOrYaml(text);
      return node == null || node.isMissingNode() ? null : node;
    } catch (IllegalArgumentException e) {
      return null; // its parse error would quote the secret: it is simply no structure
    }
  }
}
