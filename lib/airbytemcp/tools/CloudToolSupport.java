package airbytemcp.tools;

import airbytemcp.cloud.AirbyteCloud;
import airbytemcp.cloud.CloudCaller;
import airbytemcp.cloud.CloudIds;
import airbytemcp.cloud.CloudObject;
import airbytemcp.common.Json;
import airbytemcp.config.Domain;
import airbytemcp.network.CallNamedHosts;
import airbytemcp.network.ConfigLeaves;
import airbytemcp.network.EgressRefused;
import airbytemcp.network.UnwatchedEgress;
import airbytemcp.registry.ConnectorMetadata;
import airbytemcp.secrets.ConfigInput;
import airbytemcp.secrets.SecretFields;
import airbytemcp.secrets.SecretPlacement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What every Cloud tool class shares: the Cloud of a call and whom it is for, the workspace
 * argument, result conversion and definition helpers.
 */
final class CloudToolSupport {
  /**
   * Every workspace_id parameter: optional; the server instructions say more (it defaults to
   * AIRBYTE_CLOUD_WORKSPACE_ID; discovery with list_cloud_organizations and list_cloud_workspaces).
   */
  static final String WORKSPACE_HELP = "Default: the configured one.";

  /** Every connection_id parameter that needs no more words. */
  static final String CONNECTION_HELP = "Id of the connection.";

  /** Every definition_id parameter of a custom source definition. */
  static final String DEFINITION_HELP = "Id of the custom source definition.";

  /** Every deploy's "unique" argument: refuse a name already in use unless told otherwise. */
  static final ToolParam.Flag UNIQUE = ToolParam.flag("unique", true);

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
    return cloud.forCaller(caller(call));
  }

  /**
   * Whom the call is for, as far as Airbyte Cloud goes: the server process unless the transport (an
   * HTTP session) says otherwise.
   */
  static CloudCaller caller(ToolCall call) {
    return call.context(CloudCaller.class).orElse(CloudCaller.PROCESS);
  }

  /**
   * The config a Cloud write sends: {@code secret_reference::} values, and the values of a
   * whole-config secret, only in the fields the spec marks secret ({@link SecretPlacement}, refused
   * elsewhere), resolved there, and the resolved values registered for masking. Refused too when
   * Airbyte would connect, with a secret, to a host the call chose ({@link UnwatchedEgress}).
   *
   * @param input what the call gave, for the whole-config secret it may name
   * @param config the config resolved from {@code input}, its references not yet resolved
   * @param metadata the registry connector, whose {@code allowedHosts} say which fields are hosts
   * @param connector names the connector in messages
   * @param stored the config the actor holds already, when it holds secrets the config does not
   *     carry (a deployed one keeps those stored with it, a draft gets them from a person in
   *     Airbyte's web app); empty for a new actor
   */
  ObjectNode configForAirbyte(
      ConfigInput input,
      ObjectNode config,
      Optional<JsonNode> spec,
      Optional<ConnectorMetadata> metadata,
      String connector,
      Optional<ObjectNode> stored) {
    SecretPlacement.requireReferencesOnlyInSecretFields(config, spec, connector);
    services.configResolver().requireSecretConfigOnlyInSecretFields(input, spec, connector);
    services.configResolver().requireKnownSecretsOnlyInSecretFields(config, spec, connector);
    ObjectNode hydrated = (ObjectNode) services.secrets().hydrate(config);
    Optional<SecretFields> secretFields = spec.map(SecretFields::of);
    secretFields.ifPresent(f -> f.registerValues(hydrated, services.masker()));
    UnwatchedEgress egress =
        new UnwatchedEgress(
            services.settings().connectorRuntime().egress(),
            metadata.map(ConnectorMetadata::allowedHosts).orElse(null));
    // an actor of a connector whose spec has no secret fields has nothing stored to send
    boolean holdsSecrets =
        stored.isPresent() && secretFields.map(f -> !f.names().isEmpty()).orElse(true);
    // Airbyte merges an update into the stored config (PATCH): a secret the update adds goes to the
    // hosts stored already, which an earlier call may have set with no secret to protect
    JsonNode checked = hydrated;
    if (stored.isPresent() && carriesUserValue(hydrated)) {
      ObjectNode merged = stored.get().deepCopy();
      Json.deepMerge(merged, hydrated);
      checked = merged;
    }
    try {
      egress.check(
          checked,
          services.masker()::isUserValue,
          (path, value) -> spec.map(s -> CallNamedHosts.specOffers(s, path, value)).orElse(false),
          holdsSecrets);
    } catch (EgressRefused e) {
      throw new ArgumentError(
          services.masker().mask("Nothing was sent to Airbyte. " + e.getMessage()),
          UnwatchedEgress.HINT);
    }
    return hydrated;
  }

  private boolean carriesUserValue(JsonNode config) {
    boolean[] found = {false};
    ConfigLeaves.forEach(
        config, true, (path, value) -> found[0] |= services.masker().isUserValue(value));
    return found[0];
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
      Set<ToolTrait> traits,
      ToolHandler handler) {
    return new ToolDefinition(
        name, Domain.CLOUD, description, input.build(), output, hints, traits, handler);
  }

  static InputSchema withWorkspace() {
    return InputSchema.builder().string("workspace_id", WORKSPACE_HELP);
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
}
