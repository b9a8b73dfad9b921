package airbytemcp.server;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.util.Map;

/**
 * The SDK's JSON-schema validator (the one its Jackson module supplies), loaded when a tool result is first checked against its output
 * schema rather than when the server starts. The SDK would otherwise also check every tool's
 * schemas against the JSON-schema meta-schema as it builds the server, which loads the validator
 * library and costs a large part of the start; those schemas are fixed in code, so {@code
 * ToolSchemasConformTest} checks them with the same validator instead.
 */
final class DeferredSchemaValidator implements JsonSchemaValidator {
  private JsonSchemaValidator loaded;

  @Override
  public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
    return validator().validate(schema, structuredContent);
  }

  /** Tool schemas are not re-checked at start (see the class comment). */
  @Override
  public ValidationResponse validateSchema(Map<String, Object> schema) {
    return ValidationResponse.asValid(null);
  }

  private synchronized JsonSchemaValidator validator() {
    JsonSchemaValidator current = loaded;
    if (current == null) {
      current = new DefaultJsonSchemaValidator();
      loaded = current;
    }
    return current;
  }
}
