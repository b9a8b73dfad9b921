package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;

/** Checks a config against the manifest's connection specification before anything runs, as the CDK does. */
final class ConfigValidator {
  private final Schema schema;

  ConfigValidator(JsonNode connectionSpecification) {
    ObjectNode copy = connectionSpecification.deepCopy();
    copy.remove("$schema"); // manifests name assorted drafts; draft 7 reads them all alike for configs
    copy.remove("$id");
    // Like the CDK (jsonschema without a format checker), "format" is documentation, not a rule.
    SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(false).build();
    this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, b -> b.schemaRegistryConfig(config))
        .getSchema(copy);
  }

  /** The problems, each naming the config path; empty when the config is valid. */
  List<String> problems(JsonNode config) {
    List<String> out = new ArrayList<>();
    for (Error e : schema.validate(config)) {
      String where = e.getInstanceLocation().toString();
      String message = e.getMessage().length() > 160 ? e.getMessage().substring(0, 160) + "...]" : e.getMessage();
      out.add((where.isEmpty() || where.equals("$") ? "" : where + ": ") + message);
      if (out.size() == 5) {
        break;
      }
    }
    return out;
  }
}
