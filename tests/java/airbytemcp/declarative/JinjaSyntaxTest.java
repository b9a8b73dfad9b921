package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import airbytemcp.common.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jinja syntax that Python's Jinja accepts and Jinjava does not by itself: string literals with
 * Python's backslash escapes and trailing commas in lists. Each template is a shape found in a real
 * manifest; the expected values are what Python's Jinja renders.
 */
class JinjaSyntaxTest {
  private final Interpolator jinja = Interpolator.shared();
  private final Map<String, Object> vars = new HashMap<>();

  JinjaSyntaxTest() {
    vars.put(
        "record",
        PyValues.fromJson(Json.parse("{\"uri\":\"https://api.example/scheduled_events/AB-12\"}")));
    vars.put(
        "response",
        PyValues.fromJson(
            Json.parse(
                "{\"@odata.nextLink\":\"https://graph.example/v1.0/users?$top=5&$skiptoken=X42&a=1\","
                    + "\"next\":\"https://api.example/items?page=7\"}")));
  }

  private Object eval(String template) {
    return jinja.eval(template, vars);
  }

  @Test
  void anEscapedSlashInADoubleQuotedRegexIsABackslashAndASlash() {
    // calendly: Python keeps the unknown escape \/ as two characters; the regex reads a slash
    assertEquals(
        "AB-12",
        eval("{{ record['uri'] | regex_search(\"\\/([a-zA-Z0-9-]*)$\") }}"),
        "the \\/ escape must reach the regex as \\/, matching the last path segment");
  }

  @Test
  void anEscapedDollarInASingleQuotedRegexMatchesALiteralDollar() {
    // microsoft-entra-id, microsoft-lists
    assertEquals(
        "X42",
        eval("{{ response.get(\"@odata.nextLink\") | regex_search('\\$skiptoken=([^&]+)') }}"),
        "'\\$' must stay backslash-dollar, a literal $ in the regex");
  }

  @Test
  void aDigitClassEscapeInARegexIsKept() {
    // ubidots
    assertEquals(7L, eval("{{ response.next | regex_search(\"page=(\\d+)\") }}"));
  }

  @Test
  void knownEscapesDecodeAsInPython() {
    assertEquals("a\nb", jinja.render("{{ \"a\\nb\" }}", vars), "\\n is a newline");
    assertEquals("a\tb", jinja.render("{{ 'a\\tb' }}", vars), "\\t is a tab");
    assertEquals(
        "AA\u00e9\u2022",
        jinja.render("{{ \"\\x41\\101\\u00e9\\N{BULLET}\" }}", vars),
        "hex, octal, 16-bit and named escapes decode to their characters");
    assertEquals("ab", jinja.render("{{ \"a\\\nb\" }}", vars), "backslash-newline joins lines");
  }

  @Test
  void escapedBackslashesAndQuotesDecodeOnce() {
    // tiktok-marketing writes a JSON array inside a string literal: "[\\\"STATUS_ALL\\\"]"
    assertEquals(
        "[\\\"STATUS_ALL\\\"]",
        jinja.render("{{ \"[\\\\\\\"STATUS_ALL\\\\\\\"]\" }}", vars),
        "\\\\ is one backslash and \\\" one quote");
    assertEquals("\\", jinja.render("{{ '\\\\' }}", vars), "a literal ending in a backslash");
    assertEquals(
        "x\\-1", jinja.render("{{ 'x\\\\' ~ -1 }}", vars), "the literal ends at its real quote");
  }

  @Test
  void textOutsideTheExpressionKeepsItsBackslashes() {
    assertEquals(
        "C:\\dir\\\\$ a\\n\\d",
        jinja.render("C:\\dir\\{{ '\\$ a' }}\\n{# '\\q' #}\\d", vars),
        "only string literals inside {{ }} are decoded; text and comments are left alone");
  }

  @Test
  void aTrailingCommaInAListIsValid() {
    // amazon-ads builds its metric list this way
    assertEquals(
        "clicks,sales",
        eval("{{\n  ','.join([\n  'clicks',\n  'sales',\n  ])\n}}\n"),
        "a list written with a trailing comma joins like the list without it");
    assertEquals(List.of("a", "b"), eval("{{ ['a', 'b' , ] }}"));
  }

  @Test
  void aCommaInsideAStringIsNotTakenForATrailingComma() {
    assertEquals(",]", jinja.render("{{ ',]' }}", vars));
  }

  @Test
  void aMalformedEscapeIsATemplateError() {
    // \x needs two hex digits: Jinja refuses the template, so does this runtime
    assertThrows(DeclarativeError.class, () -> jinja.render("{{ 'a\\xZZ' }}", vars));
  }
}
