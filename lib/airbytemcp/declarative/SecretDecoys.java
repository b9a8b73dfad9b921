package airbytemcp.declarative;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The config values of a run that are secrets, each paired with a decoy of the same shape (same
 * length, digits for digits, letters for letters of the same case and script, every other character
 * kept). A template that reads the config is rendered once more with the decoys in its place: when
 * the two results differ once each is masked, the template computed something from a secret in a
 * form masking cannot recognize (a slice of it, a date or a number read from it), and it is refused
 * before anything is sent or shown. Verbatim use, %-escaping, Base64 of a {@code user:secret} pair,
 * a test of whether the field is set and its length all come out the same for both, so they pass.
 *
 * <p>Only templates that may reach a secret are rendered twice: those naming a field that holds one
 * or an object above it, those reading the config through a key they compute ({@code
 * config[parameters.field]}, {@code config.items()}, the config as a whole), and those naming a
 * partition, slice, state or page token that holds one (a partition router's values come from the
 * config). Both renderings that are compared see one instant, so reading the clock hides nothing.
 */
final class SecretDecoys {
  /** A run whose config holds no secret: nothing to check. */
  static final SecretDecoys NONE =
      new SecretDecoys(null, null, new Decoys(Json.object(), new Masker(), Set.of()));

  private static final int QUOTED_TEMPLATE = 120;
  // what a rendering showed starts with which of the two it was
  private static final String VALUE = "=";
  private static final String FAILURE = "!";
  // A variable made from the config by the manifest, which a secret can reach as it is; not the
  // API's answers (record, response), which are too large to walk for every template.
  private static final Set<String> DERIVED =
      Set.of(
          "stream_partition",
          "stream_slice",
          "stream_interval",
          "stream_state",
          "next_page_token",
          "property",
          "value",
          "components_values");
  private static final Pattern CONFIG = Pattern.compile("\\bconfig\\b");
  // A first step into the config by a name written in the template: .name, ['name'], .get('name'
  private static final Pattern NAMED_STEP =
      Pattern.compile(
          "\\s*(?:\\.\\s*(?!get\\b|items\\b|values\\b|keys\\b)[A-Za-z_]\\w*+(?!\\s*\\()"
              + "|\\[\\s*(?:'[^']*'|\"[^\"]*\")\\s*]"
              + "|\\.\\s*get\\s*\\(\\s*(?:'[^']*'|\"[^\"]*\"))");

  // a text literal a template compares a secret with ('sk_test_' in config['client_secret'])
  private static final Pattern LITERAL =
      Pattern.compile("'([^'\\\\\n]{3,64})'|\"([^\"\\\\\n]{3,64})\"");
  private static final int MAX_KEPT_VARIANTS = 32;

  private final JsonNode config;
  private final Masker masker;
  private final Masker decoyMasker;
  private final Object decoyConfig;
  private final List<String> fields;
  // every step of those fields' paths, one of which a template reading a secret by name must write
  private final Set<String> names;
  private final Set<String> secrets;
  // each secret (in any case, as masking finds it) and its decoy, longest first, so a secret inside
  // another is replaced after it
  private final List<Map.Entry<Pattern, String>> decoyOf;
  // these decoys again, but keeping in each secret the literals a template spells out
  private final Map<Set<String>, SecretDecoys> keeping = new ConcurrentHashMap<>();

  private SecretDecoys(JsonNode config, Masker masker, Decoys made) {
    this.config = config;
    this.masker = masker;
    this.decoyMasker = made.decoys;
    this.decoyConfig = PyValues.fromJson(made.config);
    this.fields = List.copyOf(made.fields);
    this.secrets = Set.copyOf(made.decoyOf.keySet());
    this.decoyOf =
        made.decoyOf.entrySet().stream()
            .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> -e.getKey().length()))
            .map(
                e ->
                    Map.entry(
                        Pattern.compile(
                            Pattern.quote(e.getKey()),
                            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
                        e.getValue()))
            .toList();
    this.names =
        fields.stream()
            .flatMap(f -> Arrays.stream(f.replaceAll("\\[\\d+]", "").split("\\.")))
            .collect(Collectors.toSet());
  }

  static SecretDecoys of(JsonNode config, Masker masker) {
    if (config == null || !config.isContainerNode()) {
      return NONE;
    }
    Decoys made = new Decoys(config, masker, Set.of());
    return made.fields.isEmpty() ? NONE : new SecretDecoys(config, masker, made);
  }

  /**
   * These decoys, or, for a template that spells out a text found in a secret, decoys that keep
   * that text where the secret has it: a test for a vendor's public prefix ({@code 'sk_test_' in
   * config['client_secret']}, source-stripe's rate limit) then reads the same for both.
   */
  private SecretDecoys keepingLiteralsOf(String template) {
    Set<String> kept = new HashSet<>();
    Matcher literal = LITERAL.matcher(template);
    while (literal.find()) {
      String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
      if (secrets.stream().anyMatch(secret -> secret.contains(text))) {
        kept.add(text);
      }
    }
    if (kept.isEmpty()) {
      return this;
    }
    if (keeping.size() >= MAX_KEPT_VARIANTS) {
      keeping.clear();
    }
    return keeping.computeIfAbsent(
        Set.copyOf(kept), k -> new SecretDecoys(config, masker, new Decoys(config, masker, k)));
  }

  /** A copy of a config with its secrets as decoys, and what was replaced where. */
  private static final class Decoys {
    final JsonNode config;
    final Masker decoys = new Masker();
    final List<String> fields = new ArrayList<>();
    final Map<String, String> decoyOf = new LinkedHashMap<>();
    private final Masker masker;
    private final Set<String> kept;

    Decoys(JsonNode original, Masker masker, Set<String> kept) {
      this.masker = masker;
      this.kept = kept;
      this.config = original.deepCopy();
      replaceSecrets(config, "");
    }

    private void replaceSecrets(JsonNode node, String path) {
      if (node instanceof ObjectNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
          String at = path.isEmpty() ? name : path + "." + name;
          JsonNode child = o.get(name);
          JsonNode decoyed = decoyed(child);
          if (decoyed != null) {
            o.set(name, decoyed);
            fields.add(at);
          } else {
            replaceSecrets(child, at);
          }
        }
      } else if (node instanceof ArrayNode a) {
        for (int i = 0; i < a.size(); i++) {
          String at = path + "[" + i + "]";
          JsonNode decoyed = decoyed(a.get(i));
          if (decoyed != null) {
            a.set(i, decoyed);
            fields.add(at);
          } else {
            replaceSecrets(a.get(i), at);
          }
        }
      }
    }

    /**
     * A text that is a secret, or holds one, with its secrets as decoys; null for any other value.
     * A field the spec's config rules built around a secret ({@code config['start'] ~ '00'}) holds
     * one without being one, and a template that slices it must be checked too (red team m3: its
     * first characters went out in a path).
     */
    private JsonNode decoyed(JsonNode value) {
      if (isSecret(value, masker)) {
        return decoy(value.asText());
      }
      if (!value.isTextual()) {
        return null;
      }
      String text = value.asText();
      int[] spans = masker.secretRanges(text);
      if (spans.length == 0) {
        return null;
      }
      StringBuilder out = new StringBuilder(text);
      for (int k = spans.length - 2; k >= 0; k -= 2) {
        out.replace(spans[k], spans[k + 1], decoy(text.substring(spans[k], spans[k + 1])).asText());
      }
      return TextNode.valueOf(out.toString());
    }

    private TextNode decoy(String secret) {
      String decoy = structuredDecoy(secret);
      if (decoy == null) {
        decoy = decoyText(secret, kept);
      }
      decoys.register(decoy);
      decoyOf.put(secret, decoy);
      return TextNode.valueOf(decoy);
    }

    /**
     * A secret that is a JSON object or list (a service account key, a whole config) keeps its keys
     * and shape, and the texts in it that are secrets themselves are replaced: a template reading
     * it as a dict must find the same keys and plain values.
     */
    private String structuredDecoy(String secret) {
      String s = secret.strip();
      if (!s.startsWith("{") && !s.startsWith("[")) {
        return null;
      }
      JsonNode tree;
      try {
        tree = Json.parse(s);
      } catch (IllegalArgumentException e) {
        return null;
      }
      if (!tree.isContainerNode()) {
        return null;
      }
      decoyLeaves(tree);
      return Json.write(tree);
    }

    private void decoyLeaves(JsonNode node) {
      if (node instanceof ObjectNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
          JsonNode child = o.get(name);
          if (isSecret(child, masker)) {
            o.set(name, TextNode.valueOf(leafDecoy(child.asText())));
          } else {
            decoyLeaves(child);
          }
        }
      } else if (node instanceof ArrayNode a) {
        for (int i = 0; i < a.size(); i++) {
          if (isSecret(a.get(i), masker)) {
            a.set(i, TextNode.valueOf(leafDecoy(a.get(i).asText())));
          } else {
            decoyLeaves(a.get(i));
          }
        }
      }
    }

    private String leafDecoy(String leaf) {
      String decoy = decoyText(leaf, kept);
      decoys.register(decoy);
      decoyOf.putIfAbsent(leaf, decoy);
      return decoy;
    }
  }

  /** A text value that is, as a whole, one the masker hides. */
  private static boolean isSecret(JsonNode value, Masker masker) {
    return value.isTextual() && Masker.MASK.equals(masker.mask(value.asText()));
  }

  /** The secret's decoy; where it holds one of the {@code kept} texts, that text stays. */
  private static String decoyText(String secret, Set<String> kept) {
    boolean[] keep = new boolean[secret.length()];
    for (String text : kept) {
      for (int at = secret.indexOf(text); at >= 0; at = secret.indexOf(text, at + 1)) {
        Arrays.fill(keep, at, at + text.length(), true);
      }
    }
    StringBuilder out = new StringBuilder(secret.length());
    for (int i = 0; i < secret.length(); ) {
      int c = secret.codePointAt(i);
      if (keep[i]) {
        out.appendCodePoint(c);
      } else if (c >= '0' && c <= '9') {
        out.append((char) ('0' + (c - '0' + 5) % 10));
      } else if (c >= 'a' && c <= 'z') {
        out.append((char) ('a' + (c - 'a' + 13) % 26));
      } else if (c >= 'A' && c <= 'Z') {
        out.append((char) ('A' + (c - 'A' + 13) % 26));
      } else {
        out.appendCodePoint(Character.isLetterOrDigit(c) ? anotherOfItsKind(c) : c);
      }
      i += Character.charCount(c);
    }
    return out.toString();
  }

  /**
   * A letter or digit beyond ASCII replaced by a near one of the same kind (case, script): a
   * Cyrillic passphrase's decoy must differ from it too, or a slice of it would look harmless.
   */
  private static int anotherOfItsKind(int c) {
    for (int step = 1; step <= 32; step++) {
      for (int d : new int[] {c + step, c - step}) {
        if (d > 0x7f
            && Character.isValidCodePoint(d)
            && Character.getType(d) == Character.getType(c)
            && Character.UnicodeScript.of(d) == Character.UnicodeScript.of(c)) {
          return d;
        }
      }
    }
    return c;
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
    if (this != NONE && !vars.isEmpty()) {
      requireSame(template, vars, masker.mask(VALUE + PyValues.str(result)), render);
    }
  }

  /**
   * Fails when {@code text}, a template's result the runtime is about to read as a number or a
   * duration (a page size, a cursor's step), holds a secret: the decoys found it the same, as both
   * print as a secret, but the number read drops what masking knows the secret by (its leading
   * zeros).
   */
  void refuseReadAsValue(String text, String field) {
    if (this != NONE) {
      SecretsAsValues.refuse(text, field, masker);
    }
  }

  /**
   * Fails, in place of {@code failure}, when {@code template} failed on the secrets and would fail
   * otherwise, or not at all, with decoys: an error that quotes a slice of a secret ("'Decoy-Tes'
   * is not a date") or that happens only for some secrets would tell what the value could not.
   */
  void requireSameFailureWithDecoys(
      String template,
      Map<String, Object> vars,
      RuntimeException failure,
      Function<Map<String, Object>, Object> render) {
    if (this != NONE && !vars.isEmpty()) {
      requireSame(template, vars, masker.mask(FAILURE + failure.getMessage()), render);
    }
  }

  private void requireSame(
      String template,
      Map<String, Object> vars,
      String shown,
      Function<Map<String, Object>, Object> render) {
    Map<String, Object> where = withDecoysWhereRead(template, vars);
    if (where == null) {
      return; // most renderings: no secret within reach
    }
    SecretDecoys decoys = keepingLiteralsOf(template);
    Map<String, Object> withDecoys =
        decoys == this ? where : decoys.withDecoysWhereRead(template, vars);
    if (shown.equals(shown(render, withDecoys, decoys.decoyMasker))) {
      return;
    }
    boolean computesFromASecret =
        TemplateMacros.atOneInstant(
            () -> {
              String again = shown(render, vars, null);
              return !again.equals(shown(render, withDecoys, decoys.decoyMasker))
                  // a template that differs from itself at one instant (a uuid) cannot be judged
                  && again.equals(shown(render, vars, null));
            });
    if (computesFromASecret) {
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

  /**
   * {@code vars} with decoys in the variables the template may read a secret from; null when it
   * reads none (most renderings).
   */
  private Map<String, Object> withDecoysWhereRead(String template, Map<String, Object> vars) {
    Map<String, Object> decoyed = new HashMap<>();
    if (readsASecretFromTheConfig(template)) {
      decoyed.put("config", decoyConfig);
    }
    for (String name : DERIVED) {
      Object value = vars.get(name);
      if (value != null && template.contains(name)) {
        Object withDecoys = withDecoys(value);
        if (withDecoys != value) {
          decoyed.put(name, withDecoys);
        }
      }
    }
    if (decoyed.isEmpty()) {
      return null;
    }
    Map<String, Object> withDecoys = new HashMap<>(vars);
    withDecoys.putAll(decoyed);
    return withDecoys;
  }

  /**
   * What a rendering shows once masked (and its decoys masked, when given): its value, or the
   * message it failed with.
   */
  private String shown(
      Function<Map<String, Object>, Object> render, Map<String, Object> vars, Masker decoys) {
    String text;
    try {
      text = VALUE + PyValues.str(render.apply(vars));
    } catch (RuntimeException e) {
      text = FAILURE + e.getMessage();
    }
    return masker.mask(decoys == null ? text : decoys.mask(text));
  }

  /**
   * Whether the template reads the config by a field that holds a secret (or an object above one),
   * or by a key it computes.
   */
  private boolean readsASecretFromTheConfig(String template) {
    if (!template.contains("config")) {
      return false;
    }
    if (names.stream().anyMatch(template::contains)) {
      return true;
    }
    Matcher config = CONFIG.matcher(template);
    Matcher step = NAMED_STEP.matcher(template);
    while (config.find()) {
      if (!step.region(config.end(), template.length()).lookingAt()) {
        return true;
      }
    }
    return false;
  }

  /** The decoy with each letter in the case of the secret's letter it stands for, as written. */
  private static String inCaseOf(String written, String decoy) {
    if (written.length() != decoy.length()) {
      return decoy;
    }
    StringBuilder out = new StringBuilder(decoy.length());
    for (int i = 0; i < decoy.length(); i++) {
      char w = written.charAt(i);
      char d = decoy.charAt(i);
      out.append(
          Character.isUpperCase(w)
              ? Character.toUpperCase(d)
              : Character.isLowerCase(w) ? Character.toLowerCase(d) : d);
    }
    return out.toString();
  }

  /**
   * {@code value} with every secret in its texts replaced by its decoy; itself when none holds one.
   */
  private Object withDecoys(Object value) {
    if (value instanceof String text) {
      String decoyed = text;
      for (Map.Entry<Pattern, String> secret : decoyOf) {
        String decoy = secret.getValue();
        decoyed =
            secret
                .getKey()
                .matcher(decoyed)
                .replaceAll(m -> Matcher.quoteReplacement(inCaseOf(m.group(), decoy)));
      }
      return decoyed.equals(text) ? text : decoyed;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> decoyed = new LinkedHashMap<>();
      boolean changed = false;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Object key = withDecoys(String.valueOf(e.getKey()));
        Object v = withDecoys(e.getValue());
        changed |= !key.equals(String.valueOf(e.getKey())) || v != e.getValue();
        decoyed.put((String) key, v);
      }
      return changed ? new PyDict(decoyed) : value;
    }
    if (value instanceof List<?> list) {
      List<Object> decoyed = new ArrayList<>(list.size());
      boolean changed = false;
      for (Object item : list) {
        Object v = withDecoys(item);
        changed |= v != item;
        decoyed.add(v);
      }
      return changed ? decoyed : value;
    }
    return value;
  }

  private static String quoted(String template) {
    String oneLine = template.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= QUOTED_TEMPLATE
        ? oneLine
        : oneLine.substring(0, QUOTED_TEMPLATE) + "…";
  }
}
