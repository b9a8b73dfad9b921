package airbytemcp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A number argument with bounds is declared once: the schema states them and the handler refuses a
 * value outside them with what to give instead, rather than answering for a value the agent did not
 * ask for.
 */
@Timeout(10)
class NumberBoundsTest {
  private static final ToolParam.Int JOBS = ToolParam.integer("max_jobs", 20).between(1, 500);
  private static final ToolParam.Int LINES = ToolParam.integer("max_lines", 4000).atLeast(0);

  @Test
  void aValueOutsideTheBoundsIsRefusedWithThemAndTheDefault() {
    ArgumentError error =
        assertThrows(
            ArgumentError.class, () -> new ToolArgs(Map.of("max_jobs", 1000)).integer(JOBS));
    assertEquals("Argument 'max_jobs' must be 1 to 500, not 1000.", error.getMessage());
    assertEquals("Give a value of 1 to 500, or leave it out for 20.", error.hint());
    ArgumentError negative =
        assertThrows(
            ArgumentError.class, () -> new ToolArgs(Map.of("max_lines", -1)).integer(LINES));
    assertEquals("Argument 'max_lines' must be 0 or more, not -1.", negative.getMessage());
  }

  @Test
  void theBoundsThemselvesAndTheDefaultAreTaken() {
    assertEquals(1, new ToolArgs(Map.of("max_jobs", 1)).integer(JOBS));
    assertEquals(500, new ToolArgs(Map.of("max_jobs", "500")).integer(JOBS));
    assertEquals(20, new ToolArgs(Map.of()).integer(JOBS));
    assertEquals(0, new ToolArgs(Map.of("max_lines", 0)).integer(LINES));
  }

  @Test
  void theSchemaStatesTheBounds() {
    Map<String, Object> schema =
        InputSchema.builder().integer(JOBS, "Jobs.").integer(LINES, "Lines.").build();
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> properties =
        (Map<String, Map<String, Object>>) schema.get("properties");
    assertEquals(1, properties.get("max_jobs").get("minimum"));
    assertEquals(500, properties.get("max_jobs").get("maximum"));
    assertEquals(0, properties.get("max_lines").get("minimum"));
    assertTrue(!properties.get("max_lines").containsKey("maximum"), "max_lines has no upper bound");
  }

  @Test
  void aDefaultOutsideItsOwnBoundsIsADeclarationError() {
    assertThrows(
        IllegalArgumentException.class, () -> ToolParam.integer("max_jobs", 0).between(1, 500));
  }
}
