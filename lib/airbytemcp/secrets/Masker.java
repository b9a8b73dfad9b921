package airbytemcp.secrets;

import airbytemcp.common.Json;
import airbytemcp.common.Redactor;
import airbytemcp.network.ConfigLeaves;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Replaces every known secret value with {@code ****} wherever it occurs, also inside longer
 * strings and in the forms a secret takes when it is printed (see {@link SecretForms}): JSON and
 * URL escapes, Base64, hex, other letter case, Unicode normalisation, line by line, in text whose
 * %-escapes, JSON escapes and HTML character references are decoded (by any encoder's rules). In
 * messages ({@link #maskMessage}), once there are secrets, what looks like a key's ends around an
 * elision is hidden too (an API naming the key it refused by its first and last chars), whether or
 * not it is a secret's. Thread-safe; secrets are added as they become known (dotenv at start-up,
 * secret references when resolved, secret fields of configs). All forms of all secrets are searched
 * in one pass ({@link PatternSet}), rebuilt on the first use after new secrets arrive.
 */
public final class Masker implements Redactor {
  public static final String MASK = Redactor.MASK;

  /**
   * Shorter values are everywhere (ports, flags); masking them would destroy every message, not
   * protect it.
   */
  static final int MIN_LENGTH = 4;

  /** Words of settings, not secrets (a dotenv switch); never masked. */
  static final Set<String> NOT_SECRETS = Set.of("true", "false", "null", "none", "yes", "no");

  private final Set<String> secrets = ConcurrentHashMap.newKeySet();

  /** The values the user supplied, as they are: what {@link #isUserValue} compares with. */
  private final Set<String> userValues = ConcurrentHashMap.newKeySet();

  private final List<PatternSet.Pattern> patterns = new ArrayList<>();
  private volatile Search search = Search.EMPTY;
  private volatile boolean stale;
  private volatile int longest;
  private volatile int shortestForm = Integer.MAX_VALUE;
  private volatile int known;

  public void register(String value) {
    if (value == null) {
      return;
    }
    String v = value.strip();
    if (v.length() < MIN_LENGTH
        || NOT_SECRETS.contains(v.toLowerCase(Locale.ROOT))
        || isShortNumber(v)) {
      return;
    }
    if (secrets.add(v)) {
      List<PatternSet.Pattern> forms = SecretForms.of(v, MIN_LENGTH);
      synchronized (patterns) {
        patterns.addAll(forms);
        longest = Math.max(longest, v.length());
        for (PatternSet.Pattern form : forms) {
          shortestForm = Math.min(shortestForm, form.text().length());
        }
        stale = true;
        known++; // last: a reader that sees the new count searches with the new forms
      }
    }
  }

  /**
   * Registers a value the user supplied (a dotenv value, a resolved {@code secret_reference::}, a
   * leaf of a whole-config secret): masked like any secret, and recognised by {@link #isUserValue}.
   * Values the agent chose (a literal it put in a secret field, a value a connector rendered) are
   * masked through {@link #register} only, so they never count as the user's.
   */
  public void registerUserValue(String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    register(value);
    userValues.add(value.strip());
  }

  /**
   * Registers every string and number in a JSON tree the user supplied ({@link
   * #registerUserValue}).
   */
  public void registerUserLeaves(JsonNode node) {
    forEachLeaf(node, this::registerUserValue);
  }

  /**
   * Whether the value is, as a whole, one the user supplied. Trust decisions ask this, never {@link
   * #revealsSecret}: a value that merely contains a known one ({@code https://attacker.example/#}
   * around the user's domain) or one the agent got registered (a refused literal) is not the
   * user's.
   */
  public boolean isUserValue(String value) {
    return value != null && userValues.contains(value.strip());
  }

  public void registerAll(Iterable<String> values) {
    values.forEach(this::register);
  }

  /** Registers every string value found anywhere in a JSON tree. */
  public void registerLeaves(JsonNode node) {
    forEachLeaf(node, this::register);
  }

  /** Every string and number in a JSON tree, as text. */
  private static void forEachLeaf(JsonNode node, Consumer<String> leaf) {
    if (node == null) {
      return;
    }
    if (node.isTextual() || node.isNumber()) {
      leaf.accept(node.asText());
    } else {
      node.forEach(child -> forEachLeaf(child, leaf));
    }
  }

  @Override
  public String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Search search = current();
    return masked(text, search.patterns().isEmpty() ? null : secretSpans(search, text, null));
  }

  /**
   * {@link #mask}, and, once there are secrets, what looks like a key's ends around an elision
   * ({@link ElidedKeyEnds}), whether or not they are a secret's.
   */
  @Override
  public String maskMessage(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Search search = current();
    if (search.patterns().isEmpty()) {
      return text;
    }
    MarkedChars marks = MarkedChars.of(text);
    return masked(
        text, PatternSet.union(secretSpans(search, text, marks), ElidedKeyEnds.find(text, marks)));
  }

  /**
   * Lines masked as one text, so that a secret cut over several of them (a log pipeline cuts long
   * lines into pieces) is found, each line then kept on its own: every line a secret's span touches
   * gets the mask where its part of the secret was. Masking line by line, or a page of lines at a
   * time, would leave each half of such a secret as it is.
   */
  public List<String> maskLines(List<String> lines) {
    Search search = current();
    if (lines.isEmpty() || search.patterns().isEmpty()) {
      return lines;
    }
    String joined = String.join("\n", lines);
    int[] spans = secretSpans(search, joined, null);
    if (spans == null) {
      return lines;
    }
    List<String> out = new ArrayList<>(lines.size());
    int start = 0;
    for (String line : lines) {
      int end = start + line.length();
      List<Integer> own = new ArrayList<>();
      for (int k = 0; k < spans.length; k += 2) {
        int from = Math.max(start, spans[k]);
        int to = Math.min(end, spans[k + 1]);
        if (from < to || (spans[k] < start && spans[k + 1] > end)) {
          own.add(from - start);
          own.add(Math.max(from, to) - start);
        }
      }
      out.add(
          own.isEmpty() ? line : masked(line, own.stream().mapToInt(Integer::intValue).toArray()));
      start = end + 1;
    }
    return out;
  }

  /**
   * Records of one stream, in the order they came, with the texts under each key masked together
   * across records (see {@link ValuesAcrossRecords}): a secret cut over two records is masked in
   * both. Copies where something was masked; each record still needs its own masking.
   */
  public List<JsonNode> maskAcrossRecords(List<JsonNode> records) {
    return current().patterns().isEmpty() || records.size() < 2
        ? records
        : ValuesAcrossRecords.mask(records, this::maskLines);
  }

  /** The text with each of its {@code spans} (null: none) replaced by the mask. */
  private static String masked(String text, int[] spans) {
    if (spans == null) {
      return text;
    }
    // Whole substrings joined in one allocation: a StringBuilder copies a large answer once more
    // (toString), and append(CharSequence, from, to) char by char.
    String[] parts = new String[spans.length / 2 + 1];
    int at = 0;
    for (int k = 0; k < spans.length; k += 2) {
      parts[k / 2] = text.substring(at, spans[k]);
      at = spans[k + 1];
    }
    parts[parts.length - 1] = text.substring(at);
    return String.join(MASK, parts);
  }

  /**
   * The dotted paths in {@code node} whose value or key reveals a secret: what a check names when
   * it refuses to send a document (never the values).
   */
  public List<String> pathsRevealingSecrets(JsonNode node) {
    Set<String> found = new LinkedHashSet<>();
    ConfigLeaves.forEachKey(
        node,
        (path, key) -> {
          if (revealsSecret(key)) {
            found.add(path + " (its key)");
          }
        });
    ConfigLeaves.forEach(
        node,
        true,
        (path, value) -> {
          if (revealsSecret(value)) {
            found.add(path.isEmpty() ? "(the whole value)" : path);
          }
        });
    return List.copyOf(found);
  }

  /**
   * Whether the text holds any secret in any of its forms. A key's ends around an elision do not
   * count: which of them {@link #maskMessage} hides does not depend on the secrets, so neither may
   * this.
   */
  public boolean revealsSecret(String text) {
    return text != null && !text.isEmpty() && secretSpans(current(), text, null) != null;
  }

  /**
   * Where the text shows a secret, in any of its forms: start and end offsets in pairs, in order;
   * empty when nowhere.
   */
  public int[] secretRanges(String text) {
    if (text == null || text.isEmpty()) {
      return new int[0];
    }
    Search search = current();
    int[] spans = search.patterns().isEmpty() ? null : secretSpans(search, text, null);
    return spans == null ? new int[0] : spans.clone();
  }

  /**
   * Where the text holds a secret, as printed, once its escapes are decoded (see {@link
   * EscapedSecrets}) or once the folds of lines wrapped inside it are taken out (see {@link
   * FoldedLines}); {@code marks} are the text's, or null to find them when needed.
   */
  private static int[] secretSpans(Search search, String text, MarkedChars marks) {
    int[] found = search.patterns().find(text);
    if (search.patterns().isEmpty()) {
      return found;
    }
    MarkedChars marked = marks == null ? MarkedChars.of(text) : marks;
    return PatternSet.union(
        PatternSet.union(found, search.escaped().find(search.patterns(), text, marked)),
        search.folded().find(search.patterns(), text));
  }

  /**
   * Whether ASCII bytes (a connector's line on its way to a file) hold any secret in any of its
   * forms; the caller makes sure every byte is below 0x80.
   */
  @Override
  public boolean revealsSecretInAscii(byte[] text, int from, int to) {
    Search search = current();
    return search.patterns().containsAscii(text, from, to)
        || (!search.numbers().isEmpty() && search.numbers().containsAscii(text, from, to))
        || (!search.patterns().isEmpty() && revealedByListItems(search, text, from, to))
        || (!search.patterns().isEmpty()
            && search.escaped().foundInAscii(search.patterns(), text, from, to))
        || (search.digitSecret() && holdsExponent(text, from, to));
  }

  /**
   * Only the forms a string's text can show are searched: a join holds the texts of two string
   * values, where a list's separators or a number's digits cannot occur.
   */
  @Override
  public boolean revealsSecretAcrossRecords(byte[] join, int length, boolean ascii) {
    if (!ascii) {
      return revealsSecret(new String(join, 0, length, StandardCharsets.UTF_8));
    }
    Search search = current();
    return !search.patterns().isEmpty()
        && (search.patterns().containsAscii(join, 0, length)
            || search.escaped().foundInAscii(search.patterns(), join, 0, length));
  }

  /**
   * Whether ASCII bytes that hold a list of strings ({@code ["}) show a secret once the separators
   * between items ({@code ","}, {@code ", "}) are taken out: a key cut over two of a record's log
   * lines. Only such lines are read a second time.
   */
  private static boolean revealedByListItems(Search search, byte[] text, int from, int to) {
    if (!holdsListOfStrings(text, from, to)) {
      return false;
    }
    StringBuilder joined = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      if (text[i] == '"' && i + 2 < to && text[i + 1] == ',' && text[i + 2] == '"') {
        i += 2;
      } else if (text[i] == '"'
          && i + 3 < to
          && text[i + 1] == ','
          && text[i + 2] == ' '
          && text[i + 3] == '"') {
        i += 3;
      } else {
        joined.append((char) text[i]);
      }
    }
    return search.patterns().find(joined.toString()) != null;
  }

  private static final long BRACKETS = ByteWords.repeated('[');

  /**
   * Whether ASCII bytes hold {@code ["}, a list of strings; eight bytes at a time, as this runs on
   * every record line a sync stages.
   */
  private static boolean holdsListOfStrings(byte[] text, int from, int to) {
    int i = from;
    while (i + 1 < to) {
      if (i + Long.BYTES <= to) {
        if (ByteWords.has(ByteWords.at(text, i), BRACKETS) == 0) {
          i += Long.BYTES; // no '[' among these eight
          continue;
        }
      }
      if (text[i] == '[' && text[i + 1] == '"') {
        return true;
      }
      i++;
    }
    return false;
  }

  /**
   * Whether ASCII bytes hold a number in exponent form ({@code 7.39146825E9}, as a double prints):
   * its digits are an all-digit secret's only once written out, which a byte scan cannot do, so
   * {@link #mask(JsonNode)} (see {@link #numberRevealsSecret}) decides.
   */
  private static boolean holdsExponent(byte[] text, int from, int to) {
    for (int i = from + 1; i < to - 1; i++) {
      byte c = text[i];
      if ((c == 'E' || c == 'e') && isDigit(text[i - 1])) {
        byte next = text[i + 1];
        if (isDigit(next) || ((next == '+' || next == '-') && i + 2 < to && isDigit(text[i + 2]))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  /**
   * The text items of a JSON list, masked together ({@link #maskLines}): a source of log lines can
   * hold a key cut over two of them. Found by red team s.
   */
  private List<String> itemsMaskedTogether(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(
        element -> {
          if (element.isTextual()) {
            texts.add(element.asText());
          }
        });
    return texts.size() < 2 ? texts.stream().map(this::mask).toList() : maskLines(texts);
  }

  /**
   * A record's value that is a JSON list or object holding a list of strings (as the record's JSON
   * spells it), masked as JSON, so that a list's text items are masked together ({@link
   * #itemsMaskedTogether}); null when that changes nothing, or for any other value.
   */
  private String listItemsMasked(String text) {
    char first = text.isEmpty() ? ' ' : text.charAt(0);
    // only a value that holds a list of strings with two items or more is read again
    if ((first != '[' && first != '{')
        || text.indexOf("[\"") < 0
        || (text.indexOf("\",\"") < 0 && text.indexOf("\", \"") < 0)) {
      return null;
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(text);
    } catch (IOException | RuntimeException e) {
      return null; // not JSON after all: masked as text
    }
    JsonNode masked = mask(node);
    return masked.equals(node) ? null : masked.toString();
  }

  @Override
  public String maskRecordValue(String text) {
    String together = text == null ? null : listItemsMasked(text);
    if (together != null) {
      return together;
    }
    String masked = mask(text);
    if (masked == null || !masked.equals(text) || !current().digitSecret() || !isNumber(text)) {
      return masked;
    }
    return numberRevealsSecret(text) ? MASK : text;
  }

  /**
   * Whether the text starts as a JSON number does; {@link #numberRevealsSecret} parses the rest.
   */
  private static boolean isNumber(String text) {
    if (text.isEmpty()) {
      return false;
    }
    char c = text.charAt(0);
    return (c >= '0' && c <= '9') || (c == '-' && text.length() > 1);
  }

  @Override
  public boolean isGuessable(String value) {
    return GuessableSecrets.isGuessable(value);
  }

  private Search current() {
    if (stale) {
      synchronized (patterns) {
        if (stale) {
          search =
              new Search(
                  new PatternSet(List.copyOf(patterns)),
                  new EscapedSecrets(List.copyOf(secrets)),
                  new FoldedLines(List.copyOf(secrets)),
                  secrets.stream().anyMatch(Masker::isAllDigits),
                  numbersWithoutZeros(secrets));
          stale = false;
        }
      }
    }
    return search;
  }

  /**
   * What one masking searches with: every part built from the same secrets; {@code digitSecret}
   * when one of them is all digits (a number may show it in exponent form).
   */
  private record Search(
      PatternSet patterns,
      EscapedSecrets escaped,
      FoldedLines folded,
      boolean digitSecret,
      PatternSet numbers) {
    static final Search EMPTY =
        new Search(
            PatternSet.EMPTY, EscapedSecrets.NONE, FoldedLines.NONE, false, PatternSet.EMPTY);
  }

  /**
   * The all-digit secrets with leading zeros (an account number) as a number prints them, without
   * the zeros: an API that types ids as numbers echoes {@code 0412345678} as {@code 412345678}.
   * Found in numbers only (a record's, or an answer's), where the zeros are lost; text keeps them.
   * Numbers shorter than six digits are not masked at all.
   */
  private static PatternSet numbersWithoutZeros(Collection<String> secrets) {
    List<PatternSet.Pattern> forms = new ArrayList<>();
    for (String secret : secrets) {
      if (secret.length() > 1 && secret.charAt(0) == '0' && isAllDigits(secret)) {
        String number = secret.replaceFirst("^0+", "");
        if (number.length() >= 6) {
          forms.add(new PatternSet.Pattern(number, false, false));
        }
      }
    }
    return forms.isEmpty() ? PatternSet.EMPTY : new PatternSet(forms);
  }

  private static boolean isAllDigits(String v) {
    return !v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** A masked deep copy; keys are masked too. */
  @Override
  public JsonNode mask(JsonNode node) {
    if (node == null || secrets.isEmpty()) {
      return node;
    }
    if (node.isTextual()) {
      String masked = mask(node.asText());
      return masked.equals(node.asText()) ? node : JsonNodeFactory.instance.textNode(masked);
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        copy.set(mask(field.getKey()), mask(field.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      Iterator<String> items = itemsMaskedTogether(node).iterator();
      node.forEach(
          element -> {
            if (element.isTextual()) {
              String masked = items.next();
              copy.add(
                  masked.equals(element.asText())
                      ? element
                      : JsonNodeFactory.instance.textNode(masked));
            } else {
              copy.add(mask(element));
            }
          });
      return copy;
    }
    if (node.isNumber() && numberRevealsSecret(node.asText())) {
      return JsonNodeFactory.instance.textNode(MASK);
    }
    return node;
  }

  /** A masked copy of plain Java data (maps, lists, strings) as tools build them. */
  @SuppressWarnings("unchecked")
  public Object maskValue(Object value) {
    if (value instanceof String s) {
      return mask(s);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(mask(String.valueOf(k)), maskValue(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<String> texts = new ArrayList<>();
      list.forEach(
          v -> {
            if (v instanceof String text) {
              texts.add(text);
            }
          });
      Iterator<String> items = maskLines(texts).iterator();
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(v instanceof String ? items.next() : maskValue(v)));
      return copy;
    }
    if (value instanceof JsonNode node) {
      return mask(node);
    }
    if (value instanceof Number number && numberRevealsSecret(number.toString())) {
      return MASK; // as mask(JsonNode) does for a number node
    }
    return value;
  }

  @Override
  public boolean isEmpty() {
    return secrets.isEmpty();
  }

  @Override
  public int longestSecret() {
    return longest;
  }

  @Override
  public int shortestSecretForm() {
    return longest == 0 ? 0 : shortestForm;
  }

  /**
   * A form is found only whole, in text at least as long as it (an escape or a list's separators
   * only make the text longer); but a number can show an all-digit secret in fewer digits ({@code
   * 7.39146825E9}, or without leading zeros), so with one every value is searched.
   */
  @Override
  public int shortestRevealingText() {
    if (longest == 0) {
      return Integer.MAX_VALUE;
    }
    return current().digitSecret() ? 1 : shortestForm;
  }

  @Override
  public int secretsKnown() {
    return known;
  }

  @Override
  public Masker without(Collection<String> values) {
    Set<String> left = new LinkedHashSet<>(secrets);
    values.forEach(v -> left.remove(v.strip()));
    Masker other = new Masker();
    left.forEach(other::register);
    return other;
  }

  /**
   * Whether a number, as Java prints it, shows a secret: also its digits written out in full, as a
   * double's text hides them ({@code 7391468250.0} prints as {@code 7.39146825E9}).
   */
  private boolean numberRevealsSecret(String text) {
    if (revealsSecret(text)) {
      return true;
    }
    PatternSet numbers = current().numbers();
    if (!numbers.isEmpty() && numbers.find(text) != null) {
      return true;
    }
    if (text.indexOf('E') < 0 && text.indexOf('e') < 0 && text.indexOf('.') < 0) {
      return false;
    }
    try {
      BigDecimal value = new BigDecimal(text);
      String plain = value.toPlainString();
      String stripped = value.stripTrailingZeros().toPlainString();
      return revealsSecret(plain)
          || revealsSecret(stripped)
          || (!numbers.isEmpty()
              && (numbers.find(plain) != null || numbers.find(stripped) != null));
    } catch (NumberFormatException e) {
      return false; // NaN, Infinity
    }
  }

  /** Ports, counts and years: masking them would garble dates and numbers everywhere. */
  private static boolean isShortNumber(String v) {
    return v.length() < 6 && v.chars().allMatch(Character::isDigit);
  }
}
