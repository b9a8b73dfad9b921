package airbytemcp.tools;

import static airbytemcp.tools.CloudToolSupport.define;
import static airbytemcp.tools.CloudToolSupport.optionalBool;
import static airbytemcp.tools.CloudToolSupport.withWorkspace;

import airbytemcp.cloud.ActorKind;
import airbytemcp.cloud.Actors;
import airbytemcp.cloud.CloudObject;
import airbytemcp.registry.ConnectorMetadata;
import airbytemcp.secrets.ConfigInput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tools that rename, reconfigure and delete Cloud objects. Safe mode guards all but the renames.
 */
final class CloudChangeTools {
  private static final ToolParam.Flag CASCADE_DELETE_DESTINATION =
      ToolParam.flag("cascade_delete_destination", false);
  private static final ToolParam.Flag CASCADE_DELETE_SOURCE =
      ToolParam.flag("cascade_delete_source", false);

  private static final String SAFE_MODE_NOTE = " Safe mode: only objects this server created.";
  private static final String DELETE_NOTE =
      " Cannot be undone; name must be the object's exact current name.";

  private final CloudToolSupport support;
  private final CloudConfigCheck configCheck;

  CloudChangeTools(CloudToolSupport support) {
    this.support = support;
    this.configCheck = new CloudConfigCheck(support.services);
  }

  List<ToolDefinition> definitions() {
    return List.of(
        renameActor(ActorKind.SOURCE),
        updateActorConfig(ActorKind.SOURCE),
        renameActor(ActorKind.DESTINATION),
        updateActorConfig(ActorKind.DESTINATION),
        renameConnection(),
        setTablePrefix(),
        setSelectedStreams(),
        updateConnection(),
        deleteActor(ActorKind.SOURCE),
        deleteActor(ActorKind.DESTINATION),
        deleteConnection());
  }

  private ToolDefinition renameActor(ActorKind kind) {
    String label = kind.label();
    return define(
        "rename_cloud_" + label,
        "Give a deployed "
            + label
            + " a new name. Renaming works on any "
            + label
            + ", also in safe mode.",
        withWorkspace()
            .requiredString(label + "_id", "Id of the " + label + ".")
            .requiredString("name", "The new name."),
        null,
        ToolHints.writes().openWorld().build(),
        Set.of(ToolTrait.CHANGES_CLOUD),
        call -> {
          ToolArgs args = call.args();
          String workspace = support.workspace(call);
          String id = args.requiredString(label + "_id");
          String name = args.requiredString("name");
          String url = support.cloud(call).actors(kind).rename(workspace, id, name);
          return ToolResult.text(
              "Renamed " + label + " '" + id + "' to '" + name + "'. URL: " + url);
        });
  }

  private ToolDefinition updateActorConfig(ActorKind kind) {
    String label = kind.label();
    return define(
        "update_cloud_" + label + "_config",
        "Replace the config of a deployed "
            + label
            + ". A wrong config breaks the connections that use it, so "
            + "change only what the user asked for. The config is sent as given, but for "
            + "secret_reference:: values in fields the connector's spec marks secret, which are resolved."
            + SAFE_MODE_NOTE,
        withWorkspace()
            .requiredString(label + "_id", "Id of the " + label + ".")
            .requiredObjectOrString("config", "New config object or JSON string.")
            .string("config_secret_name", "Secret holding the whole config."),
        null,
        ToolHints.writes().destructive().openWorld().build(),
        Set.of(ToolTrait.CHANGES_CLOUD),
        call -> {
          ToolArgs args = call.args();
          String id = support.guardedId(call, kind.idArgument(), kind.object());
          String workspace = support.workspace(call);
          ConfigInput input =
              new ConfigInput(
                  args.optionalValue("config"),
                  Optional.empty(),
                  args.optionalString("config_secret_name"));
          ObjectNode config = support.services.configResolver().resolve(input, Optional.empty());
          Actors.Details current = support.cloud(call).actors(kind).describe(workspace, id);
          Optional<ConnectorMetadata> connector =
              configCheck.byDefinitionId(current.connectorDefinitionId());
          String what = connector.map(ConnectorMetadata::name).orElse("this " + label);
          Optional<JsonNode> spec = connector.flatMap(configCheck::spec);
          // references resolved as a deploy resolves them: sent as written, the credential would
          // become the words "secret_reference::NAME"
          ObjectNode hydrated =
              support.configForAirbyte(
                  input, config, spec, connector, what, Optional.of(current.configuration()));
          String note = configCheck.check(what, spec, config);
          String url = support.cloud(call).actors(kind).updateConfig(workspace, id, hydrated);
          return ToolResult.text(
              "Updated the config of " + label + " '" + id + "'. URL: " + url + note);
        });
  }

  private ToolDefinition renameConnection() {
    return define(
        "rename_cloud_connection",
        "Give a connection a new name. Renaming works on any connection, also in safe mode.",
        withWorkspace()
            .requiredString("connection_id", CloudToolSupport.CONNECTION_HELP)
            .requiredString("name", "The new name."),
        null,
        ToolHints.writes().openWorld().build(),
        Set.of(ToolTrait.CHANGES_CLOUD),
        call -> {
          ToolArgs args = call.args();
          String workspace = support.workspace(call);
          String id = args.requiredString("connection_id");
          String name = args.requiredString("name");
          String url = support.cloud(call).connections().rename(workspace, id, name);
          return ToolResult.text("Renamed connection '" + id + "' to '" + name + "'. URL: " + url);
        });
  }

  private ToolDefinition setTablePrefix() {
    return define(
        "set_cloud_connection_table_prefix",
        "Change the prefix a connection puts in front of its destination table names. Later syncs write to the "
            + "new table names."
            + SAFE_MODE_NOTE,
        withWorkspace()
            .requiredString("connection_id", CloudToolSupport.CONNECTION_HELP)
            .requiredString("prefix", "The new table prefix."),
        null,
        ToolHints.writes().destructive().openWorld().build(),
        Set.of(ToolTrait.CHANGES_CLOUD),
        call -> {
          ToolArgs args = call.args();
          String id = support.guardedId(call, "connection_id", CloudObject.CONNECTION);
          String workspace = support.workspace(call);
          Object prefix = args.raw().get("prefix");
          if (!(prefix instanceof String text)) {
            throw new ArgumentError(
                "Argument 'prefix' is required.", "Pass prefix as a string (may be empty).");
          }
          String url = support.cloud(call).connections().setPrefix(workspace, id, text);
          return ToolResult.text(
              "Set the table prefix of connection '" + id + "' to '" + text + "'. URL: " + url);
        });
  }

  private ToolDefinition setSelectedStreams() {
    return define(
        "set_cloud_connection_selected_streams",
        "Replace the streams a connection syncs: names from its source's catalog (checked), or '*' for all of "
            + "them. Per-stream settings (sync modes, cursors) go back to Airbyte's defaults."
            + SAFE_MODE_NOTE,
        withWorkspace()
            .requiredString("connection_id", CloudToolSupport.CONNECTION_HELP)
            .requiredStringOrList(
                "stream_names",
                "The streams to sync: one name, a list, a comma-separated string, or '*' for all."),
        null,
        ToolHints.writes().destructive().openWorld().build(),
        Set.of(ToolTrait.CHANGES_CLOUD),
        call -> {
          ToolArgs args = call.args();
          String id = support.guardedId(call, "connection_id", CloudObject.CONNECTION);
          String workspace = support.workspace(call);
          List<String> streams =
              support
                  .cloud(call)
                  .connections()
                  .setStreams(workspace, id, args.stringList("stream_names"));
          return ToolResult.text(
              "Connection '"
                  + id
                  + "' now syncs "
                  + streams
                  + ". URL: "
                  + support.cloud(call).connections().url(workspace, id));
        });
  }

  private ToolDefinition updateConnection() {
    return define(
        "update_cloud_connection",
        "Enable or disable a connection and/or set its schedule: a cron expression (UTC), every interval_hours "
            + "hours, or manual only (the three exclude each other)."
            + SAFE_MODE_NOTE,
        withWorkspace()
            .requiredString("connection_id", CloudToolSupport.CONNECTION_HELP)
            .property(
                "enabled",
                Map.of(
                    "type",
                    "boolean",
                    "description",
                    "true: active (syncs run); false: inactive. Leave out to keep."))
            .string("cron_expression", "Cron schedule for syncs. Leave out to keep the schedule.")
            .integer("interval_hours", "Sync every N hours (1, 2, 3, 4, 6, 8, 12 or 24).")
            .property(
                "manual_schedule",
                Map.of(
                    "type",
                    "boolean",
                    "description",
                    "true: syncs run only when started by hand.")),
        null,
        ToolHints.writes().destructive().openWorld().build(),
        Set.of(ToolTrait.CHANGES_CLOUD),
        call -> {
          ToolArgs args = call.args();
          String id = support.guardedId(call, "connection_id", CloudObject.CONNECTION);
          String workspace = support.workspace(call);
          List<String> changes =
              support
                  .cloud(call)
                  .connections()
                  .update(
                      id,
                      optionalBool(args, "enabled"),
                      args.optionalString("cron_expression"),
                      optionalBool(args, "manual_schedule"),
                      args.optionalInteger("interval_hours"));
          return ToolResult.text(
              "Updated connection '"
                  + id
                  + "': "
                  + String.join(", ", changes)
                  + ". URL: "
                  + support.cloud(call).connections().url(workspace, id));
        });
  }

  private ToolDefinition deleteActor(ActorKind kind) {
    String label = kind.label();
    return define(
        "permanently_delete_cloud_" + label,
        "Delete a deployed " + label + " for good." + DELETE_NOTE + SAFE_MODE_NOTE,
        InputSchema.builder()
            .requiredString(label + "_id", "Id of the " + label + ".")
            .requiredString("name", "The " + label + "'s exact current name, as confirmation."),
        null,
        ToolHints.writes().destructive().openWorld().build(),
        Set.of(ToolTrait.CHANGES_CLOUD),
        call -> {
          ToolArgs args = call.args();
          String id = support.guardedId(call, kind.idArgument(), kind.object());
          support.cloud(call).api().requireCredentials();
          String name = args.requiredString("name");
          support.cloud(call).actors(kind).delete(id, name);
          return ToolResult.text("Deleted " + label + " '" + name + "' (id " + id + ").");
        });
  }

  private ToolDefinition deleteConnection() {
    return define(
        "permanently_delete_cloud_connection",
        "Delete a connection for good, and optionally its source and/or destination with it."
            + DELETE_NOTE
            + SAFE_MODE_NOTE,
        InputSchema.builder()
            .requiredString("connection_id", CloudToolSupport.CONNECTION_HELP)
            .requiredString("name", "The connection's exact current name, as confirmation.")
            .bool(CASCADE_DELETE_SOURCE, "Also delete the connection's source.")
            .bool(CASCADE_DELETE_DESTINATION, "Also delete the connection's destination."),
        null,
        ToolHints.writes().destructive().openWorld().build(),
        Set.of(ToolTrait.CHANGES_CLOUD),
        call -> {
          ToolArgs args = call.args();
          String id = support.guardedId(call, "connection_id", CloudObject.CONNECTION);
          support.cloud(call).api().requireCredentials();
          String name = args.requiredString("name");
          boolean withSource = args.bool(CASCADE_DELETE_SOURCE);
          boolean withDestination = args.bool(CASCADE_DELETE_DESTINATION);
          support.cloud(call).connections().delete(id, name, withSource, withDestination);
          return ToolResult.text(
              "Deleted connection '"
                  + name
                  + "' (id "
                  + id
                  + ")"
                  + (withSource ? ", with its source" : "")
                  + (withDestination ? ", with its destination" : "")
                  + ".");
        });
  }
}
