package airbytemcp.tools;

import airbytemcp.cloud.AirbyteCloud;
import airbytemcp.cloud.CloudIds;
import airbytemcp.cloud.CloudObject;
import airbytemcp.common.Json;
import airbytemcp.config.Domain;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What every Cloud tool class shares: the workspace argument, result conversion, schema and
 * definition helpers.
 */
final class CloudToolSupport {
  /**
   * Every workspace_id parameter: optional, and described once, in the server instructions (it
   * defaults to AIRBYTE_CLOUD_WORKSPACE_ID; discovery with list_cloud_organizations and
   * list_cloud_workspaces).
   */
  static final String WORKSPACE_HELP = null;

  final Services services;
  private final AirbyteCloud cloud;

  CloudToolSupport(Services services, AirbyteCloud cloud) {
    this.services = services;
    this.cloud = cloud;
  }

  /**
   * The Cloud this call works with (over HTTP: its session's credentials, workspace and safe-mode
   * ledger).
   */
  AirbyteCloud cloud(ToolCall call) {
    return cloud.forCaller(call.caller());
  }

  String workspace(ToolCall call) {
    return cloud(call).workspace(call.args().optionalString("workspace_id"));
  }

  /**
   * The id argument of a safe-mode-guarded tool, once it is a well-formed id and the ledger allows
   * it for its kind (always before any request).
   */
  String guardedId(ToolCall call, String argument, CloudObject kind) {
    String id = CloudIds.uuid(argument, call.args().requiredString(argument));
    cloud(call).ledger().requireCreatedHere(kind, id);
    return id;
  }

  static ToolDefinition define(
      String name,
      String description,
      InputSchema input,
      Map<String, Object> output,
      ToolHints hints,
      boolean changesCloud,
      ToolHandler handler) {
    return new ToolDefinition(
        name,
        Domain.CLOUD,
        description,
        input.build(),
        output,
        hints,
        changesCloud ? Set.of(ToolTrait.CHANGES_CLOUD) : Set.of(),
        handler);
  }

  static InputSchema withWorkspace() {
    return InputSchema.builder().string("workspace_id", WORKSPACE_HELP, false);
  }

  /** A required string-or-list argument (one name, a JSON list, or a comma-separated string). */
  static Map<String, Object> stringOrListSchema(String description) {
    Map<String, Object> item = Map.of("type", "string");
    return Map.of(
        "anyOf", List.of(item, Map.of("type", "array", "items", item)), "description", description);
  }

  /**
   * A record or other bean as the plain map a result carries (null fields kept: schemas list them).
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object value) {
    return Json.MAPPER.convertValue(value, Map.class);
  }

  static List<Object> asList(List<?> values) {
    return values.stream().map(v -> (Object) asMap(v)).toList();
  }

  static Optional<Boolean> optionalBool(ToolArgs args, String name) {
    return args.has(name) ? Optional.of(args.bool(name, false)) : Optional.empty();
  }

  static long requiredLong(ToolArgs args, String name) {
    return args.optionalInteger(name)
        .orElseThrow(
            () ->
                new ArgumentError(
                    "Argument '" + name + "' is required.", "Pass " + name + " as a whole number."))
        .longValue();
  }

  // Output schema helpers: nullable fields say so, or the MCP SDK rejects the result.
  static Map<String, Object> type(String... types) {
    return Map.of("type", types.length == 1 ? types[0] : List.of(types));
  }

  static Map<String, Object> str() {
    return type("string");
  }

  static Map<String, Object> strOrNull() {
    return type("string", "null");
  }

  static Map<String, Object> intOrNull() {
    return type("integer", "null");
  }

  static Map<String, Object> object(Object... namesAndSchemas) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (int i = 0; i < namesAndSchemas.length; i += 2) {
      properties.put((String) namesAndSchemas[i], namesAndSchemas[i + 1]);
    }
    return OutputSchemas.object(properties, List.copyOf(properties.keySet()));
  }

  static Map<String, Object> arrayOf(Map<String, Object> item) {
    return Map.of("type", "array", "items", item);
  }
}
