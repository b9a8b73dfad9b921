package airbytemcp.tools;


import airbytemcp.config.Domain;
import airbytemcp.connectors.ConnectorRequest;
import airbytemcp.connectors.ExecutionMode;
import airbytemcp.connectors.SourceOperations;
import airbytemcp.secrets.ConfigInput;
import airbytemcp.secrets.ConfigSecretNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Local tools that run a source connector on the server's machine: validate, list streams, schemas, records. */
public final class SourceTools {
  static final String CONFIG_HELP = """
       The config may be given inline (config: an object or JSON string), as an absolute path to a JSON/YAML \
      file (config_file), or as the name of a secret holding the whole config (config_secret_name); a value \
      "secret_reference::NAME" anywhere in it is replaced by that secret inside the server, and secret values \
      never come back in answers.""";
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
            + "the reason." + CONFIG_HELP,
        connectorArgs("connector_name", "The connector to validate the config for, e.g. source-faker."),
        OutputSchemas.object(
            Map.of("valid", Map.of("type", "boolean"), "message", OutputSchemas.string()), List.of("valid", "message")),
        ToolHints.read(true),
        call -> {
          SourceOperations.Validation v = services.sources().validate(request(call, "connector_name", services), config(call));
          return ToolResult.data(Map.of("valid", v.valid(), "message", v.message()));
        });
  }

  private ToolDefinition listConnectorConfigSecrets() {
    return new ToolDefinition(
        "list_connector_config_secrets",
        Domain.LOCAL,
        "List the names of secrets that hold a whole config for this connector and can be passed as "
            + "config_secret_name: dotenv secrets whose value is a JSON/YAML object and whose name mentions the "
            + "connector (e.g. SOURCE_GITHUB_CONFIG). Only names are returned, never values.",
        InputSchema.builder().string("connector_name", "The connector, e.g. source-github.", true).build(),
        OutputSchemas.listOf(OutputSchemas.string()),
        ToolHints.read(false),
        Set.of(ToolTrait.RUNS_ON_SERVER_MACHINE),
        call -> ToolResult.data(ConfigSecretNames.forConnector(
            call.args().requiredString("connector_name"), services.settings().dotenvFiles())));
  }

  private ToolDefinition listSourceStreams() {
    return local(
        "list_source_streams",
        "List the names of the streams a source offers, by running its discovery (which usually needs a working "
            + "config with credentials)." + CONFIG_HELP,
        connectorArgs("source_connector_name", "The source connector, e.g. source-faker."),
        OutputSchemas.listOf(OutputSchemas.string()),
        ToolHints.read(true),
        call -> ToolResult.data(
            services.sources().streamNames(request(call, "source_connector_name", services), config(call))));
  }

  private ToolDefinition getSourceStreamJsonSchema() {
    return local(
        "get_source_stream_json_schema",
        "Get the JSON Schema of one stream of a source (its fields and their types), from the source's discovery."
            + CONFIG_HELP,
        connectorArgs("source_connector_name", "The source connector, e.g. source-faker.")
            .string("stream_name", "The stream whose schema to return.", true),
        Map.of("type", "object"),
        ToolHints.read(true),
        call -> ToolResult.data(airbytemcp.common.Json.toMap(services.sources().streamSchema(
            request(call, "source_connector_name", services), config(call), call.args().requiredString("stream_name")))));
  }

  private ToolDefinition readSourceStreamRecords() {
    return local(
        "read_source_stream_records",
        "Read the first records of one stream of a source, from the beginning (no saved state). The connector "
            + "is stopped as soon as max_records have arrived. Each record carries _airbyte_raw_id, "
            + "_airbyte_extracted_at and _airbyte_meta." + CONFIG_HELP,
        connectorArgs("source_connector_name", "The source connector, e.g. source-faker.")
            .string("stream_name", "The stream to read.", true)
            .integer("max_records", "How many records to return at most.", 1000),
        OutputSchemas.listOf(RECORD),
        new ToolHints(true, false, false, true),
        call -> ToolResult.data(services.sources().readRecords(
            request(call, "source_connector_name", services),
            config(call),
            call.args().requiredString("stream_name"),
            call.args().integer("max_records", 1000))));
  }

  private ToolDefinition getStreamPreviews() {
    return local(
        "get_stream_previews",
        "Get a few sample records from each of several streams of a source (all streams when none or \"*\" is "
            + "given). A stream that cannot be read gets an error text instead of records; the others still "
            + "answer. Sends progress per stream." + CONFIG_HELP,
        connectorArgs("source_name", "The source connector, e.g. source-faker.")
            .stringOrList("streams", "Stream names (a list, a comma-separated string, or \"*\" for all).", null, null)
            .integer("limit", "How many records per stream at most.", 10),
        Map.of("type", "object", "additionalProperties",
            Map.of("anyOf", List.of(Map.of("type", "array", "items", RECORD), Map.of("type", "string")))),
        new ToolHints(true, false, false, true),
        call -> ToolResult.data(services.sources().previews(
            request(call, "source_name", services),
            config(call),
            call.args().stringList("streams"),
            call.args().integer("limit", 10),
            (done, total, stream) -> call.progress(done, (double) total, "Read samples of " + stream))));
  }

  private static ToolDefinition local(
      String name,
      String description,
      InputSchema input,
      Map<String, Object> output,
      ToolHints hints,
      ToolHandler handler) {
    return new ToolDefinition(
        name, Domain.LOCAL, description, input.build(), output, hints, Set.of(ToolTrait.RUNS_ON_SERVER_MACHINE), handler);
  }

  static InputSchema connectorArgs(String nameArgument, String nameDescription) {
    return InputSchema.builder()
        .string(nameArgument, nameDescription, true)
        .objectOrString("config", "The config: an object, a JSON string, or an absolute path to a JSON/YAML file.")
        .string("config_file", "Absolute path to a JSON or YAML file with the config.", false)
        .string("config_secret_name", "Name of a secret whose value is the whole config (merged over config).", false)
        .stringEnum(
            "override_execution_mode",
            "How to run the connector: auto (the server picks), docker, python, yaml/native (declarative "
                + "runtime), or local (a program named like the connector on the PATH).",
            ExecutionMode.ids(),
            "auto")
        .string("manifest_path", "Absolute path to a local declarative YAML manifest (implies yaml mode). Secrets "
            + "are only given to registry connectors, not to a manifest or image you supply, unless the user allows it.",
            false)
        .string("version", "Pin a connector version (Docker tag, PyPI version or manifest version).", false)
        .string("docker_image", "Run this Docker image instead of airbyte/NAME:VERSION (implies docker mode).", false);
  }

  static ConnectorRequest request(ToolCall call, String nameArgument, Services services) {
    ToolArgs args = call.args();
    String modeText = args.optionalString("override_execution_mode").orElse("auto");
    ExecutionMode mode = ExecutionMode.fromId(modeText).orElseThrow(() -> new ArgumentError(
        "Unknown override_execution_mode '" + modeText + "'.", "Use one of " + ExecutionMode.ids() + "."));
    ConnectorRequest request = ConnectorRequest.of(args.requiredString(nameArgument)).withMode(mode)
        .withVersion(args.optionalString("version").orElse(null))
        .withDockerImage(args.optionalString("docker_image").orElse(null));
    if (args.optionalString("manifest_path").isPresent()) {
      // a regular file of sane size in a place tools may read (never a device, FIFO, the dotenv file, /etc, ...)
      Path manifest = services.settings().agentPolicy().files()
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
        args.optionalValue("config"), args.optionalString("config_file"), args.optionalString("config_secret_name"));
  }

}
