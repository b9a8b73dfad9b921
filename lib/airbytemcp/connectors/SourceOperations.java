package airbytemcp.connectors;

import airbytemcp.common.UserError;
import airbytemcp.protocol.ConfiguredCatalogs;
import airbytemcp.protocol.ConfiguredCatalogs.ReadMode;
import airbytemcp.protocol.DiscoveredStream;
import airbytemcp.protocol.MessageType;
import airbytemcp.protocol.StopReading;
import airbytemcp.secrets.ConfigInput;
import airbytemcp.secrets.ConnectorConfigResolver;
import airbytemcp.secrets.Masker;
import airbytemcp.secrets.RotatedConfigs;
import airbytemcp.secrets.SecretFields;
import airbytemcp.secrets.SecretReferences;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the local source tools do: resolve the connector and its config (secrets hydrated here,
 * never returned), validate the config against the spec, then check, discover or read.
 */
public final class SourceOperations {
  /** Per-stream progress of a multi-stream operation. */
  @FunctionalInterface
  public interface Progress {
    void streamDone(int done, int total, String stream);
  }

  /** A connector ready to run with a hydrated config that matches its spec. */
  public record Prepared(Connector connector, ObjectNode config) {}

  /** The outcome of validate_connector_config. */
  public record Validation(boolean valid, String message) {}

  private final ConnectorResolver resolver;
  private final ConnectorConfigResolver configs;
  private final SecretReferences secrets;
  private final Masker masker;
  private final SecretScope scope;

  public SourceOperations(
      ConnectorResolver resolver,
      ConnectorConfigResolver configs,
      SecretReferences secrets,
      Masker masker,
      SecretScope scope) {
    this.resolver = resolver;
    this.configs = configs;
    this.secrets = secrets;
    this.masker = masker;
    this.scope = scope;
  }

  public Prepared prepare(ConnectorRequest request, ConfigInput input) {
    // before any connector code runs or any secret is looked up: may this connector have secrets at
    // all?
    ConfigInput withoutSecretConfig =
        new ConfigInput(input.config(), input.configFile(), Optional.empty());
    scope.check(request, configs.resolve(withoutSecretConfig, Optional.empty()), input);
    configs.requireInlinePathsAllowed(input);
    Connector connector = resolver.resolve(request);
    JsonNode specSchema = connector.spec().path("connectionSpecification");
    ObjectNode withReferences = configs.resolve(input, Optional.of(specSchema));
    JsonNode given = secrets.hydrate(withReferences);
    SecretFields.of(specSchema).registerValues(given, masker);
    // an old config is migrated (and the result stored) before it must match the current spec
    JsonNode hydrated =
        ConfigMigrations.migrate(
            connector, input, withReferences, given, new RotatedConfigs(configs, secrets, masker));
    SecretFields.of(specSchema).registerValues(hydrated, masker);
    List<String> problems = ConfigValidator.problems(specSchema, hydrated);
    if (!problems.isEmpty()) {
      throw new ConnectorError(
          masker.mask(
              "The config does not match the spec of "
                  + request.name()
                  + ": "
                  + String.join("; ", problems)),
          "Fix the named fields; get_connector_info shows the connector's config spec.");
    }
    return new Prepared(
        withWriteBack(connector, input, hydrated, new RotatedConfigs(configs, secrets, masker)),
        (ObjectNode) hydrated);
  }

  /**
   * The connector, with each config it rewrites during a read (a rotated refresh token) stored
   * where the user's config came from, so that the next run starts from the token that still works.
   */
  static Connector withWriteBack(
      Connector connector, ConfigInput input, JsonNode hydrated, RotatedConfigs store) {
    JsonNode[] last = {hydrated.deepCopy()};
    return new ConfigWriteBack(
        connector,
        updated -> {
          synchronized (last) {
            store.store(input, last[0], updated);
            last[0] = updated;
          }
        });
  }

  /** Never throws for a domain problem: an invalid config is an answer, not a failure. */
  public Validation validate(ConnectorRequest request, ConfigInput input) {
    Prepared prepared;
    try {
      prepared = prepare(request, input);
    } catch (UserError e) {
      return new Validation(
          false,
          masker.maskMessage(
              "Configuration for " + request.name() + " could not be used: " + withHint(e)));
    }
    try {
      JsonNode status = prepared.connector().check(prepared.config());
      if ("SUCCEEDED".equals(status.path("status").asText())) {
        return new Validation(true, "Configuration for " + request.name() + " is valid.");
      }
      return new Validation(
          false,
          masker.maskMessage(
              "Configuration for "
                  + request.name()
                  + " is invalid: "
                  + status
                      .path("message")
                      .asText("the connector's check failed without a message.")));
    } catch (UserError e) {
      return new Validation(
          false,
          masker.maskMessage(
              "Configuration for " + request.name() + " is invalid: " + withHint(e)));
    }
  }

  public List<DiscoveredStream> discover(ConnectorRequest request, ConfigInput input) {
    Prepared prepared = prepare(request, input);
    return DiscoveredStream.allOf(prepared.connector().discover(prepared.config()));
  }

  public List<String> streamNames(ConnectorRequest request, ConfigInput input) {
    return discover(request, input).stream().map(DiscoveredStream::name).toList();
  }

  public ObjectNode streamSchema(ConnectorRequest request, ConfigInput input, String stream) {
    List<DiscoveredStream> streams = discover(request, input);
    return streams.stream()
        .filter(s -> s.name().equals(stream))
        .findFirst()
        .map(DiscoveredStream::jsonSchema)
        .orElseThrow(() -> ConfiguredCatalogs.unknownStreams(List.of(stream), names(streams)));
  }

  /**
   * The first {@code maxRecords} records of a stream, read from the beginning; the connector stops
   * after them.
   */
  public List<Map<String, Object>> readRecords(
      ConnectorRequest request, ConfigInput input, String stream, int maxRecords) {
    Prepared prepared = prepare(request, input);
    List<DiscoveredStream> streams =
        DiscoveredStream.allOf(prepared.connector().discover(prepared.config()));
    return firstRecords(prepared, streams, stream, maxRecords);
  }

  /**
   * Up to {@code limit} records per stream, all streams when {@code streamNames} is empty. A stream
   * that fails gets its error message instead of records; the others still answer.
   */
  public Map<String, Object> previews(
      ConnectorRequest request,
      ConfigInput input,
      List<String> streamNames,
      int limit,
      Progress progress) {
    Prepared prepared = prepare(request, input);
    List<DiscoveredStream> streams =
        DiscoveredStream.allOf(prepared.connector().discover(prepared.config()));
    List<String> wanted =
        streamNames.isEmpty() || streamNames.equals(List.of("*")) ? names(streams) : streamNames;
    Map<String, Object> previews = new LinkedHashMap<>();
    int done = 0;
    for (String stream : wanted) {
      try {
        previews.put(stream, firstRecords(prepared, streams, stream, limit));
      } catch (UserError e) {
        previews.put(
            stream,
            "Could not read samples of stream '"
                + stream
                + "': "
                + masker.maskMessage(e.messageWithHint()));
      }
      progress.streamDone(++done, wanted.size(), stream);
    }
    return previews;
  }

  private List<Map<String, Object>> firstRecords(
      Prepared prepared, List<DiscoveredStream> streams, String stream, int maxRecords) {
    ObjectNode catalog =
        ConfiguredCatalogs.build(streams, List.of(stream), ReadMode.INCREMENTAL, "append");
    List<Map<String, Object>> records = new ArrayList<>();
    if (maxRecords <= 0) {
      return records;
    }
    // one record past the last shown is read too: a secret cut over the last one and the next
    // is then masked in the last one, so no answer holds a part the next answer would complete
    List<JsonNode> payloads = new ArrayList<>();
    prepared
        .connector()
        .read(
            prepared.config(),
            catalog,
            Optional.empty(),
            message -> {
              if (message.type() == MessageType.RECORD
                  && stream.equals(message.payload().path("stream").asText())) {
                payloads.add(message.payload());
                if (payloads.size() > (long) maxRecords) {
                  throw new StopReading();
                }
              }
            });
    List<JsonNode> data =
        masker.maskAcrossRecords(payloads.stream().map(p -> p.path("data")).toList());
    for (int i = 0; i < Math.min(maxRecords, payloads.size()); i++) {
      records.add(shape(payloads.get(i), data.get(i)));
    }
    return records;
  }

  /** A record as PyAirbyte hands it out: the data plus its internal columns. */
  private static Map<String, Object> shape(JsonNode record, JsonNode data) {
    Map<String, Object> row = new LinkedHashMap<>();
    data.fields().forEachRemaining(f -> row.put(f.getKey(), f.getValue()));
    row.put("_airbyte_raw_id", UUID.randomUUID().toString());
    long emittedAt = record.path("emitted_at").asLong(System.currentTimeMillis());
    row.put("_airbyte_extracted_at", Instant.ofEpochMilli(emittedAt).toString());
    row.put("_airbyte_meta", Map.of());
    return row;
  }

  private static List<String> names(List<DiscoveredStream> streams) {
    return streams.stream().map(DiscoveredStream::name).toList();
  }

  private String withHint(UserError e) {
    return masker.maskMessage(e.messageWithHint());
  }
}
