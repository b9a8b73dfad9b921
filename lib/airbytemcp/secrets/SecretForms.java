package airbytemcp.secrets;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.IDN;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The printed forms of one secret the masker looks for: the value itself in its Unicode
 * normalisation forms, as escaped in JSON (also with {@code \/} and with {@code \}{@code uXXXX} for
 * non-ASCII chars, as Python prints it, and with {@code &<>='} escaped as Go and Gson do), in HTML
 * text, in a Python repr, with its quotes doubled (CSV, SQL, YAML), %-encoded by the usual encoders
 * in either hex case (once or twice), hex, reversed, as a list of its characters, each line of a
 * multi-line value, hex with or without separators, and Base64 in both alphabets: as fragments that
 * appear whatever bytes surround the secret, so {@code base64("user:" + secret)} and JWT segments
 * are found too (the whole Base64 token is then masked). And a few forms of two encodings, one over
 * the other ({@link #composedForms}).
 */
final class SecretForms {
  /**
   * Textual forms of values this long match in any letter case (shorter ones would hit ordinary
   * words).
   */
  static final int CASE_INSENSITIVE_FROM = 8;

  /** A Base64 fragment shorter than this would match too much unrelated Base64. */
  static final int MIN_FRAGMENT = 6;

  private static final int LIST_FORMS_UP_TO = 128;

  private SecretForms() {}

  static List<PatternSet.Pattern> of(String value, int minLength) {
    Map<String, PatternSet.Pattern> forms = new LinkedHashMap<>();
    boolean anyCase = value.length() >= CASE_INSENSITIVE_FROM;
    for (String v : normalised(value)) {
      textual(v, anyCase, minLength, forms);
    }
    if (anyCase) {
      add(forms, new StringBuilder(value).reverse().toString(), false, false, minLength);
      if (value.length() <= LIST_FORMS_UP_TO) {
        listForms(value, forms, minLength);
      }
    }
    if (value.indexOf('\n') >= 0) {
      for (String line : value.split("\r?\n")) {
        String l = line.strip();
        if (l.length() >= minLength && !l.startsWith("-----")) { // PEM armour lines are no secret
          textual(l, l.length() >= CASE_INSENSITIVE_FROM, minLength, forms);
        }
      }
    }
    hostForms(value, forms, minLength);
    groupedForms(value, forms, minLength);
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    // hex digits, in any case: unbroken, and as bytes.hex(' ') and debug dumps write them
    for (String delimiter : List.of("", " ", ":")) {
      add(forms, HexFormat.ofDelimiter(delimiter).formatHex(bytes), false, false, minLength);
    }
    base64(bytes, Base64.getEncoder(), forms);
    base64(bytes, Base64.getUrlEncoder(), forms);
    composedForms(value, anyCase, minLength, forms);
    return List.copyOf(forms.values());
  }

  /**
   * A secret whose escaped form differs from it (a quote, a backslash, a char JSON or a URL
   * escapes) printed through a second encoding: its JSON form inside another JSON string or a
   * Python bytes repr (an API that echoes the request body, {@code str(request.body)}), its JSON
   * and %-encoded forms in Base64 (a JWT's claims, a cursor that encodes the query string), and a
   * non-ASCII secret's UTF-8 bytes as Python prints them ({@code \xc3\xbc}). Found by red team m3:
   * each encoding alone was known, the two together were not.
   */
  private static void composedForms(
      String value, boolean anyCase, int minLength, Map<String, PatternSet.Pattern> forms) {
    boolean exact = !anyCase;
    String json = jsonEscaped(value);
    List<String> escaped =
        List.of(
            json,
            asciiEscaped(json),
            percentEncoded(value, ""),
            URLEncoder.encode(value, StandardCharsets.UTF_8));
    for (String e : escaped) {
      if (e.equals(value)) {
        continue;
      }
      add(forms, jsonEscaped(e), exact, false, minLength);
      add(forms, pythonRepr(e), exact, false, minLength);
      byte[] bytes = e.getBytes(StandardCharsets.UTF_8);
      base64(bytes, Base64.getEncoder(), forms);
      base64(bytes, Base64.getUrlEncoder(), forms);
    }
    if (!StandardCharsets.US_ASCII.newEncoder().canEncode(value)) {
      add(forms, pythonBytes(value), exact, false, minLength);
      add(forms, pythonBytes(json), exact, false, minLength);
    }
  }

  /** The text between a JSON string's quotes. */
  private static String jsonEscaped(String s) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(s));
  }

  /** The text between the quotes of Python's repr of a string that holds both quote kinds. */
  private static String pythonRepr(String s) {
    return s.replace("\\", "\\\\").replace("'", "\\'");
  }

  /** Text as UTF-8 bytes inside Python's {@code b'...'}: non-printable bytes as {@code \xNN}. */
  private static String pythonBytes(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\'' -> out.append("\\'");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            out.append((char) c);
          } else {
            out.append(String.format(Locale.ROOT, "\\x%02x", c));
          }
        }
      }
    }
    return out.toString();
  }

  /** Letters and digits this many or more may be printed in groups ({@link #groupedForms}). */
  static final int GROUPED_FROM = 12;

  /**
   * A secret of letters and digits in groups of four, as an IBAN's print format (ISO 13616, {@code
   * DE89 3704 0044 0532 0130 00}) and a card number are shown, with spaces or dashes. Found by red
   * team s: an API that echoed the account in that format gave it back whole.
   */
  private static void groupedForms(
      String value, Map<String, PatternSet.Pattern> forms, int minLength) {
    if (value.length() < GROUPED_FROM
        || !value.chars().allMatch(SecretForms::isAsciiLetterOrDigit)) {
      return;
    }
    for (String separator : List.of(" ", "-")) {
      StringBuilder grouped = new StringBuilder(value.length() + value.length() / 4);
      for (int i = 0; i < value.length(); i += 4) {
        if (i > 0) {
          grouped.append(separator);
        }
        grouped.append(value, i, Math.min(value.length(), i + 4));
      }
      add(forms, grouped.toString(), false, false, minLength);
    }
  }

  private static boolean isAsciiLetterOrDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /**
   * The forms a URL library gives a secret used as a host: a non-ASCII one in Punycode ({@code
   * xn--...}, lower case), an all-digit one read as an IPv4 address in integer form ({@code
   * 2130706434} is {@code 127.0.0.2}).
   */
  private static void hostForms(
      String value, Map<String, PatternSet.Pattern> forms, int minLength) {
    if (!StandardCharsets.US_ASCII.newEncoder().canEncode(value)) {
      try {
        add(forms, IDN.toASCII(value, IDN.ALLOW_UNASSIGNED), false, false, minLength);
      } catch (IllegalArgumentException e) {
        // no host label can hold it: no such form
      }
    }
    if (value.matches("\\d{1,10}")) {
      long n = Long.parseLong(value);
      if (n <= 0xFFFF_FFFFL) {
        add(
            forms,
            (n >>> 24) + "." + ((n >>> 16) & 0xFF) + "." + ((n >>> 8) & 0xFF) + "." + (n & 0xFF),
            true,
            false,
            minLength);
      }
    }
  }

  private static List<String> normalised(String value) {
    List<String> out = new ArrayList<>(List.of(value));
    for (Normalizer.Form form : new Normalizer.Form[] {Normalizer.Form.NFC, Normalizer.Form.NFD}) {
      String n = Normalizer.normalize(value, form);
      if (!out.contains(n)) {
        out.add(n);
      }
    }
    return out;
  }

  private static void textual(
      String v, boolean anyCase, int minLength, Map<String, PatternSet.Pattern> forms) {
    boolean exact = !anyCase;
    add(forms, v, exact, false, minLength);
    String json = jsonEscaped(v);
    add(forms, json, exact, false, minLength);
    add(forms, json.replace("/", "\\/"), exact, false, minLength);
    String ascii = asciiEscaped(json);
    add(forms, ascii, exact, false, minLength);
    add(forms, upperHexEscapes(ascii), exact, false, minLength);
    // JSON as Go's encoding/json (& < >) and Gson (also = ') write it, safe inside HTML
    String goJson = json.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e");
    String gsonJson = goJson.replace("=", "\\u003d").replace("'", "\\u0027");
    for (String htmlSafe :
        List.of(goJson, gsonJson, asciiEscaped(goJson), asciiEscaped(gsonJson))) {
      add(forms, htmlSafe, exact, false, minLength);
      add(forms, upperHexEscapes(htmlSafe), exact, false, minLength);
    }
    // HTML text (an HTML error page), and Python's repr of a text holding both quotes
    String html =
        v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    add(forms, html.replace("'", "&#39;"), exact, false, minLength);
    add(forms, html.replace("'", "&#x27;"), exact, false, minLength);
    add(forms, pythonRepr(v), exact, false, minLength);
    // a quote doubled, as CSV and SQL write one inside a quoted field, and YAML inside '...'
    add(forms, v.replace("\"", "\"\""), exact, false, minLength);
    add(forms, v.replace("'", "''"), exact, false, minLength);
    String form = URLEncoder.encode(v, StandardCharsets.UTF_8);
    for (String encoded :
        List.of(form, form.replace("+", "%20"), percentEncoded(v, ""), percentEncoded(v, "/"))) {
      add(forms, encoded, exact, false, minLength);
      add(forms, lowerHexEscapes(encoded), exact, false, minLength);
      // encoded twice, by a client that encodes a parameter it was given encoded
      String twice = URLEncoder.encode(encoded, StandardCharsets.UTF_8);
      add(forms, twice, exact, false, minLength);
      add(forms, lowerHexEscapes(twice), exact, false, minLength);
    }
  }

  /**
   * {@code ['s', 'e', ...]} (Python), {@code ["s","e",...]} (JSON) and {@code [s, e, ...]} (Jinja's
   * Java).
   */
  private static void listForms(String v, Map<String, PatternSet.Pattern> forms, int minLength) {
    StringBuilder python = new StringBuilder("[");
    StringBuilder json = new StringBuilder("[");
    StringBuilder plain = new StringBuilder("[");
    v.codePoints()
        .forEach(
            cp -> {
              String ch = new String(Character.toChars(cp));
              String sep = python.length() > 1 ? ", " : "";
              python
                  .append(sep)
                  .append('\'')
                  .append(ch.equals("'") ? "\\'" : ch.equals("\\") ? "\\\\" : ch)
                  .append('\'');
              json.append(json.length() > 1 ? "," : "")
                  .append('"')
                  .append(new String(JsonStringEncoder.getInstance().quoteAsString(ch)))
                  .append('"');
              plain.append(sep).append(ch);
            });
    for (StringBuilder b : List.of(python, json, plain)) {
      add(forms, b.append(']').toString(), false, false, minLength);
    }
    add(forms, json.toString().replace(",", ", "), false, false, minLength);
  }

  /**
   * For each of the three byte offsets a secret can have in Base64's 3-byte groups, the run of
   * Base64 chars that only the secret's bits decide: it appears in any encoding holding the secret
   * at that offset.
   */
  private static void base64(
      byte[] secret, Base64.Encoder encoder, Map<String, PatternSet.Pattern> forms) {
    String whole =
        encoder
            .withoutPadding()
            .encodeToString(secret); // the secret encoded on its own, even if short
    if (whole.length() >= Masker.MIN_LENGTH) {
      forms.putIfAbsent(whole, new PatternSet.Pattern(whole, true, true));
    }
    for (int offset = 0; offset < 3; offset++) {
      byte[] shifted = new byte[offset + secret.length];
      System.arraycopy(secret, 0, shifted, offset, secret.length);
      String encoded = encoder.withoutPadding().encodeToString(shifted);
      int first = (8 * offset + 5) / 6;
      int end = 8 * (offset + secret.length) / 6;
      if (end - first >= MIN_FRAGMENT) {
        String fragment = encoded.substring(first, end);
        forms.putIfAbsent(fragment, new PatternSet.Pattern(fragment, true, true));
      }
    }
  }

  private static void add(
      Map<String, PatternSet.Pattern> forms,
      String text,
      boolean caseSensitive,
      boolean wholeToken,
      int minLength) {
    String flat = text.replace("\r", "").replace("\n", "");
    if (flat.length() < minLength) {
      return;
    }
    String key = caseSensitive ? flat : flat.toLowerCase(Locale.ROOT);
    PatternSet.Pattern existing = forms.get(key);
    if (existing == null || (existing.caseSensitive() && !caseSensitive)) {
      forms.put(key, new PatternSet.Pattern(flat, caseSensitive, wholeToken));
    }
  }

  /**
   * Non-ASCII chars as {@code \}{@code uXXXX} (lower-case hex, as Python's json and repr print
   * them).
   */
  private static String asciiEscaped(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 128) {
        out.append(c);
      } else {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return out.toString();
  }

  private static String upperHexEscapes(String s) {
    StringBuilder out = new StringBuilder(s);
    for (int i = s.indexOf("\\u"); i >= 0 && i + 6 <= s.length(); i = s.indexOf("\\u", i + 2)) {
      out.replace(i + 2, i + 6, s.substring(i + 2, i + 6).toUpperCase(Locale.ROOT));
    }
    return out.toString();
  }

  private static String lowerHexEscapes(String s) {
    StringBuilder out = new StringBuilder(s);
    for (int i = s.indexOf('%'); i >= 0 && i + 3 <= s.length(); i = s.indexOf('%', i + 1)) {
      out.replace(i + 1, i + 3, s.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }

  /** RFC 3986 encoding: unreserved chars and {@code keep} stay, every other byte becomes %XX. */
  private static String percentEncoded(String v, String keep) {
    StringBuilder out = new StringBuilder();
    for (byte b : v.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || "-._~".indexOf(c) >= 0
          || (c < 128 && keep.indexOf(c) >= 0)) {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
