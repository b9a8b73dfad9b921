package airbytemcp.destinations;

import static airbytemcp.destinations.SmokeScenario.object;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The predefined smoke test scenarios (the same names as PyAirbyte's), each probing one thing
 * destinations get wrong: types, nesting, nulls, odd names, width, emptiness, size, Unicode, keys
 * and special numbers.
 */
public final class SmokeScenarios {
  public static final String FAST = "fast";
  public static final String ALL = "all";
  public static final String PREFLIGHT = "basic_types";

  private static final Map<String, SmokeScenario> PREDEFINED = new LinkedHashMap<>();

  static {
    add(
        "basic_types",
        "{\"id\":{\"type\":\"integer\"},\"name\":{\"type\":\"string\"},\"score\":{\"type\":\"number\"},"
            + "\"active\":{\"type\":\"boolean\"}}",
        List.of("id"),
        "{\"id\":1,\"name\":\"alpha\",\"score\":1.5,\"active\":true}",
        "{\"id\":2,\"name\":\"beta\",\"score\":-2.25,\"active\":false}",
        "{\"id\":3,\"name\":\"gamma\",\"score\":0,\"active\":true}");
    add(
        "timestamp_types",
        "{\"id\":{\"type\":\"integer\"},\"ts_tz\":{\"type\":\"string\",\"format\":\"date-time\","
            + "\"airbyte_type\":\"timestamp_with_timezone\"},\"ts_naive\":{\"type\":\"string\",\"format\":\"date-time\","
            + "\"airbyte_type\":\"timestamp_without_timezone\"},\"day\":{\"type\":\"string\",\"format\":\"date\"}}",
        List.of("id"),
        "{\"id\":1,\"ts_tz\":\"2024-02-29T23:59:59.123456+05:30\",\"ts_naive\":\"2024-02-29T23:59:59\",\"day\":\"2024-02-29\"}",
        "{\"id\":2,\"ts_tz\":\"1970-01-01T00:00:00Z\",\"ts_naive\":\"1970-01-01T00:00:00\",\"day\":\"1970-01-01\"}",
        "{\"id\":3,\"ts_tz\":\"9999-12-31T23:59:59Z\",\"ts_naive\":\"0001-01-01T00:00:00\",\"day\":\"9999-12-31\"}");
    add(
        "large_decimals_and_numbers",
        "{\"id\":{\"type\":\"integer\"},\"big_int\":{\"type\":\"integer\"},"
            + "\"big_number\":{\"type\":\"number\"},\"tiny\":{\"type\":\"number\"}}",
        List.of("id"),
        "{\"id\":1,\"big_int\":9223372036854775807,\"big_number\":12345678901234567890.123456789,\"tiny\":0.000000001}",
        "{\"id\":2,\"big_int\":-9223372036854775808,\"big_number\":-99999999999999999999.5,\"tiny\":-1e-9}");
    add(
        "nested_json_objects",
        "{\"id\":{\"type\":\"integer\"},\"profile\":{\"type\":\"object\",\"properties\":"
            + "{\"address\":{\"type\":\"object\"},\"tags\":{\"type\":\"array\"}}}}",
        List.of("id"),
        "{\"id\":1,\"profile\":{\"address\":{\"city\":\"Paris\",\"geo\":{\"lat\":48.85,\"lon\":2.35}},\"tags\":[\"a\",\"b\"]}}",
        "{\"id\":2,\"profile\":{\"address\":{},\"tags\":[]}}");
    add(
        "null_handling",
        "{\"id\":{\"type\":\"integer\"},\"maybe_text\":{\"type\":[\"null\",\"string\"]},"
            + "\"maybe_number\":{\"type\":[\"null\",\"number\"]},\"maybe_object\":{\"type\":[\"null\",\"object\"]}}",
        List.of("id"),
        "{\"id\":1,\"maybe_text\":null,\"maybe_number\":null,\"maybe_object\":null}",
        "{\"id\":2}",
        "{\"id\":3,\"maybe_text\":\"\",\"maybe_number\":0,\"maybe_object\":{}}");
    add(
        "column_naming_edge_cases",
        "{\"id\":{\"type\":\"integer\"},\"Mixed Case\":{\"type\":\"string\"},"
            + "\"with-dash\":{\"type\":\"string\"},\"with.dot\":{\"type\":\"string\"},\"select\":{\"type\":\"string\"},"
            + "\"1starts_with_digit\":{\"type\":\"string\"},\"$dollar\":{\"type\":\"string\"}}",
        List.of("id"),
        "{\"id\":1,\"Mixed Case\":\"a\",\"with-dash\":\"b\",\"with.dot\":\"c\",\"select\":\"d\","
            + "\"1starts_with_digit\":\"e\",\"$dollar\":\"f\"}");
    add("table_naming_edge_cases", "{\"id\":{\"type\":\"integer\"}}", List.of("id"), "{\"id\":1}");
    add(
        "CamelCaseStreamName",
        "{\"id\":{\"type\":\"integer\"},\"value\":{\"type\":\"string\"}}",
        List.of("id"),
        "{\"id\":1,\"value\":\"camel\"}");
    PREDEFINED.put("wide_table_50_columns", wideTable());
    add("empty_stream", "{\"id\":{\"type\":\"integer\"}}", List.of("id"));
    add(
        "single_record_stream",
        "{\"id\":{\"type\":\"integer\"},\"only\":{\"type\":\"string\"}}",
        List.of("id"),
        "{\"id\":1,\"only\":\"one\"}");
    PREDEFINED.put("large_batch_stream", largeBatch(10_000));
    add(
        "unicode_and_special_strings",
        "{\"id\":{\"type\":\"integer\"},\"text\":{\"type\":\"string\"}}",
        List.of("id"),
        "{\"id\":1,\"text\":\"héllo wörld — ünïcödé\"}",
        "{\"id\":2,\"text\":\"日本語テキスト 🚀🎉\"}",
        "{\"id\":3,\"text\":\"quotes ' \\\" and back\\\\slash\"}",
        "{\"id\":4,\"text\":\"line\\nbreak\\ttab\"}",
        "{\"id\":5,\"text\":\"<script>alert(1)</script>; DROP TABLE x; --\"}");
    add(
        "schema_with_no_primary_key",
        "{\"event\":{\"type\":\"string\"},\"at\":{\"type\":\"integer\"}}",
        List.of(),
        "{\"event\":\"click\",\"at\":1}",
        "{\"event\":\"click\",\"at\":1}",
        "{\"event\":\"view\",\"at\":2}");
    String longName =
        "a_very_long_column_name_that_keeps_going_and_going_past_sixty_three_characters_total";
    add(
        "long_column_names",
        "{\"id\":{\"type\":\"integer\"},\"" + longName + "\":{\"type\":\"string\"}}",
        List.of("id"),
        "{\"id\":1,\"" + longName + "\":\"long\"}");
    add(
        "duplicate_primary_keys",
        "{\"id\":{\"type\":\"integer\"},\"version\":{\"type\":\"integer\"}}",
        List.of("id"),
        "{\"id\":1,\"version\":1}",
        "{\"id\":1,\"version\":2}",
        "{\"id\":2,\"version\":1}");
    add(
        "time_types",
        "{\"id\":{\"type\":\"integer\"},\"t\":{\"type\":\"string\",\"format\":\"time\","
            + "\"airbyte_type\":\"time_without_timezone\"},\"t_tz\":{\"type\":\"string\",\"format\":\"time\","
            + "\"airbyte_type\":\"time_with_timezone\"}}",
        List.of("id"),
        "{\"id\":1,\"t\":\"13:45:30\",\"t_tz\":\"13:45:30+02:00\"}",
        "{\"id\":2,\"t\":\"00:00:00.000001\",\"t_tz\":\"23:59:59Z\"}");
    add(
        "union_types",
        "{\"id\":{\"type\":\"integer\"},\"either\":{\"type\":[\"string\",\"integer\"]},"
            + "\"one_of\":{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"object\"}]}}",
        List.of("id"),
        "{\"id\":1,\"either\":\"text\",\"one_of\":\"plain\"}",
        "{\"id\":2,\"either\":42,\"one_of\":{\"k\":\"v\"}}");
    add(
        "array_of_primitives",
        "{\"id\":{\"type\":\"integer\"},\"numbers\":{\"type\":\"array\",\"items\":"
            + "{\"type\":\"integer\"}},\"words\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}",
        List.of("id"),
        "{\"id\":1,\"numbers\":[1,2,3],\"words\":[\"a\",\"b\"]}",
        "{\"id\":2,\"numbers\":[],\"words\":[]}");
    add(
        "large_string_values",
        "{\"id\":{\"type\":\"integer\"},\"blob\":{\"type\":\"string\"}}",
        List.of("id"),
        "{\"id\":1,\"blob\":\"" + "x".repeat(100_000) + "\"}");
    add(
        "sparse_records",
        "{\"id\":{\"type\":\"integer\"},\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\"},"
            + "\"c\":{\"type\":\"string\"}}",
        List.of("id"),
        "{\"id\":1,\"a\":\"only a\"}",
        "{\"id\":2,\"b\":\"only b\"}",
        "{\"id\":3,\"c\":\"only c\"}",
        "{\"id\":4}");
    add(
        "special_number_values",
        "{\"id\":{\"type\":\"integer\"},\"n\":{\"type\":\"number\"}}",
        List.of("id"),
        "{\"id\":1,\"n\":0}",
        "{\"id\":2,\"n\":-0.0}",
        "{\"id\":3,\"n\":1.7976931348623157e308}",
        "{\"id\":4,\"n\":4.9e-324}",
        "{\"id\":5,\"n\":-1}");
  }

  private SmokeScenarios() {}

  private static void add(String name, String properties, List<String> key, String... records) {
    List<ObjectNode> rows = new ArrayList<>();
    for (String r : records) {
      rows.add(object(r));
    }
    PREDEFINED.put(name, new SmokeScenario(name, schema(properties), key, rows::stream, false));
  }

  private static ObjectNode schema(String properties) {
    return object("{\"type\":\"object\",\"properties\":" + properties + "}");
  }

  private static SmokeScenario wideTable() {
    StringBuilder properties = new StringBuilder("{\"id\":{\"type\":\"integer\"}");
    ObjectNode row = Json.object().put("id", 1);
    for (int i = 1; i < 50; i++) {
      properties.append(",\"col_").append(i).append("\":{\"type\":\"string\"}");
      row.put("col_" + i, "value " + i);
    }
    return new SmokeScenario(
        "wide_table_50_columns",
        schema(properties + "}"),
        List.of("id"),
        () -> Stream.of(row.deepCopy()),
        false);
  }

  private static SmokeScenario largeBatch(int count) {
    return new SmokeScenario(
        "large_batch_stream",
        schema("{\"id\":{\"type\":\"integer\"},\"payload\":{\"type\":\"string\"}}"),
        List.of("id"),
        () ->
            IntStream.rangeClosed(1, count)
                .mapToObj(i -> Json.object().put("id", i).put("payload", "row " + i)),
        true);
  }

  public static List<String> names() {
    return List.copyOf(PREDEFINED.keySet());
  }

  /**
   * The scenarios to run: {@code fast} (every predefined one but the slow ones), {@code all}, or
   * names; plus the custom ones.
   */
  public static List<SmokeScenario> select(List<String> requested, List<SmokeScenario> custom) {
    List<SmokeScenario> selected = new ArrayList<>();
    List<String> names = requested.isEmpty() ? List.of(FAST) : requested;
    if (names.size() == 1
        && (names.get(0).equalsIgnoreCase(FAST) || names.get(0).equalsIgnoreCase(ALL))) {
      boolean all = names.get(0).equalsIgnoreCase(ALL);
      PREDEFINED.values().stream().filter(s -> all || !s.slow()).forEach(selected::add);
    } else {
      for (String name : names) {
        SmokeScenario scenario = PREDEFINED.get(name);
        if (scenario == null) {
          scenario =
              PREDEFINED.values().stream()
                  .filter(
                      s -> s.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                  .findFirst()
                  .orElse(null);
        }
        if (scenario == null && custom.stream().noneMatch(c -> c.name().equals(name))) {
          throw new SmokeTestError(
              "Unknown smoke test scenario '" + name + "'.",
              "Use 'fast', 'all', or names from: " + String.join(", ", names()) + ".");
        }
        if (scenario != null) {
          selected.add(scenario);
        }
      }
    }
    for (SmokeScenario c : custom) {
      selected.removeIf(s -> s.name().equals(c.name()));
      selected.add(c);
    }
    return selected;
  }

  static SmokeScenario preflight() {
    return PREDEFINED.get(PREFLIGHT);
  }
}
