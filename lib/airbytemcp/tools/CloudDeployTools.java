package airbytemcp.tools;

import static airbytemcp.tools.CloudToolSupport.UNIQUE;
import static airbytemcp.tools.CloudToolSupport.define;
import static airbytemcp.tools.CloudToolSupport.withWorkspace;

import airbytemcp.cloud.ActorKind;
import airbytemcp.cloud.Actors;
import airbytemcp.cloud.CloudIds;
import airbytemcp.common.Json;
import airbytemcp.registry.ConnectorMetadata;
import airbytemcp.secrets.ConfigInput;
import airbytemcp.secrets.SecretFields;
import airbytemcp.secrets.SecretPlacement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Tools that put new sources, destinations and connections into an Airbyte workspace. */
final class CloudDeployTools {
  private static final ToolParam.Text NOOP_NAME = ToolParam.text("name", "No-op Destination");
  private static final ToolParam.Flag DEFER_CREDENTIALS =
      ToolParam.flag("defer_credentials", false);

  /** Airbyte's "dev-null" destination, which accepts and discards records. */
  static final String NOOP_DESTINATION = "destination-dev-null";

  private final CloudToolSupport support;
  private final CloudConfigCheck configCheck;

  CloudDeployTools(CloudToolSupport support) {
    this.support = support;
    this.configCheck = new CloudConfigCheck(support.services);
  }

  List<ToolDefinition> definitions() {
    return List.of(
        deployConnector(),
        deploy(ActorKind.SOURCE),
        deploy(ActorKind.DESTINATION),
        deployNoop(),
        createConnection());
  }

  private ToolDefinition deploy(ActorKind kind) {
    String label = kind.label();
    return define(
        "deploy_" + label + "_to_cloud",
        "Create a "
            + label
            + " in an Airbyte workspace from a registry connector and a config (secrets as "
            + "\"secret_reference::NAME\"). Safe mode lets this server change or delete it later.",
        withWorkspace()
            .requiredString(label + "_name", "Name for the new " + label + " in Airbyte.")
            .requiredString(
                label + "_connector_name",
                "Registry connector name, e.g. '"
                    + (kind == ActorKind.SOURCE ? "source-faker" : "destination-postgres")
                    + "'.")
            .objectOrString("config", "Config object or JSON string.")
            .string("config_secret_name", "Secret holding the whole config.")
            .bool(UNIQUE, "Refuse a name already in use."),
        null,
        ToolHints.writes().openWorld().build(),
        Set.of(ToolTrait.CHANGES_CLOUD),
        call -> {
          ToolArgs args = call.args();
          String workspace = support.workspace(call);
          String name = args.requiredString(label + "_name");
          String connector = args.requiredString(label + "_connector_name");
          return deployWithConfig(
              call,
              new Deploy(kind, workspace, name, connector, configInput(args), args.bool(UNIQUE)));
        });
  }

  /** One deploy: of what kind, where, under which name, from which connector and config. */
  private record Deploy(
      ActorKind kind,
      String workspace,
      String name,
      String connector,
      ConfigInput input,
      boolean unique) {}

  /** The connector's registry entry, its spec when known, and the hydrated config to send. */
  private record PreparedConfig(
      ConnectorMetadata metadata,
      Optional<JsonNode> spec,
      ObjectNode config,
      List<String> secretFieldsLeftOut) {}

  private static ConfigInput configInput(ToolArgs args) {
    return new ConfigInput(
        args.optionalValue("config"), Optional.empty(), args.optionalString("config_secret_name"));
  }

  /**
   * The config a deploy sends. With all credentials it is resolved against the connector's spec and
   * its secret values registered for masking; with deferred credentials every field the spec marks
   * secret is left out (noted in {@code secretFieldsLeftOut}) for a person to enter. Either way a
   * secret reference outside the spec's secret fields is refused ({@link SecretPlacement}).
   */
  private PreparedConfig prepareConfig(Deploy deploy, boolean deferCredentials) {
    ConnectorMetadata metadata =
        registryConnector(
            deploy.connector(),
            deploy.kind(),
            deferCredentials
                ? type -> "Leave connector_type out, or set it to '" + type + "'."
                : type -> "Use deploy_" + type + "_to_cloud for it.");
    Optional<JsonNode> spec = configCheck.spec(metadata);
    List<String> dropped = new ArrayList<>();
    ObjectNode config;
    if (deferCredentials) {
      config =
          deploy.input().config().isPresent()
              ? support.services.configResolver().resolve(deploy.input(), Optional.empty())
              : Json.object();
      Set<String> secretNames = spec.map(s -> SecretFields.of(s).names()).orElse(Set.of());
      withoutFields(config, secretNames, "", dropped);
    } else {
      config = support.services.configResolver().resolve(deploy.input(), spec);
    }
    // with deferred credentials the secret fields are gone, so any reference left is misplaced;
    // the draft still gets secrets, from a person, so its hosts are held as a deployed actor's
    return new PreparedConfig(
        metadata,
        spec,
        support.configForAirbyte(
            deploy.input(),
            config,
            spec,
            Optional.of(metadata),
            deploy.connector(),
            deferCredentials ? Optional.of(Json.object()) : Optional.empty()),
        dropped);
  }

  private Actors.Summary create(ToolCall call, Deploy deploy, PreparedConfig prepared) {
    return support
        .cloud(call)
        .actors(deploy.kind())
        .deploy(
            deploy.workspace(),
            deploy.name(),
            deploy.connector(),
            Optional.ofNullable(prepared.metadata().definitionId()),
            prepared.config(),
            deploy.unique());
  }

  private ToolDefinition deployConnector() {
    return define(
        "deploy_connector_to_cloud",
        "Create a source or destination in a workspace from a registry connector and a config, validated against "
            + "the connector's spec. With defer_credentials=true it creates a draft without the secret fields and "
            + "returns the link where a person enters them, so secrets never pass through the conversation.",
        withWorkspace()
            .requiredString("name", "Name of the new object in Airbyte.")
            .requiredString("connector_name", "e.g. 'source-faker'.")
            .stringEnum(
                ConnectorKinds.TYPE_ARGUMENT,
                "Inferred from connector_name when left out.",
                List.of("source", "destination"))
            .objectOrString("config", "Object or JSON string.")
            .string("config_secret_name", "Secret holding the whole config.")
            .bool(UNIQUE, "Refuse a name already used in the workspace.")
            .bool(DEFER_CREDENTIALS, "Leave secret fields for a person to enter in Airbyte."),
        null,
        ToolHints.writes().openWorld().build(),
        Set.of(ToolTrait.CHANGES_CLOUD),
        call -> {
          ToolArgs args = call.args();
          String connector = args.requiredString("connector_name");
          ActorKind kind = ConnectorKinds.fromName(args, connector);
          String workspace = support.workspace(call);
          String name = args.requiredString("name");
          Deploy deploy =
              new Deploy(kind, workspace, name, connector, configInput(args), args.bool(UNIQUE));
          return args.bool(DEFER_CREDENTIALS)
              ? deployDraft(call, deploy)
              : deployWithConfig(call, deploy);
        });
  }

  /** A deploy with its whole config, checked by the connector first where it can run here. */
  private ToolResult deployWithConfig(ToolCall call, Deploy deploy) {
    PreparedConfig prepared = prepareConfig(deploy, false);
    String note = configCheck.check(deploy.connector(), prepared.spec(), prepared.config());
    Actors.Summary deployed = create(call, deploy, prepared);
    return ToolResult.text(
        "Deployed "
            + deploy.kind().label()
            + " '"
            + deploy.name()
            + "' with id '"
            + deployed.id()
            + "'. URL: "
            + deployed.url()
            + note);
  }

  /**
   * A draft whose secret fields a person fills in Airbyte's web app: only the non-secret part of
   * the config is sent (no secret reaches the model or Airbyte through this call).
   */
  private ToolResult deployDraft(ToolCall call, Deploy deploy) {
    if (deploy.input().configSecretName().isPresent()) {
      throw new ArgumentError(
          "defer_credentials=true cannot be combined with config_secret_name.",
          "With deferred credentials a person enters the secrets in Airbyte; pass only the non-secret config.");
    }
    PreparedConfig prepared = prepareConfig(deploy, true);
    Actors.Summary deployed = create(call, deploy, prepared);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("connector_id", deployed.id());
    out.put("connector_type", deploy.kind().label());
    out.put("name", deploy.name());
    out.put("workspace_id", deploy.workspace());
    out.put("settings_url", deployed.url());
    out.put("secret_fields_left_out", prepared.secretFieldsLeftOut());
    out.put(
        "next_step",
        "Ask the user to open settings_url, complete the credentials (or OAuth) there and save; "
            + "then call check_cloud_connector with connector_id '"
            + deployed.id()
            + "'."
            + (prepared.spec().isEmpty()
                ? " No spec is known for "
                    + deploy.connector()
                    + ", so no field was recognised as secret."
                : ""));
    return ToolResult.data(out);
  }

  /** Removes every field the spec marks secret, at any depth, noting the dotted paths removed. */
  private static void withoutFields(
      JsonNode node, Set<String> names, String path, List<String> removed) {
    if (node instanceof ObjectNode object) {
      for (String field : List.copyOf(iterable(object.fieldNames()))) {
        String child = path.isEmpty() ? field : path + "." + field;
        if (names.contains(field)) {
          object.remove(field);
          removed.add(child);
        } else {
          withoutFields(object.get(field), names, child, removed);
        }
      }
    } else if (node != null && node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        withoutFields(node.get(i), names, path + "[" + i + "]", removed);
      }
    }
  }

  private static List<String> iterable(Iterator<String> names) {
    List<String> out = new ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }

  private ToolDefinition deployNoop() {
    return define(
        "deploy_noop_destination_to_cloud",
        "Create a destination that accepts records and throws them away (Airbyte's dev-null connector), for "
            + "trying a source or a connection without writing data anywhere.",
        withWorkspace()
            .string(NOOP_NAME, "Name for the destination.")
            .bool(UNIQUE, "Refuse a name already in use."),
        null,
        ToolHints.writes().openWorld().build(),
        Set.of(ToolTrait.CHANGES_CLOUD),
        call -> {
          ToolArgs args = call.args();
          String workspace = support.workspace(call);
          ObjectNode config = Json.object();
          config.putObject("test_destination").put("test_destination_type", "SILENT");
          Actors.Summary deployed =
              support
                  .cloud(call)
                  .destinations()
                  .deploy(
                      workspace,
                      args.text(NOOP_NAME),
                      NOOP_DESTINATION,
                      Optional.of("a7bcc9d8-13b3-4e49-b80d-d020b90045e3"),
                      config,
                      args.bool(UNIQUE));
          return ToolResult.text(
              "Deployed the no-op destination with id '"
                  + deployed.id()
                  + "'. URL: "
                  + deployed.url());
        });
  }

  private ToolDefinition createConnection() {
    return define(
        "create_connection_on_cloud",
        "Connect a deployed source to a deployed destination, syncing the named streams (checked against the "
            + "source's catalog; '*' alone selects all of them). Airbyte's defaults apply to sync modes and "
            + "schedule.",
        withWorkspace()
            .requiredString("connection_name", "Name for the connection.")
            .requiredString("source_id", "Id of the deployed source.")
            .requiredString("destination_id", "Id of the deployed destination.")
            .requiredStringOrList(
                "selected_streams",
                "The stream names to sync: one name, a list, a comma-separated string, or '*' for all.")
            .string("table_prefix", "Prefix for the destination's table names.")
            .string(
                "source_name_confirmation",
                "Safe mode, source not created in this session, client without "
                    + "elicitation: the source's exact name, as the user's confirmation.")
            .string(
                "destination_name_confirmation",
                "Likewise for a destination not created in this session."),
        null,
        ToolHints.writes().openWorld().build(),
        Set.of(ToolTrait.CHANGES_CLOUD),
        call -> {
          ToolArgs args = call.args();
          String workspace = support.workspace(call);
          String name = args.requiredString("connection_name");
          String sourceId = CloudIds.uuid("source_id", args.requiredString("source_id"));
          String destinationId =
              CloudIds.uuid("destination_id", args.requiredString("destination_id"));
          ForeignEndpoints.confirm(
              call, support.cloud(call), workspace, ActorKind.SOURCE, sourceId);
          ForeignEndpoints.confirm(
              call, support.cloud(call), workspace, ActorKind.DESTINATION, destinationId);
          String id =
              support
                  .cloud(call)
                  .connections()
                  .create(
                      workspace,
                      name,
                      sourceId,
                      destinationId,
                      args.stringList("selected_streams"),
                      args.optionalString("table_prefix"));
          return ToolResult.text(
              "Created connection '"
                  + name
                  + "' with id '"
                  + id
                  + "'. URL: "
                  + support.cloud(call).connections().url(workspace, id));
        });
  }

  /** The registry's entry for a connector, which must be of the kind the call is about. */
  private ConnectorMetadata registryConnector(
      String connector, ActorKind kind, Function<String, String> hint) {
    ConnectorMetadata metadata = support.services.registry().registry().require(connector);
    String type = metadata.connectorType().id();
    if (!type.equals(kind.label())) {
      throw new ArgumentError(
          "'" + connector + "' is a " + type + ", not a " + kind.label() + ".", hint.apply(type));
    }
    return metadata;
  }
}
