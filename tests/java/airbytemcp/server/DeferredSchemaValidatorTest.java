package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Structured tool results are still checked against their output schema, on first use. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class DeferredSchemaValidatorTest {
  private static final Map<String, Object> SCHEMA =
      Map.of(
          "type", "object",
          "properties", Map.of("result", Map.of("type", "array")),
          "required", List.of("result"));

  private final DeferredSchemaValidator validator = new DeferredSchemaValidator();

  @Test
  void aResultMatchingItsOutputSchemaPasses() {
    assertTrue(
        validator.validate(SCHEMA, Map.of("result", List.of("a"))).valid(),
        "a result matching the schema was rejected");
  }

  @Test
  void aResultBreakingItsOutputSchemaIsRejected() {
    assertFalse(
        validator.validate(SCHEMA, Map.of("result", "not a list")).valid(),
        "a result whose 'result' is not an array passed the output-schema check");
  }
}
