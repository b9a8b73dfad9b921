package airbytemcp.server;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.util.Map;

/**
 * The SDK's JSON-schema validator (the one its Jackson module supplies), loaded on first use rather
 * than when the server starts. As it builds the server, the SDK checks every tool's schemas against
 * the JSON-Schema meta-schema, which loads the validator library and costs a large part of the
 * start; those schemas are fixed in code, so that check is skipped here and {@code
 * ToolSchemasConformTest} makes it with the same validator. Once the server is built, every check
 * (tool results against their output schema, elicitation schemas) runs as before.
 */
final class DeferredSchemaValidator implements JsonSchemaValidator {
  private JsonSchemaValidator loaded;
  private volatile boolean built;

  @Override
  public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
    return validator().validate(schema, structuredContent);
  }

  /** Skipped while the server is being built (the tool schemas, see the class comment). */
  @Override
  public ValidationResponse validateSchema(Map<String, Object> schema) {
    return built ? validator().validateSchema(schema) : ValidationResponse.asValid(null);
  }

  /** The server is built: schemas given from now on (e.g. an elicitation's) are checked. */
  void serverBuilt() {
    built = true;
  }

  private synchronized JsonSchemaValidator validator() {
    if (loaded == null) {
      loaded = new DefaultJsonSchemaValidator();
    }
    return loaded;
  }
}
