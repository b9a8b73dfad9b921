package airbytemcp.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {
  private static final JsonNode SPEC =
      Json.parse(
          "{\"type\": \"object\", \"required\": [\"start_date\"], \"properties\": {"
              + "\"start_date\": {\"type\": \"string\", \"format\": \"date\", \"pattern\": \"^\\\\d{2}-\\\\d{2}-\\\\d{4}$\"},"
              + " \"kind\": {\"type\": \"string\", \"enum\": ["
              + "\"aaaaaaaaaa\",".repeat(60)
              + "\"b\"]}}}");

  @Test
  void formatsDocumentFieldsButAreNoRulesAsInTheCdk() {
    assertEquals(
        List.of(), ConfigValidator.problems(SPEC, Json.parse("{\"start_date\": \"01-03-2024\"}")));
  }

  @Test
  void missingFieldsAndPatternsAreNamed() {
    assertTrue(
        ConfigValidator.problems(SPEC, Json.parse("{}")).get(0).contains("start_date"),
        "expected start_date in ConfigValidator.problems(SPEC, Json.parse(\"{}\")).get(0)");
    assertTrue(
        ConfigValidator.problems(SPEC, Json.parse("{\"start_date\": \"2024-03-01\"}"))
            .get(0)
            .contains("start_date"),
        "expected start_date in ConfigValidator.problems(SPEC, Json.parse(\"{\\\"start_date\\...");
  }

  @Test
  void longEnumMessagesAreCut() {
    String problem =
        ConfigValidator.problems(
                SPEC, Json.parse("{\"start_date\": \"01-03-2024\", \"kind\": \"x\"}"))
            .get(0);
    assertTrue(problem.length() < 260 && problem.endsWith("..."), problem);
  }
}
