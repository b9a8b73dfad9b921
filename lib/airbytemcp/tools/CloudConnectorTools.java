package airbytemcp.tools;

import static airbytemcp.tools.CloudToolSupport.asMap;
import static airbytemcp.tools.CloudToolSupport.define;
import static airbytemcp.tools.CloudToolSupport.withWorkspace;
import static airbytemcp.tools.OutputSchemas.object;
import static airbytemcp.tools.OutputSchemas.string;

import airbytemcp.cloud.ActorKind;
import airbytemcp.cloud.Actors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The current official names for deployed connectors: one tool per action for sources and
 * destinations alike ({@code connector_type} optional, see {@link ConnectorKinds}). Each resolves
 * the kind and hands the call to the source or destination tool it replaces, which stays callable
 * under its old name.
 */
final class CloudConnectorTools {
  private static final List<String> TYPES = List.of("source", "destination");

  private final CloudToolSupport support;
  private final Map<String, ToolDefinition> older;

  /**
   * @param older the source and destination tools by name, to delegate to
   */
  CloudConnectorTools(CloudToolSupport support, Map<String, ToolDefinition> older) {
    this.support = support;
    this.older = older;
  }

  List<ToolDefinition> definitions() {
    return List.of(list(), describe(), rename(), updateConfig(), delete(), check());
  }

  private static InputSchema withType(InputSchema schema) {
    return schema.stringEnum(
        ConnectorKinds.TYPE_ARGUMENT,
        "'source' or 'destination'; inferred from the id when left out.",
        TYPES);
  }

  /**
   * Calls the older tool for {@code kind}, with {@code connector_id} renamed to its id argument.
   */
  private ToolResult delegate(ToolCall call, String olderName, Map<String, String> renames)
      throws Exception {
    Map<String, Object> args = new LinkedHashMap<>(call.args().raw());
    args.remove(ConnectorKinds.TYPE_ARGUMENT);
    renames.forEach(
        (from, to) -> {
          if (args.containsKey(from)) {
            args.put(to, args.remove(from));
          }
        });
    return older.get(olderName).handler().call(call.withArgs(new ToolArgs(args)));
  }

  /** The connector a call is about: its id, and its kind as given or inferred from the id. */
  private record Target(String id, ActorKind kind) {}

  /**
   * Resolves connector_id and the kind; {@code changes} when the call will change the object, so
   * the kind is settled before safe mode's guard looks at the id.
   */
  private Target target(ToolCall call, boolean changes) {
    String id = call.args().requiredString("connector_id");
    return new Target(id, ConnectorKinds.fromId(call.args(), support.cloud(call), id, changes));
  }

  /** Hands the call to the older tool of the connector's kind ({kind} in the name pattern). */
  private ToolResult byId(ToolCall call, String pattern, boolean changes) throws Exception {
    ActorKind kind = target(call, changes).kind();
    return delegate(
        call, pattern.replace("{kind}", kind.label()), Map.of("connector_id", kind.idArgument()));
  }

  private ToolDefinition list() {
    return define(
        "list_cloud_connectors",
        "List the sources and/or destinations deployed in a workspace (id, name, type, link).",
        withType(withWorkspace())
            .string("name_contains", "Keep names containing this text (case-insensitive).")
            .positive("limit", "Most items to return per type (default: all)."),
        OutputSchemas.listOf(
            object("id", string(), "name", string(), "url", string(), "connector_type", string())),
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call -> {
          ToolArgs args = call.args();
          String workspace = support.workspace(call);
          List<ActorKind> kinds =
              ConnectorKinds.given(args)
                  .map(List::of)
                  .orElse(List.of(ActorKind.SOURCE, ActorKind.DESTINATION));
          List<Object> rows = new ArrayList<>();
          for (ActorKind kind : kinds) {
            for (Actors.Summary summary :
                support
                    .cloud(call)
                    .actors(kind)
                    .list(
                        workspace,
                        args.optionalString("name_contains"),
                        args.optionalInteger("limit"))) {
              Map<String, Object> row = new LinkedHashMap<>(asMap(summary));
              row.put("connector_type", kind.label());
              rows.add(row);
            }
          }
          return ToolResult.data(rows);
        });
  }

  private ToolDefinition describe() {
    return define(
        "describe_cloud_connector",
        "Describe one deployed source or destination: name, type, link and connector definition id.",
        withType(
            withWorkspace().requiredString("connector_id", "Id of the source or destination.")),
        null,
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call -> {
          Target target = target(call, false);
          ActorKind kind = target.kind();
          Actors.Details details =
              support.cloud(call).actors(kind).describe(support.workspace(call), target.id());
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("connector_id", details.id());
          out.put("connector_type", kind.label());
          out.put("name", details.name());
          out.put("url", details.url());
          out.put("connector_definition_id", details.connectorDefinitionId());
          return ToolResult.data(out);
        });
  }

  private ToolDefinition rename() {
    return define(
        "rename_cloud_connector",
        "Give a deployed source or destination a new name (allowed on any object, also in safe mode).",
        withType(
            withWorkspace()
                .requiredString("connector_id", "Id of the source or destination.")
                .requiredString("name", "The new name.")),
        null,
        ToolHints.writes().openWorld().build(),
        Set.of(ToolTrait.CHANGES_CLOUD),
        call -> byId(call, "rename_cloud_{kind}", false));
  }

  private ToolDefinition updateConfig() {
    return define(
        "update_cloud_connector_config",
        "Replace the config of a deployed source or destination, validated against its connector's spec.",
        withType(
            withWorkspace()
                .requiredString("connector_id", "Id of the source or destination.")
                .requiredObjectOrString("config", "The new config: an object or a JSON string.")
                .string(
                    "config_secret_name",
                    "Name of a secret holding a whole JSON/YAML config, merged over config.")),
        null,
        ToolHints.writes().destructive().openWorld().build(),
        Set.of(ToolTrait.CHANGES_CLOUD),
        call -> byId(call, "update_cloud_{kind}_config", true));
  }

  private ToolDefinition delete() {
    return define(
        "permanently_delete_cloud_connector",
        "Delete a deployed source or destination for good; name must be its exact current name.",
        withType(
            InputSchema.builder()
                .requiredString("connector_id", "Id of the source or destination.")
                .requiredString("name", "The object's exact current name, as confirmation.")),
        null,
        ToolHints.writes().destructive().openWorld().build(),
        Set.of(ToolTrait.CHANGES_CLOUD),
        call -> byId(call, "permanently_delete_cloud_{kind}", true));
  }

  private ToolDefinition check() {
    return define(
        "check_cloud_connector",
        "Ask Airbyte to test a deployed source's or destination's connection with its saved config; use it after "
            + "a person completed the credentials of a deferred deploy.",
        withType(
            withWorkspace().requiredString("connector_id", "Id of the source or destination.")),
        null,
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call -> {
          Target target = target(call, false);
          ActorKind kind = target.kind();
          support.workspace(call);
          Actors.CheckResult result = support.cloud(call).actors(kind).check(target.id());
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("connector_id", result.id());
          out.put("connector_type", kind.label());
          out.put("succeeded", result.succeeded());
          out.put("status", result.status());
          out.put("message", result.message());
          return ToolResult.data(out);
        });
  }
}
