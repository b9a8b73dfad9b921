package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import airbytemcp.common.Json;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jinja raises UndefinedError when a template calls a method a value lacks or hands an undefined
 * value to format_datetime; the CDK catches it and the template takes its default (no value).
 */
class JinjaUndefinedTest {
  private final Interpolator jinja = Interpolator.shared();
  private final Map<String, Object> vars = new HashMap<>();

  JinjaUndefinedTest() {
    vars.put(
        "config",
        PyValues.fromJson(
            Json.parse("{\"flag\": true, \"count\": 3, \"start_date\": \"2024-01-02\"}")));
  }

  @Test
  void getOnABooleanGivesNoValue() {
    assertNull(
        jinja.eval("{{ config['flag'].get('region', 'eu') }}", vars),
        "True.get(...) is undefined in Jinja, so the template has no value");
  }

  @Test
  void getOnANumberInsideTextGivesNoValue() {
    assertNull(
        jinja.eval("https://{{ config.count.get('host') }}/v1", vars),
        "the whole template takes its default, not just the failing expression");
  }

  @Test
  void getOnAListGivesNoValue() {
    vars.put("response", PyValues.fromJson(Json.parse("[{\"id\": 1}]")));
    assertNull(
        jinja.eval("{{ not response.get('has_more', False) }}", vars),
        "a list has no get in Jinja: the stop condition has no value instead of failing");
  }

  @Test
  void formatDatetimeOfAMissingFieldGivesNoValue() {
    assertNull(
        jinja.eval("{{ format_datetime(config['start_time'], '%Y-%m-%d') }}", vars),
        "config['start_time'] is undefined, and format_datetime of it raises UndefinedError");
  }

  @Test
  void formatDatetimeOfAPresentFieldStillFormats() {
    assertEquals(
        "2024/01/02",
        jinja.eval("{{ format_datetime(config['start_date'], '%Y/%m/%d') }}", vars),
        "the undefined rule must not swallow defined values");
  }

  @Test
  void aTemplateErrorThatIsNotUndefinedStillFails() {
    assertThrows(
        DeclarativeError.class,
        () -> jinja.eval("{{ format_datetime('not a date', '%Y') }}", vars),
        "an unparsable date is a real failure in the CDK too");
  }
}
