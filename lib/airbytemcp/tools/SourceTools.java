package airbytemcp.tools;

import airbytemcp.common.Json;
import airbytemcp.config.Domain;
import airbytemcp.connectors.ConnectorRequest;
import airbytemcp.connectors.ExecutionMode;
import airbytemcp.connectors.SourceOperations;
import airbytemcp.secrets.ConfigInput;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Local tools that run a source connector on the server's machine: validate, list streams, schemas,
 * records.
 */
public final class SourceTools {
  /** How configs are given is explained once, in the server instructions. */
  static final String CONFIG_HELP = "";

  private static final Map<String, Object> RECORD = Map.of("type", "object");

  private final Services services;

  public SourceTools(Services services) {
    this.services = services;
  }

  public List<ToolDefinition> definitions() {
    return List.of(
        validateConnectorConfig(),
        listConnectorConfigSecrets(),
        listSourceStreams(),
        getSourceStreamJsonSchema(),
        readSourceStreamRecords(),
        getStreamPreviews());
  }

  private ToolDefinition validateConnectorConfig() {
    return local(
        "validate_connector_config",
        "Check a connector config: first against the JSON Schema of the connector's spec (naming every field that "
            + "does not fit), then by running the connector's own connection check. Answers valid=true/false with "
            + "the reason."
            + CONFIG_HELP,
        connectorArgs(
            "connector_name", "The connector to validate the config for, e.g. source-faker."),
        OutputSchemas.object(
            Map.of("valid", Map.of("type", "boolean"), "message", OutputSchemas.string()),
            List.of("valid", "message")),
        ToolHints.OPEN_WORLD_READ,
        call -> {
          SourceOperations.Validation v =
              services.sources().validate(request(call, "connector_name", services), config(call));
          Map<String, Object> answer = new LinkedHashMap<>(); // valid first, as the schema
          answer.put("valid", v.valid());
          answer.put("message", v.message());
          return ToolResult.data(answer);
        });
  }

  private ToolDefinition listConnectorConfigSecrets() {
    return new ToolDefinition(
        "list_connector_config_secrets",
        Domain.LOCAL,
        "List the names of dotenv secrets that hold a whole config for this connector (e.g. "
            + "SOURCE_GITHUB_CONFIG), for config_secret_name. Never values.",
        InputSchema.builder()
            .requiredString("connector_name", "The connector, e.g. source-github.")
            .build(),
        OutputSchemas.listOf(OutputSchemas.string()),
        ToolHints.LOCAL_READ,
        Set.of(ToolTrait.RUNS_ON_SERVER_MACHINE),
        call ->
            ToolResult.data(
                ConfigSecretsAnswer.of(
                    call.args().requiredString("connector_name"),
                    services.settings().dotenvFiles(),
                    () -> services.registry().registry())));
  }

  private ToolDefinition listSourceStreams() {
    return local(
        "list_source_streams",
        "List the names of the streams a source offers, by running its discovery (which usually needs a working "
            + "config with credentials)."
            + CONFIG_HELP,
        connectorArgs("source_connector_name", "e.g. source-faker"),
        OutputSchemas.listOf(OutputSchemas.string()),
        ToolHints.OPEN_WORLD_READ,
        call ->
            ToolResult.data(
                services
                    .sources()
                    .streamNames(request(call, "source_connector_name", services), config(call))));
  }

  private ToolDefinition getSourceStreamJsonSchema() {
    return local(
        "get_source_stream_json_schema",
        "Get the JSON Schema of one stream of a source (its fields and their types), from the source's discovery."
            + CONFIG_HELP,
        connectorArgs("source_connector_name", "e.g. source-faker")
            .requiredString("stream_name", "The stream whose schema to return."),
        Map.of("type", "object"),
        ToolHints.OPEN_WORLD_READ,
        call ->
            ToolResult.data(
                Json.toMap(
                    services
                        .sources()
                        .streamSchema(
                            request(call, "source_connector_name", services),
                            config(call),
                            call.args().requiredString("stream_name")))));
  }

  private ToolDefinition readSourceStreamRecords() {
    return local(
        "read_source_stream_records",
        "Read the first records of one stream, from the beginning (no saved state); the connector stops once "
            + "it has enough. For a look at several streams use get_stream_previews; to query or count whole "
            + "streams, sync_source_to_cache then run_sql_query.",
        connectorArgs("source_connector_name", "e.g. source-faker")
            .requiredString("stream_name", "The stream to read.")
            .integer(MAX_RECORDS, "Most records to return.")
            .integer(OFFSET, "Records to skip first, for the next page.")
            .bool(AIRBYTE_FIELDS, "Include the _airbyte_* fields."),
        RecordPage.schema(RECORD),
        ToolHints.reads().openWorld().build(),
        call -> {
          int offset = call.args().nonNegative(OFFSET);
          int max = call.args().integer(MAX_RECORDS);
          List<Map<String, Object>> records =
              services
                  .sources()
                  .readRecords(
                      request(call, "source_connector_name", services),
                      config(call),
                      call.args().requiredString("stream_name"),
                      (int) Math.min(Integer.MAX_VALUE, (long) offset + max));
          List<Map<String, Object>> page =
              records.subList(Math.min(offset, records.size()), records.size());
          // the connector stops once it has offset + max records: more may follow those
          boolean more = records.size() >= (long) offset + max;
          return ToolResult.data(
              RecordPage.of(
                  "read_source_stream_records",
                  withoutAirbyteFields(call, page),
                  offset,
                  more,
                  records.size()));
        });
  }

  @SuppressWarnings("unchecked")
  private ToolDefinition getStreamPreviews() {
    return local(
        "get_stream_previews",
        "Get a few sample records from each of several streams (all when none or \"*\"), to see what the "
            + "data looks like; a stream that fails gets its error instead.",
        connectorArgsWithOlderName("source_connector_name", "e.g. source-faker")
            .string(LEGACY_SOURCE_NAME, "Older name of source_connector_name.")
            .stringOrList(
                "streams",
                "Stream names (a list, a comma-separated string, or \"*\" for all).",
                null,
                null)
            .integer(PREVIEW_LIMIT, "How many records per stream at most.")
            .bool(AIRBYTE_FIELDS, "Include the _airbyte_* fields."),
        Map.of(
            "type",
            "object",
            "additionalProperties",
            Map.of(
                "anyOf",
                List.of(Map.of("type", "array", "items", RECORD), Map.of("type", "string")))),
        ToolHints.reads().openWorld().build(),
        call -> {
          Map<String, Object> previews =
              new LinkedHashMap<>(
                  services
                      .sources()
                      .previews(
                          request(withLegacySourceName(call), "source_connector_name", services),
                          config(call),
                          call.args().stringList("streams"),
                          call.args().nonNegative(PREVIEW_LIMIT),
                          (done, total, stream) ->
                              call.progress(done, (double) total, "Read samples of " + stream)));
          previews.replaceAll(
              (stream, value) ->
                  value instanceof List<?> records
                      ? withoutAirbyteFields(call, (List<Map<String, Object>>) records)
                      : value);
          return ToolResult.data(previews);
        });
  }

  static final ToolParam.Flag AIRBYTE_FIELDS = ToolParam.flag("include_airbyte_fields", false);

  /** 0 would read nothing and answer an empty list, as if the stream were empty. */
  private static final ToolParam.Int MAX_RECORDS =
      ToolParam.integer("max_records", 1000).atLeast(1);

  private static final ToolParam.Int OFFSET = ToolParam.integer("offset", 0);
  private static final ToolParam.Int PREVIEW_LIMIT = ToolParam.integer("limit", 10);
  private static final ToolParam.Text EXECUTION_MODE =
      ToolParam.text("override_execution_mode", ExecutionMode.AUTO.id());

  /**
   * Records without the _airbyte_* bookkeeping fields (most of a small record's size) unless they
   * were asked for.
   */
  static List<Map<String, Object>> withoutAirbyteFields(
      ToolCall call, List<Map<String, Object>> records) {
    if (call.args().bool(AIRBYTE_FIELDS)) {
      return records;
    }
    return records.stream()
        .map(
            record -> {
              Map<String, Object> data = new LinkedHashMap<>(record);
              data.keySet().removeIf(key -> key.startsWith("_airbyte_"));
              return data;
            })
        .toList();
  }

  /**
   * get_stream_previews called its source argument source_name, as PyAirbyte does; that name still
   * works.
   */
  static final String LEGACY_SOURCE_NAME = "source_name";

  private static ToolCall withLegacySourceName(ToolCall call) {
    ToolArgs args = call.args();
    if (args.has("source_connector_name") || !args.has(LEGACY_SOURCE_NAME)) {
      return call;
    }
    Map<String, Object> renamed = new LinkedHashMap<>(args.raw());
    renamed.put("source_connector_name", renamed.remove(LEGACY_SOURCE_NAME));
    return call.withArgs(new ToolArgs(renamed));
  }

  private static ToolDefinition local(
      String name,
      String description,
      InputSchema input,
      Map<String, Object> output,
      ToolHints hints,
      ToolHandler handler) {
    return new ToolDefinition(
        name,
        Domain.LOCAL,
        description,
        input.build(),
        output,
        hints,
        Set.of(ToolTrait.RUNS_ON_SERVER_MACHINE),
        handler);
  }

  static InputSchema connectorArgs(String nameArgument, String nameDescription) {
    return connectorOptions(InputSchema.builder().requiredString(nameArgument, nameDescription));
  }

  /**
   * With the connector's name optional, where an older argument name may stand in for it (checked
   * by the handler).
   */
  static InputSchema connectorArgsWithOlderName(String nameArgument, String nameDescription) {
    return connectorOptions(InputSchema.builder().string(nameArgument, nameDescription));
  }

  private static InputSchema connectorOptions(InputSchema schema) {
    return schema
        // Said more fully once, in the server instructions, which not every client shows.
        .objectOrString("config", "Object, JSON string or file path.")
        .string("config_file", "Path of a JSON or YAML config.")
        .string("config_secret_name", "Secret holding the whole config.")
        .stringEnum(EXECUTION_MODE, "How to run it; auto picks.", ExecutionMode.ids())
        .string("manifest_path", "Local manifest to run.")
        .string("version", "Connector version to run.")
        .string("docker_image", "Image to run instead.");
  }

  static ConnectorRequest request(ToolCall call, String nameArgument, Services services) {
    ToolArgs args = call.args();
    String modeText = args.text(EXECUTION_MODE);
    ExecutionMode mode =
        ExecutionMode.fromId(modeText)
            .orElseThrow(
                () ->
                    new ArgumentError(
                        "Unknown override_execution_mode '" + modeText + "'.",
                        "Use one of " + ExecutionMode.ids() + "."));
    ConnectorRequest request =
        ConnectorRequest.of(args.requiredString(nameArgument))
            .withMode(mode)
            .withVersion(args.optionalString("version").orElse(null))
            .withDockerImage(args.optionalString("docker_image").orElse(null));
    if (args.optionalString("manifest_path").isPresent()) {
      // a regular file of sane size in a place tools may read (never a device, FIFO, the dotenv
      // file, /etc, ...)
      Path manifest =
          services
              .settings()
              .agentPolicy()
              .files()
              .requireReadable(args.optionalString("manifest_path").get(), "manifest_path");
      request = request.withManifestPath(manifest);
      if (mode == ExecutionMode.AUTO) {
        request = request.withMode(ExecutionMode.YAML);
      }
    }
    if (request.dockerImage().isPresent() && mode == ExecutionMode.AUTO) {
      request = request.withMode(ExecutionMode.DOCKER);
    }
    return request;
  }

  static ConfigInput config(ToolCall call) {
    ToolArgs args = call.args();
    return new ConfigInput(
        args.optionalValue("config"),
        args.optionalString("config_file"),
        args.optionalString("config_secret_name"));
  }
}
