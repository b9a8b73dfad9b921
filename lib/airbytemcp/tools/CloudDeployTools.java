package airbytemcp.tools;

import static airbytemcp.tools.CloudToolSupport.define;
import static airbytemcp.tools.CloudToolSupport.withWorkspace;

import airbytemcp.cloud.ActorKind;
import airbytemcp.cloud.Actors;
import airbytemcp.common.Json;
import airbytemcp.registry.ConnectorMetadata;
import airbytemcp.registry.ConnectorSpecs;
import airbytemcp.secrets.ConfigInput;
import airbytemcp.secrets.SecretFields;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** Tools that put new sources, destinations and connections into an Airbyte workspace. */
final class CloudDeployTools {
  /** Airbyte's "dev-null" destination, which accepts and discards records. */
  static final String NOOP_DESTINATION = "destination-dev-null";

  private final CloudToolSupport support;
  private final ConnectorSpecs specs;

  CloudDeployTools(CloudToolSupport support) {
    this.support = support;
    this.specs = new ConnectorSpecs(support.services.connectorFiles());
  }

  List<ToolDefinition> definitions() {
    return List.of(deploy(ActorKind.SOURCE), deploy(ActorKind.DESTINATION), deployNoop(), createConnection());
  }

  private ToolDefinition deploy(ActorKind kind) {
    String label = kind.label();
    return define(
        "deploy_" + label + "_to_cloud",
        "Create a " + label + " in an Airbyte workspace from a registry connector and a config (secrets as "
            + "\"secret_reference::NAME\"). Safe mode lets this server change or delete it later.",
        withWorkspace()
            .string(label + "_name", "Name for the new " + label + " in Airbyte.", true)
            .string(label + "_connector_name", "Registry connector name, e.g. '" + (kind == ActorKind.SOURCE
                ? "source-faker" : "destination-postgres") + "'.", true)
            .objectOrString("config", "Config object or JSON string.")
            .string("config_secret_name", "Secret holding the whole config.", false)
            .bool("unique", "Refuse a name already in use.", true),
        null,
        ToolHints.write(false, false, true),
        true,
        call -> {
          ToolArgs args = call.args();
          String workspace = support.workspace(call);
          String name = args.requiredString(label + "_name");
          String connector = args.requiredString(label + "_connector_name");
          Actors.Summary deployed = deployActor(call, kind, workspace, name, connector,
              new ConfigInput(args.optionalValue("config"), Optional.empty(), args.optionalString("config_secret_name")),
              args.bool("unique", true));
          return ToolResult.text(kind == ActorKind.SOURCE
              ? "Deployed source '" + name + "' with id '" + deployed.id() + "'. URL: " + deployed.url()
              : "Deployed destination '" + name + "' with id '" + deployed.id() + "'. URL: " + deployed.url());
        });
  }

  private Actors.Summary deployActor(ToolCall call, ActorKind kind, String workspace, String name, String connector,
      ConfigInput input, boolean unique) {
    ConnectorMetadata metadata = support.services.registry().registry().require(connector);
    if (!metadata.connectorType().id().equals(kind.label())) {
      throw new ArgumentError("'" + connector + "' is a " + metadata.connectorType().id() + ", not a " + kind.label() + ".",
          "Use deploy_" + metadata.connectorType().id() + "_to_cloud for it.");
    }
    Optional<JsonNode> spec = specs.connectionSpecification(metadata);
    ObjectNode config = support.services.configResolver().resolve(input, spec);
    ObjectNode hydrated = (ObjectNode) support.services.secrets().hydrate(config);
    spec.ifPresent(s -> SecretFields.of(s).registerValues(hydrated, support.services.masker()));
    return support.cloud(call).actors(kind).deploy(workspace, name, connector, Optional.ofNullable(metadata.definitionId()),
        hydrated, unique);
  }

  private ToolDefinition deployNoop() {
    return define(
        "deploy_noop_destination_to_cloud",
        "Create a destination that accepts records and throws them away (Airbyte's dev-null connector), for "
            + "trying a source or a connection without writing data anywhere.",
        withWorkspace()
            .stringWithDefault("name", "Name for the destination.", "No-op Destination")
            .bool("unique", "Refuse a name already in use.", true),
        null,
        ToolHints.write(false, false, true),
        true,
        call -> {
          ToolArgs args = call.args();
          String workspace = support.workspace(call);
          ObjectNode config = Json.object();
          config.putObject("test_destination").put("test_destination_type", "SILENT");
          Actors.Summary deployed = support.cloud(call).destinations().deploy(workspace,
              args.optionalString("name").orElse("No-op Destination"), NOOP_DESTINATION,
              Optional.of("a7bcc9d8-13b3-4e49-b80d-d020b90045e3"), config, args.bool("unique", true));
          return ToolResult.text("Deployed the no-op destination with id '" + deployed.id() + "'. URL: " + deployed.url());
        });
  }

  private ToolDefinition createConnection() {
    return define(
        "create_connection_on_cloud",
        "Connect a deployed source to a deployed destination, syncing the named streams (at least one; '*' is "
            + "not a wildcard). Airbyte's defaults apply to sync modes and schedule; table_prefix is put in front "
            + "of every table name in the destination.",
        withWorkspace()
            .string("connection_name", "Name for the connection.", true)
            .string("source_id", "Id of the deployed source.", true)
            .string("destination_id", "Id of the deployed destination.", true)
            .property("selected_streams", true, CloudToolSupport.stringOrListSchema(
                "The stream names to sync: one name, a list, or a comma-separated string."))
            .string("table_prefix", "Prefix for the destination's table names.", false),
        null,
        ToolHints.write(false, false, true),
        true,
        call -> {
          ToolArgs args = call.args();
          String workspace = support.workspace(call);
          String name = args.requiredString("connection_name");
          String id = support.cloud(call).connections().create(workspace, name, args.requiredString("source_id"),
              args.requiredString("destination_id"), args.stringList("selected_streams"),
              args.optionalString("table_prefix"));
          return ToolResult.text("Created connection '" + name + "' with id '" + id + "'. URL: "
              + support.cloud(call).connections().url(workspace, id));
        });
  }
}
