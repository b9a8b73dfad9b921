package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ==} and {@code !=} answer as in Python (and the CDK's Jinja): values of different kinds
 * are simply unequal, numbers compare by value, and nothing raises.
 */
class JinjaEqualityTest {
  private final Interpolator jinja = Interpolator.shared();
  private final Map<String, Object> vars = new HashMap<>();

  JinjaEqualityTest() {
    vars.put(
        "response",
        PyValues.fromJson(
            Json.parse(
                "{\"data\": {\"next_url\": 42, \"ratio\": 1.0, \"flag\": true, \"missing\": null,"
                    + " \"code\": \"1\", \"ids\": [1, 2], \"meta\": {\"page\": 2}}}")));
  }

  /** The expression's truth as a template sees it ('yes' or 'no'), so a failure cannot pass. */
  private boolean holds(String expression) {
    String answer = jinja.render("{{ 'yes' if " + expression + " else 'no' }}", vars);
    assertTrue(answer.equals("yes") || answer.equals("no"), "unexpected rendering: " + answer);
    return answer.equals("yes");
  }

  @Test
  void aNumberEqualsNoString() {
    assertFalse(holds("5 == \"null\""), "Python: 5 == 'null' is False");
  }

  @Test
  void aNumberDiffersFromAString() {
    assertTrue(holds("5 != \"x\""), "Python: 5 != 'x' is True");
  }

  @Test
  void anIntEqualsTheSameFloat() {
    assertTrue(holds("1 == 1.0"), "Python compares numbers by value");
  }

  @Test
  void aDigitStringEqualsNoNumber() {
    assertFalse(holds("\"1\" == 1"), "Python does not read '1' as a number");
  }

  @Test
  void noneEqualsNoZero() {
    assertFalse(holds("None == 0"), "None is not 0 in Python");
  }

  @Test
  void noneEqualsNone() {
    assertTrue(holds("None == None"), "None == None is True in Python");
  }

  @Test
  void trueEqualsOne() {
    assertTrue(holds("True == 1"), "Python's bool is an int: True == 1");
  }

  @Test
  void falseDiffersFromTheStringFalse() {
    assertTrue(holds("False != 'False'"), "a bool never equals a str in Python");
  }

  @Test
  void stringsStillCompareByText() {
    assertTrue(holds("'abc' == 'abc'"), "equal strings are equal");
    assertFalse(holds("'abc' == 'abd'"), "different strings differ");
  }

  @Test
  void responseValuesFollowTheSameRules() {
    assertFalse(holds("response.data.ratio == 'null'"), "float vs str");
    assertTrue(holds("response.data.ratio == 1"), "1.0 == 1");
    assertTrue(holds("response.data.flag == 1"), "True == 1");
    assertFalse(holds("response.data.missing == 0"), "None == 0");
    assertTrue(holds("response.data.missing == None"), "None == None");
    assertFalse(holds("response.data.code == 1"), "'1' == 1");
  }

  @Test
  void listsAndDictsCompareItemByItemByValue() {
    assertTrue(holds("response.data.ids == [1.0, 2]"), "[1, 2] == [1.0, 2]");
    assertFalse(holds("response.data.ids == ['1', '2']"), "[1, 2] != ['1', '2']");
    assertTrue(holds("response.data.meta == {'page': 2.0}"), "{'page': 2} == {'page': 2.0}");
  }

  @Test
  void zenefitsNextUrlComparedWithTheStringNullIsFalseForANumber() {
    assertFalse(
        jinja.evalBoolean("{{ response.data.next_url == \"null\" }}", vars),
        "a numeric next_url is not the string 'null': the stop condition does not hold");
    assertTrue(jinja.evalBoolean("{{ response.data.next_url != \"null\" }}", vars), "and != holds");
  }

  @Test
  void inequalityWorksInsideAnIfBlock() {
    assertEquals(
        "more",
        jinja.render(
            "{% if response.data.next_url != 'null' %}more{% else %}done{% endif %}", vars),
        "an {% if %} uses the same Python equality");
  }

  @Test
  void orderingComparisonsAreUnchanged() {
    assertTrue(holds("2 < 10"), "numbers still order numerically");
    assertTrue(holds("response.data.next_url >= 42.0"), "mixed int and float still order");
    assertThrows(
        DeclarativeError.class,
        () -> holds("response.data.next_url < 'a'"),
        "ordering a number against a string still fails, as in Python");
  }
}
