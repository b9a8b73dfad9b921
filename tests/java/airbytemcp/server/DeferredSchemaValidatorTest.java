package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Structured tool results are still checked against their output schema, and schemas given once the
 * server runs (elicitation) against the meta-schema; only the build-time check is skipped.
 */
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
  void schemasAreCheckedOnceTheServerIsBuilt() {
    Map<String, Object> broken = Map.of("type", "object", "properties", Map.of("n", 5));
    assertTrue(
        validator.validateSchema(broken).valid(),
        "a schema was checked while the server was being built (the check start-up skips)");
    validator.serverBuilt();
    assertFalse(
        validator.validateSchema(broken).valid(),
        "after the build, a schema whose property is a number passed the meta-schema check");
  }

  @Test
  void aResultBreakingItsOutputSchemaIsRejected() {
    assertFalse(
        validator.validate(SCHEMA, Map.of("result", "not a list")).valid(),
        "a result whose 'result' is not an array passed the output-schema check");
  }
}
