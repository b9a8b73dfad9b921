package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A cursor's start and end are interpolated strings: the CDK reads what the template printed as a
 * Python literal, so a template that prints a quoted date (amazon-ads' report streams do) bounds
 * the slices with the date inside the quotes.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class DatetimeBoundLiteralTest {
  private static List<Map<String, Object>> slices(String yaml) throws Exception {
    JsonNode def = Json.YAML.readTree(yaml);
    Scope scope = Scope.of(Json.object().put("start_date", "2024-03-01"));
    return new DatetimeCursor(def, scope, new Masker()).slices(null, scope);
  }

  @Test
  void aQuotedDatePrintedByAMinMaxDatetimeTemplateIsTheDate() throws Exception {
    List<Map<String, Object>> slices =
        slices(
            """
            type: DatetimeBasedCursor
            cursor_field: day
            datetime_format: "%Y-%m-%d"
            start_datetime:
              type: MinMaxDatetime
              datetime: >-
                {%- set start = config['start_date'] -%}
                "{{ start }}"
              datetime_format: "%Y-%m-%d"
            end_datetime: "'2024-03-02'"
            step: P1D
            cursor_granularity: P1D
            """);

    assertEquals(2, slices.size(), "one slice a day from 1 to 2 March: " + slices);
    assertEquals("2024-03-01", slices.get(0).get("start_time"), "the first slice's start");
    assertEquals("2024-03-02", slices.get(1).get("end_time"), "the last slice's end");
  }

  @Test
  void anUnquotedDateStaysAsPrinted() throws Exception {
    List<Map<String, Object>> slices =
        slices(
            """
            type: DatetimeBasedCursor
            cursor_field: day
            datetime_format: "%Y%m%d"
            start_datetime: "{{ config['start_date'] | replace('-', '') }}"
            end_datetime: "20240301"
            """);

    assertEquals(1, slices.size(), "a start equal to the end is one slice: " + slices);
    assertEquals("20240301", slices.get(0).get("start_time"), "a date printed as digits");
  }
}
