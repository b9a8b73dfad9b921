package airbytemcp.tools;

import static airbytemcp.tools.CloudToolSupport.asList;
import static airbytemcp.tools.CloudToolSupport.asMap;
import static airbytemcp.tools.CloudToolSupport.define;
import static airbytemcp.tools.CloudToolSupport.withWorkspace;
import static airbytemcp.tools.OutputSchemas.arrayOf;
import static airbytemcp.tools.OutputSchemas.nullableInteger;
import static airbytemcp.tools.OutputSchemas.nullableString;
import static airbytemcp.tools.OutputSchemas.object;
import static airbytemcp.tools.OutputSchemas.string;
import static airbytemcp.tools.OutputSchemas.type;
import static airbytemcp.tools.WorkspaceSchemas.ORGANIZATION;
import static airbytemcp.tools.WorkspaceSchemas.WORKSPACE;

import airbytemcp.cloud.ActorKind;
import airbytemcp.cloud.Actors;
import airbytemcp.cloud.Connections;
import airbytemcp.cloud.PrivilegeScope;
import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tools that read what is in Airbyte: workspaces, organizations, sources, destinations,
 * connections.
 */
final class CloudInspectTools {
  private static final ToolParam.Flag FAILING_CONNECTIONS_ONLY =
      ToolParam.flag("failing_connections_only", false);
  private static final ToolParam.Flag WITH_CONNECTION_STATUS =
      ToolParam.flag("with_connection_status", false);

  private final CloudToolSupport support;

  CloudInspectTools(CloudToolSupport support) {
    this.support = support;
  }

  List<ToolDefinition> definitions() {
    return List.of(
        checkWorkspace(),
        listActors(ActorKind.SOURCE),
        listActors(ActorKind.DESTINATION),
        describeActor(ActorKind.SOURCE),
        describeActor(ActorKind.DESTINATION),
        describeConnection(),
        listConnections("list_cloud_connections"),
        listConnections("list_deployed_cloud_connections"),
        listWorkspaces(),
        listOrganizations(),
        describeOrganization(),
        connectionArtifact(),
        checkActor(ActorKind.SOURCE),
        checkActor(ActorKind.DESTINATION));
  }

  private ToolDefinition checkWorkspace() {
    return define(
        "check_airbyte_cloud_workspace",
        "Check that the server can reach an Airbyte workspace with its credentials, and describe it: name, link, "
            + "organization and billing status (organization details need organization read permission).",
        withWorkspace(),
        WORKSPACE,
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call ->
            ToolResult.data(
                asMap(support.cloud(call).workspaces().check(support.workspace(call)))));
  }

  private ToolDefinition listActors(ActorKind kind) {
    String plural = kind.label() + "s";
    return define(
        "list_deployed_cloud_" + kind.label() + "_connectors",
        "List the "
            + plural
            + " deployed in a workspace (id, name, link), optionally only those whose name "
            + "contains some text (any case), and at most limit of them.",
        withWorkspace()
            .string("name_contains", "Name filter (case-insensitive).")
            .positive("limit", "Most items to return."),
        OutputSchemas.listOf(object("id", string(), "name", string(), "url", string())),
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call -> {
          ToolArgs args = call.args();
          String workspace = support.workspace(call);
          return ToolResult.data(
              asList(
                  support
                      .cloud(call)
                      .actors(kind)
                      .list(
                          workspace,
                          args.optionalString("name_contains"),
                          args.optionalInteger("limit"))));
        });
  }

  private ToolDefinition describeActor(ActorKind kind) {
    String label = kind.label();
    return define(
        "describe_cloud_" + label,
        "Describe one deployed " + label + ": name, link and connector definition id.",
        withWorkspace().requiredString(label + "_id", "Id of the " + label + "."),
        object(
            label + "_id",
            string(),
            label + "_name",
            string(),
            label + "_url",
            string(),
            "connector_definition_id",
            nullableString()),
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call -> {
          ToolArgs args = call.args();
          String workspace = support.workspace(call);
          Actors.Details details =
              support
                  .cloud(call)
                  .actors(kind)
                  .describe(workspace, args.requiredString(label + "_id"));
          Map<String, Object> result = new LinkedHashMap<>();
          result.put(label + "_id", details.id());
          result.put(label + "_name", details.name());
          result.put(label + "_url", details.url());
          result.put("connector_definition_id", details.connectorDefinitionId());
          return ToolResult.data(result);
        });
  }

  private ToolDefinition describeConnection() {
    return define(
        "describe_cloud_connection",
        "Describe one connection: status (active, inactive...), schedule (manual, cron with its expression, or "
            + "basic timing), source and destination (ids and names), streams, table prefix and link.",
        withWorkspace().requiredString("connection_id", CloudToolSupport.CONNECTION_HELP),
        object(
            "connection_id",
            string(),
            "connection_name",
            string(),
            "connection_url",
            string(),
            "source_id",
            string(),
            "source_name",
            string(),
            "destination_id",
            string(),
            "destination_name",
            string(),
            "selected_streams",
            arrayOf(string()),
            "table_prefix",
            nullableString(),
            "status",
            nullableString(),
            "schedule_type",
            nullableString(),
            "cron_expression",
            nullableString(),
            "basic_timing",
            nullableString()),
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call -> {
          ToolArgs args = call.args();
          String workspace = support.workspace(call);
          return ToolResult.data(
              asMap(
                  support
                      .cloud(call)
                      .connections()
                      .describe(workspace, args.requiredString("connection_id"))));
        });
  }

  private ToolDefinition listConnections(String name) {
    return define(
        name,
        "List a workspace's connections (id, name, link, source and destination ids), optionally with each "
            + "one's latest job status or only the failing ones.",
        withWorkspace()
            .string("name_contains", "Name filter (case-insensitive).")
            .positive("limit", "Most items to return.")
            .bool(WITH_CONNECTION_STATUS, "Add the latest job status of each connection.")
            .bool(FAILING_CONNECTIONS_ONLY, "Only connections whose latest finished sync failed."),
        OutputSchemas.listOf(
            object(
                "id",
                string(),
                "name",
                string(),
                "url",
                string(),
                "source_id",
                string(),
                "destination_id",
                string(),
                "last_job_status",
                nullableString(),
                "last_job_id",
                nullableInteger(),
                "last_job_time",
                nullableString(),
                "currently_running_job_id",
                nullableInteger(),
                "currently_running_job_start_time",
                nullableString())),
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call -> {
          ToolArgs args = call.args();
          String workspace = support.workspace(call);
          List<Connections.Summary> found =
              support
                  .cloud(call)
                  .connections()
                  .list(
                      workspace,
                      args.optionalString("name_contains"),
                      args.optionalInteger("limit"),
                      args.bool(WITH_CONNECTION_STATUS),
                      args.bool(FAILING_CONNECTIONS_ONLY),
                      support.cloud(call).jobs());
          return ToolResult.data(asList(found));
        });
  }

  private ToolDefinition listWorkspaces() {
    return define(
        "list_cloud_workspaces",
        "List the workspaces of one organization, else those privilege_scope reaches. When several come back, "
            + "ask the user which to use.",
        InputSchema.builder()
            .string("organization_id", "Only workspaces of this organization.")
            .string(
                "organization_name", "Only workspaces of the organization with exactly this name.")
            .string("name_contains", "Keep names containing this text.")
            .positive("limit", "Most items to return.")
            .stringEnum(
                "privilege_scope",
                "Without an organization: member_of (direct grants), organization_admin, "
                    + "instance_admin or any.",
                PrivilegeScope.names()),
        object("workspaces", arrayOf(WORKSPACE), "message", nullableString()),
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call -> {
          ToolArgs args = call.args();
          support.cloud(call).api().requireCredentials();
          return ToolResult.data(
              asMap(
                  support
                      .cloud(call)
                      .workspaces()
                      .list(
                          args.optionalString("organization_id"),
                          args.optionalString("organization_name"),
                          args.optionalString("name_contains"),
                          args.optionalInteger("limit"),
                          args.optionalString("privilege_scope").map(PrivilegeScope::parse))));
        });
  }

  private ToolDefinition listOrganizations() {
    return define(
        "list_cloud_organizations",
        "List the organizations these credentials can see (id, name, email), optionally filtered by name.",
        InputSchema.builder()
            .string("name_contains", "Keep names containing this text (case-insensitive).")
            .positive("limit", "Most items to return (default: all)."),
        object("organizations", arrayOf(ORGANIZATION), "message", nullableString()),
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call -> {
          support.cloud(call).api().requireCredentials();
          return ToolResult.data(
              asMap(
                  support
                      .cloud(call)
                      .workspaces()
                      .organizations(
                          call.args().optionalString("name_contains"),
                          call.args().optionalInteger("limit"))));
        });
  }

  private ToolDefinition describeOrganization() {
    return define(
        "describe_cloud_organization",
        "Describe one organization, found by id or by exact name (give one of them): id, name, email and billing "
            + "status. Handy for turning a name into an id and back.",
        InputSchema.builder()
            .string("organization_id", "Organization id (or give organization_name).")
            .string("organization_name", "Exact organization name (or give organization_id)."),
        ORGANIZATION,
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call -> {
          ToolArgs args = call.args();
          support.cloud(call).api().requireCredentials();
          return ToolResult.data(
              asMap(
                  support
                      .cloud(call)
                      .workspaces()
                      .describeOrganization(
                          args.optionalString("organization_id"),
                          args.optionalString("organization_name"))));
        });
  }

  private ToolDefinition connectionArtifact() {
    return define(
        "get_connection_artifact",
        "Get a connection's state or catalog in the Airbyte protocol's format, as a connector's --state or "
            + "--catalog option expects it.",
        withWorkspace()
            .requiredString("connection_id", CloudToolSupport.CONNECTION_HELP)
            .stringEnum(
                "artifact_type",
                "Which artifact: 'state' or 'catalog'.",
                List.of("state", "catalog")),
        null,
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call -> {
          ToolArgs args = call.args();
          String workspace = support.workspace(call);
          String connectionId = args.requiredString("connection_id");
          String type = args.requiredString("artifact_type");
          support.cloud(call).connections().getInWorkspace(workspace, connectionId);
          JsonNode artifact =
              switch (type) {
                case "state" -> support.cloud(call).artifacts().state(connectionId);
                case "catalog" -> support.cloud(call).artifacts().catalog(connectionId);
                default ->
                    throw new ArgumentError("artifact_type must be 'state' or 'catalog'.", null);
              };
          return ToolResult.data(
              artifact.isArray()
                  ? Json.MAPPER.convertValue(artifact, List.class)
                  : asMap(artifact));
        });
  }

  private ToolDefinition checkActor(ActorKind kind) {
    String label = kind.label();
    return define(
        "check_cloud_" + label,
        "Ask Airbyte to test a deployed "
            + label
            + "'s connection with its saved config (Airbyte runs the "
            + "connector's check). Reports whether it succeeded and the connector's message.",
        withWorkspace().requiredString(label + "_id", "Id of the " + label + "."),
        object(
            label + "_id",
            string(),
            "succeeded",
            type("boolean"),
            "status",
            string(),
            "message",
            nullableString()),
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call -> {
          ToolArgs args = call.args();
          support.workspace(call);
          Actors.CheckResult result =
              support.cloud(call).actors(kind).check(args.requiredString(label + "_id"));
          Map<String, Object> out = new LinkedHashMap<>();
          out.put(label + "_id", result.id());
          out.put("succeeded", result.succeeded());
          out.put("status", result.status());
          out.put("message", result.message());
          return ToolResult.data(out);
        });
  }
}
