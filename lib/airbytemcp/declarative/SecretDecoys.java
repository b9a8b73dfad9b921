package airbytemcp.declarative;

import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The config values of a run that are secrets, each paired with a decoy of the same shape (same
 * length, digits for digits, letters for letters of the same case, every other character kept). A
 * template that reads the config is rendered once more with the decoys in its place: when the two
 * results differ once each is masked, the template computed something from a secret in a form
 * masking cannot recognize (a slice of it, a date or a number read from it), and it is refused
 * before anything is sent or shown. Verbatim use, %-escaping, Base64 of a {@code user:secret} pair,
 * a test of whether the field is set and its length all come out the same for both, so they pass.
 * Only templates that name a field holding a secret are rendered twice.
 */
final class SecretDecoys {
  /** A run whose config holds no secret: nothing to check. */
  static final SecretDecoys NONE = new SecretDecoys(null, null, null, List.of());

  private static final int QUOTED_TEMPLATE = 120;

  private final Masker masker;
  private final Masker decoyMasker;
  private final Object decoyConfig;
  private final List<String> fields;
  // the fields' own names (the last step of each path), which a template reading one must write
  private final Set<String> names;

  private SecretDecoys(Masker masker, Masker decoyMasker, Object decoyConfig, List<String> fields) {
    this.masker = masker;
    this.decoyMasker = decoyMasker;
    this.decoyConfig = decoyConfig;
    this.fields = fields;
    this.names =
        fields.stream()
            .map(f -> f.replaceAll("\\[\\d+]$", ""))
            .map(f -> f.substring(f.lastIndexOf('.') + 1))
            .collect(Collectors.toSet());
  }

  static SecretDecoys of(JsonNode config, Masker masker) {
    if (config == null || !config.isContainerNode()) {
      return NONE;
    }
    JsonNode decoy = config.deepCopy();
    Masker decoys = new Masker();
    List<String> fields = new ArrayList<>();
    replaceSecrets(decoy, "", masker, decoys, fields);
    return fields.isEmpty()
        ? NONE
        : new SecretDecoys(masker, decoys, PyValues.fromJson(decoy), List.copyOf(fields));
  }

  private static void replaceSecrets(
      JsonNode node, String path, Masker masker, Masker decoys, List<String> fields) {
    if (node instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String at = path.isEmpty() ? name : path + "." + name;
        JsonNode child = o.get(name);
        if (isSecret(child, masker)) {
          o.set(name, decoyOf(child.asText(), decoys));
          fields.add(at);
        } else {
          replaceSecrets(child, at, masker, decoys, fields);
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        String at = path + "[" + i + "]";
        if (isSecret(a.get(i), masker)) {
          a.set(i, decoyOf(a.get(i).asText(), decoys));
          fields.add(at);
        } else {
          replaceSecrets(a.get(i), at, masker, decoys, fields);
        }
      }
    }
  }

  /** A text value that is, as a whole, one the masker hides. */
  private static boolean isSecret(JsonNode value, Masker masker) {
    return value.isTextual() && Masker.MASK.equals(masker.mask(value.asText()));
  }

  private static TextNode decoyOf(String secret, Masker decoys) {
    StringBuilder out = new StringBuilder(secret.length());
    secret
        .codePoints()
        .forEach(
            c -> {
              if (c >= '0' && c <= '9') {
                out.append((char) ('0' + (c - '0' + 5) % 10));
              } else if (c >= 'a' && c <= 'z') {
                out.append((char) ('a' + (c - 'a' + 13) % 26));
              } else if (c >= 'A' && c <= 'Z') {
                out.append((char) ('A' + (c - 'A' + 13) % 26));
              } else {
                out.appendCodePoint(c);
              }
            });
    decoys.register(out.toString());
    return TextNode.valueOf(out.toString());
  }

  /**
   * Fails when {@code template}, which printed {@code result} from {@code vars}, shows anything
   * else once its config's secrets are decoys; {@code render} renders it again from other
   * variables.
   */
  void requireSameWithDecoys(
      String template,
      Map<String, Object> vars,
      Object result,
      Function<Map<String, Object>, Object> render) {
    if (this == NONE || vars.isEmpty() || !readsASecretField(template)) {
      return;
    }
    Map<String, Object> withDecoys = new HashMap<>(vars);
    withDecoys.put("config", decoyConfig);
    String shown = masker.mask(PyValues.str(result));
    String shownWithDecoys;
    try {
      shownWithDecoys = masker.mask(decoyMasker.mask(PyValues.str(render.apply(withDecoys))));
    } catch (RuntimeException e) {
      shownWithDecoys = null; // it works on the secret and not on another value of its shape
    }
    if (!shown.equals(shownWithDecoys)
        // a template that reads the clock ({{ config.x or now_utc() }}) differs from itself
        && shown.equals(masker.mask(PyValues.str(render.apply(vars))))) {
      throw new DeclarativeError(
          "The manifest's template '"
              + quoted(template)
              + "' computes a value from a config field that holds a secret ("
              + String.join(", ", fields)
              + ") in a form masking cannot recognize (a slice of it, a date or a number read from"
              + " it); it was not used, and nothing built from it was sent.",
          "Give the config field this template reads its own value, not a secret_reference.");
    }
  }

  /** Whether the template names the config and a field that holds a secret. */
  private boolean readsASecretField(String template) {
    return template.contains("config") && names.stream().anyMatch(template::contains);
  }

  private static String quoted(String template) {
    String oneLine = template.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= QUOTED_TEMPLATE
        ? oneLine
        : oneLine.substring(0, QUOTED_TEMPLATE) + "…";
  }
}
