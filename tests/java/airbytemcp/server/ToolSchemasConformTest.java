package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.testing.ToolHarness;
import airbytemcp.tools.ToolCatalog;
import airbytemcp.tools.ToolDefinition;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator.ValidationResponse;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every tool's input and output schema is a valid JSON Schema, checked by the SDK's own validator
 * against the meta-schema. The server no longer has the SDK run this check at every start (see
 * {@link DeferredSchemaValidator}), so it is made here, for every registered tool, hidden or not.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ToolSchemasConformTest {
  private final JsonSchemaValidator validator = new DefaultJsonSchemaValidator();

  @TempDir Path dir;

  @Test
  void everyToolSchemaConformsToTheMetaSchema() throws IOException {
    ToolHarness harness = new ToolHarness(dir, Map.of(), null, null);
    ToolAdapter adapter = new ToolAdapter(harness.masker, new DeferredSchemaValidator());
    List<ToolDefinition> tools = ToolCatalog.all(harness.services);
    assertFalse(tools.isEmpty(), "the catalog holds no tools");
    for (ToolDefinition definition : tools) {
      McpSchema.Tool tool = adapter.adapt(definition).tool();
      assertConforms(tool.name() + " input schema", tool.inputSchema());
      if (tool.outputSchema() != null) {
        assertConforms(tool.name() + " output schema", tool.outputSchema());
      }
    }
  }

  @Test
  void theCheckRejectsASchemaThatIsNotOne() {
    ValidationResponse answer =
        validator.validateSchema(Map.of("type", "object", "properties", Map.of("n", 5)));
    assertFalse(answer.valid(), "a property schema that is a number passed the meta-schema check");
  }

  private void assertConforms(String what, Map<String, Object> schema) {
    ValidationResponse answer = validator.validateSchema(schema);
    assertTrue(
        answer.valid(), () -> what + " is not a valid JSON Schema: " + answer.errorMessage());
  }
}
