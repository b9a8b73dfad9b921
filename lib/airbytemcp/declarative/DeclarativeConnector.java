package airbytemcp.declarative;

import airbytemcp.common.Json;
import airbytemcp.common.Plural;
import airbytemcp.common.UserError;
import airbytemcp.connectors.ConfigValidator;
import airbytemcp.connectors.Connector;
import airbytemcp.protocol.MessageSink;
import airbytemcp.protocol.Messages;
import airbytemcp.protocol.StopReading;
import airbytemcp.protocol.StreamDescriptor;
import airbytemcp.secrets.SecretFields;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A declarative (YAML manifest) source run in-process on the JVM: spec from the manifest's {@code
 * spec}, check by reading a record of the check streams, discover from the streams' schemas, read
 * with incremental state. Every secret of the config is registered with the masker before anything
 * runs.
 */
public final class DeclarativeConnector implements Connector {
  private static final Logger LOG = LoggerFactory.getLogger(DeclarativeConnector.class);
  private final Manifest manifest;
  private final RuntimeOptions options;

  /** Null when the options' HTTP client is used as it is (tests with their own client). */
  private final EgressGuard egress;

  private DeclarativeConnector(Manifest manifest, RuntimeOptions options, EgressGuard egress) {
    this.manifest = manifest;
    this.options = options;
    this.egress = egress;
  }

  public static DeclarativeConnector of(Manifest manifest, RuntimeOptions options) {
    return new DeclarativeConnector(manifest, options, null);
  }

  static DeclarativeConnector guarded(
      Manifest manifest, RuntimeOptions options, EgressGuard egress) {
    return new DeclarativeConnector(manifest, options, egress);
  }

  /**
   * This connector for one run with {@code config}: its HTTP client obeys the egress rules for that
   * config.
   */
  private DeclarativeConnector run(JsonNode config) {
    // allowed hosts are templates over the config in its current (normalized) shape
    JsonNode hosts = config;
    try {
      hosts = rules().normalize(config).effective();
    } catch (DeclarativeError e) {
      // the run itself reports it, where the command says how
    }
    return new DeclarativeConnector(manifest, egress.apply(options, hosts, manifest.spec()), null);
  }

  private ConfigRules rules() {
    return ConfigRules.of(manifest.spec(), options.masker());
  }

  /**
   * The config the run works with: the user's, migrated and transformed by the spec's normalization
   * rules, its secrets (before and after) known to the masker, checked against the spec when {@code
   * againstSpec}, and refused when it fails one of the rules' validations.
   */
  private ConfigRules.Normalized normalized(JsonNode config, boolean againstSpec) {
    registerSecrets(config);
    ConfigRules rules = rules();
    ConfigRules.Normalized run = rules.normalize(config);
    registerSecrets(run.migrated());
    if (againstSpec) {
      learnSecrets(run.effective());
    } else {
      registerSecrets(run.effective());
    }
    rules.validate(run.effective(), options.masker());
    return run;
  }

  /** Loads (resolves, validates) a manifest given as JSON and makes a connector of it. */
  public static DeclarativeConnector fromManifest(
      String name, JsonNode manifest, ManifestLoader loader, RuntimeOptions options) {
    return new DeclarativeConnector(loader.fromJson(name, manifest), options, null);
  }

  public Manifest manifest() {
    return manifest;
  }

  @Override
  public String name() {
    return manifest.name();
  }

  @Override
  public ObjectNode spec() {
    JsonNode spec = manifest.spec();
    if (!spec.has("connection_specification")) {
      throw new DeclarativeError(
          "The manifest of " + name() + " has no spec.",
          "Add a spec block with connection_specification to the manifest.");
    }
    ObjectNode out = Json.object();
    out.set("connectionSpecification", spec.get("connection_specification"));
    if (spec.hasNonNull("documentation_url")) {
      out.put("documentationUrl", spec.get("documentation_url").asText());
    }
    if (spec.hasNonNull("advanced_auth")) {
      out.set("advanced_auth", spec.get("advanced_auth"));
    }
    return out;
  }

  private void registerSecrets(JsonNode config) {
    JsonNode schema = manifest.spec().path("connection_specification");
    if (config != null && !schema.isMissingNode()) {
      SecretFields.of(schema).registerValues(config, options.masker());
    }
  }

  /**
   * Registers the config's secrets with the masker, then refuses a config the spec does not allow.
   */
  private void learnSecrets(JsonNode config) {
    registerSecrets(config);
    JsonNode schema = manifest.spec().path("connection_specification");
    if (config == null || schema.isMissingNode()) {
      return;
    }
    List<String> problems = ConfigValidator.problems(schema, config);
    if (!problems.isEmpty()) {
      throw new DeclarativeError(
          "The config does not match the spec of "
              + name()
              + ": "
              + options.masker().mask(String.join("; ", problems)),
          "Fix the config fields named; the spec tool shows what each field takes.");
    }
  }

  /**
   * The config after the spec's {@code config_migrations}: a copy when they change it, else the
   * config itself.
   */
  @Override
  public JsonNode migratedConfig(JsonNode config) {
    registerSecrets(config);
    ConfigRules.Normalized run = rules().normalize(config);
    return run.migrationChanged() ? run.migrated() : config;
  }

  @Override
  public ObjectNode check(JsonNode given) {
    if (egress != null) {
      return run(given).check(given);
    }
    try {
      JsonNode config = normalized(given, true).effective();
      List<JsonNode> definitions = definitions(config);
      JsonNode checkDef = manifest.definition().path("check");
      List<String> names = new ArrayList<>();
      checkDef.path("stream_names").forEach(n -> names.add(n.asText()));
      if ("CheckDynamicStream".equals(checkDef.path("type").asText())) {
        int count = checkDef.path("stream_count").asInt(1);
        int statics =
            ConditionalStreams.of(manifest.definition().path("streams"), config, options.masker())
                .size();
        for (int i = statics; i < Math.min(definitions.size(), statics + count); i++) {
          names.add(StreamRuntime.of(definitions.get(i), manifest, config, options, false).name());
        }
      }
      List<JsonNode> dynamicChecks =
          DynamicStreamChecks.streams(checkDef, manifest, config, options);
      if (names.isEmpty() && dynamicChecks.isEmpty() && !definitions.isEmpty()) {
        names.add(StreamRuntime.of(definitions.get(0), manifest, config, options, false).name());
      }
      for (JsonNode generated : dynamicChecks) {
        names.add(StreamRuntime.of(generated, manifest, config, options, false).name());
      }
      for (String name : names) {
        StreamRuntime.of(definition(definitions, name), manifest, config, options, false)
            .read(
                null,
                1,
                new StreamRuntime.Sink() {
                  @Override
                  public void record(ObjectNode data, Map<String, Object> slice) {}

                  @Override
                  public void state(JsonNode streamState) {}
                });
      }
      return Json.object().put("status", "SUCCEEDED");
    } catch (RuntimeException e) {
      return Json.object()
          .put("status", "FAILED")
          .put("message", describe(DeclarativeBug.of(e, manifest, "checking")));
    }
  }

  @Override
  public ObjectNode discover(JsonNode given) {
    if (egress != null) {
      return run(given).discover(given);
    }
    // Static streams need no config to be described; a config is only checked against the spec
    // when it is used against the API.
    registerSecrets(given);
    try {
      return catalog(normalized(given, false).effective());
    } catch (DeclarativeBug e) {
      throw e;
    } catch (RuntimeException e) {
      if (!(e instanceof UserError)) {
        throw DeclarativeBug.of(e, manifest, "discovering streams");
      }
      throw new DeclarativeError(
          "Discovering the streams of " + name() + " failed: " + describe(e),
          "Check the config; a manifest with dynamic streams asks the API for its streams.");
    }
  }

  private ObjectNode catalog(JsonNode config) {
    ObjectNode catalog = Json.object();
    ArrayNode list = catalog.putArray("streams");
    for (StreamRuntime s : streams(config, true)) {
      ObjectNode entry = list.addObject().put("name", s.name());
      entry.set("json_schema", s.jsonSchema());
      ArrayNode modes = entry.putArray("supported_sync_modes").add("full_refresh");
      s.cursor()
          .ifPresent(
              c -> {
                modes.add("incremental");
                entry.put("source_defined_cursor", true);
                entry.putArray("default_cursor_field").add(c.cursorField());
              });
      List<List<String>> pk = s.primaryKey();
      if (!pk.isEmpty()) {
        entry.set("source_defined_primary_key", Json.MAPPER.valueToTree(pk));
      }
      entry.put("is_resumable", s.cursor().isPresent());
    }
    return catalog;
  }

  @Override
  public void read(
      JsonNode given, JsonNode configuredCatalog, Optional<JsonNode> state, MessageSink sink) {
    if (egress != null) {
      run(given).read(given, configuredCatalog, state, sink);
      return;
    }
    ConfigRules.Normalized run = normalized(given, true);
    JsonNode config = run.effective();
    if (run.migrationChanged()) {
      // as the CDK: a migrated config is announced once, so that it is stored for later runs
      sink.accept(Messages.connectorConfig((ObjectNode) run.migrated().deepCopy()));
    }
    // A rotated refresh token rewrites config in place (later streams use it) and is announced
    RuntimeOptions reading =
        options.withConfigUpdates(
            run.announcing(updated -> sink.accept(Messages.connectorConfig(updated))));
    Map<String, JsonNode> states = StateInput.byStream(state.orElse(null));
    List<JsonNode> definitions = definitions(config);
    List<String> failed = new ArrayList<>();
    Set<String> hints = new LinkedHashSet<>();
    for (JsonNode configured : configuredCatalog.path("streams")) {
      String name = configured.path("stream").path("name").asText();
      StreamDescriptor stream = new StreamDescriptor(name, null);
      boolean incremental = "incremental".equals(configured.path("sync_mode").asText());
      JsonNode streamState = incremental ? states.get(name) : null;
      if (streamState != null) {
        streamState =
            StreamRuntime.usableState(
                definition(definitions, name), streamState, manifest, config, reading);
      }
      sink.accept(Messages.streamStatus(stream, "STARTED"));
      long[] count = {0};
      try {
        StreamRuntime runtime =
            StreamRuntime.of(
                    definition(definitions, name), manifest, config, reading, streamState != null)
                .configuredAs(configured);
        boolean[] running = {false};
        runtime.read(
            streamState,
            0,
            new StreamRuntime.Sink() {
              @Override
              public void record(ObjectNode data, Map<String, Object> slice) {
                if (!running[0]) {
                  running[0] = true;
                  sink.accept(Messages.streamStatus(stream, "RUNNING"));
                }
                count[0]++;
                sink.accept(Messages.record(stream, data, System.currentTimeMillis()));
              }

              @Override
              public void state(JsonNode s) {
                if (incremental) {
                  sink.accept(Messages.streamState(stream, s, count[0]));
                }
              }
            });
        sink.accept(
            Messages.log(
                "INFO", "Read " + Plural.of(count[0], "record") + " from stream " + name + "."));
        sink.accept(Messages.streamStatus(stream, "COMPLETE"));
      } catch (StopReading e) {
        return; // the reader has what it needs: the read ends normally, as with any executor
      } catch (RuntimeException thrown) {
        RuntimeException e = DeclarativeBug.of(thrown, manifest, "reading stream " + name);
        String message = describe(e);
        LOG.warn("Stream {} failed: {}", name, message);
        boolean bug = e instanceof DeclarativeBug;
        sink.accept(
            Messages.traceError(
                stream,
                message,
                options.masker().mask((bug ? thrown : e).getClass().getSimpleName()),
                bug ? "system_error" : "config_error"));
        sink.accept(Messages.streamStatus(stream, "INCOMPLETE"));
        // the error itself says why, masked as the TRACE is; its hint is the streams' own advice
        failed.add(name + ": " + reason(e));
        if (e instanceof UserError u && u.hint() != null && !u.hint().isBlank()) {
          hints.add(options.masker().mask(u.hint()));
        }
      }
    }
    if (!failed.isEmpty()) {
      throw new DeclarativeError(
          "Reading "
              + name()
              + " failed for "
              + Plural.of(failed.size(), "stream")
              + ": "
              + String.join("; ", failed),
          hints.isEmpty()
              ? "Check the config values the failed streams use, then read again."
              : String.join(" ", hints));
    }
  }

  /**
   * The failure's message alone, masked. A read's error gives the failed streams' hints as its own,
   * so that an HTTP 401 gets advice about credentials, a runtime bug the advice to report it, each
   * said once however many streams failed alike.
   */
  private String reason(RuntimeException e) {
    return options.masker().mask(messageOf(e));
  }

  private static String messageOf(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private String describe(RuntimeException e) {
    String message = messageOf(e);
    if (e instanceof UserError u && u.hint() != null) {
      message += " " + u.hint();
    }
    return options.masker().mask(message);
  }

  private List<StreamRuntime> streams(JsonNode config, boolean forCatalog) {
    List<StreamRuntime> out = new ArrayList<>();
    for (JsonNode def : definitions(config)) {
      out.add(StreamRuntime.of(def, manifest, config, options, forCatalog));
    }
    return out;
  }

  /**
   * The static streams (those of ConditionalStreams whose condition holds), then those
   * DynamicDeclarativeStreams make (which may ask the API).
   */
  private List<JsonNode> definitions(JsonNode config) {
    List<JsonNode> defs = new ArrayList<>();
    defs.addAll(
        ConditionalStreams.of(manifest.definition().path("streams"), config, options.masker()));
    for (JsonNode dynamic : manifest.definition().path("dynamic_streams")) {
      defs.addAll(DynamicStreams.resolve(dynamic, manifest, config, options));
    }
    StreamGroups.requireNoParentInItsChildsGroup(manifest.definition(), defs);
    return defs;
  }

  /** The stream's definition; stream names are plain text or templates over parameters only. */
  private JsonNode definition(List<JsonNode> definitions, String name) {
    List<String> names = new ArrayList<>();
    for (JsonNode def : definitions) {
      String n = new Tpl(def).text("name", Scope.of(Json.object()));
      if (n.equals(name)) {
        return def;
      }
      names.add(n);
    }
    throw new DeclarativeError(
        "The manifest of " + name() + " has no stream named '" + name + "'.",
        "Use one of: " + String.join(", ", names) + ".");
  }
}
