package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import airbytemcp.common.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Templates are read over and over (every page, every record): each use sees its own variables, and
 * plain text reads the same every time.
 */
@Timeout(60)
class TemplateReuseTest {
  private final Interpolator jinja = Interpolator.shared();

  private static Map<String, Object> config(String json) {
    return Map.of("config", PyValues.fromJson(Json.parse(json)));
  }

  @Test
  void aTemplateUsedAgainSeesTheNewVariables() {
    String template = "{{ config.page + 1 }}";
    assertEquals(2L, jinja.eval(template, config("{\"page\": 1}")), "first use");
    assertEquals(8L, jinja.eval(template, config("{\"page\": 7}")), "second use, other variables");
    assertEquals("8", jinja.render(template, config("{\"page\": 7}")), "rendered as text");
  }

  @Test
  void aTemplateRewrittenForJinjavaGivesTheSameValueEachTime() {
    // a trailing comma (valid Jinja) and an escape Jinjava reads differently: both rewritten
    String template = "{{ [config.a, config.b,] | join('\\t') }}";
    for (int i = 0; i < 3; i++) {
      assertEquals(
          "x\ty", jinja.eval(template, config("{\"a\": \"x\", \"b\": \"y\"}")), "use " + (i + 1));
    }
    String text = "page {{ [config.a,] | join(',') }} of {{ config.b }}";
    for (int i = 0; i < 3; i++) {
      assertEquals(
          "page x of y",
          jinja.render(text, config("{\"a\": \"x\", \"b\": \"y\"}")),
          "text template, use " + (i + 1));
    }
  }

  @Test
  void plainTextReadsAsALiteralOrStaysText() {
    Map<String, Object> none = Map.of();
    assertEquals("page", jinja.eval("page", none), "a word is text");
    assertEquals("/items", jinja.eval("/items", none), "a path is text");
    assertEquals("Nonesuch", jinja.eval("Nonesuch", none), "a word starting like None is text");
    assertEquals(5L, jinja.eval(" 5 ", none), "a number is a number");
    assertEquals(-2.5, jinja.eval("-2.5", none), "a signed float");
    assertEquals(true, jinja.eval("True", none), "True is a boolean");
    assertNull(jinja.eval("None", none), "None is no value");
    assertEquals(List.of(1L, "a"), jinja.eval("[1, 'a']", none), "a list literal");
    assertEquals("2024-01-01", jinja.eval("2024-01-01", none), "a date is text");
  }
}
