package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A loaded manifest: references resolved, parameters propagated, schema defaults filled in and
 * validated.
 *
 * @param name the connector it defines (e.g. {@code source-pokeapi}), or a label for a custom
 *     definition
 * @param definition the manifest ready to build components from
 * @param cdkVersion the CDK version the manifest was written for ({@code version})
 * @param source where it was loaded from (file path, registry name and version), named in bug
 *     reports
 */
public record Manifest(String name, ObjectNode definition, String cdkVersion, String source) {
  public Manifest(String name, ObjectNode definition, String cdkVersion) {
    this(name, definition, cdkVersion, name);
  }

  public JsonNode spec() {
    return definition.path("spec");
  }
}
