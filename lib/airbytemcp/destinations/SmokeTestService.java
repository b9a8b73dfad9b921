package airbytemcp.destinations;

import airbytemcp.config.AgentFiles;
import airbytemcp.connectors.Connector;
import airbytemcp.connectors.ConnectorRequest;
import airbytemcp.connectors.ConnectorResolver;
import airbytemcp.connectors.SecretScope;
import airbytemcp.secrets.ConfigInput;
import airbytemcp.secrets.ConnectorConfigResolver;
import airbytemcp.secrets.SecretReferences;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The destination smoke test as a tool asks for it: picks the scenarios, resolves the destination's
 * config with its secrets (only for a destination that may have them), names the namespace,
 * resolves the connector and runs the {@link SmokeTestRunner}.
 */
public final class SmokeTestService {
  /**
   * One smoke test, its arguments parsed.
   *
   * @param scenarios names asked for ({@code fast}, {@code all} or scenario names); empty means
   *     {@code fast}
   * @param customScenarios scenario definitions (name, json_schema, records, primary_key)
   * @param reuseNamespace write into this namespace instead of a new one
   */
  public record Order(
      ConnectorRequest destination,
      ConfigInput config,
      List<String> scenarios,
      List<JsonNode> customScenarios,
      Optional<String> namespaceSuffix,
      Optional<String> reuseNamespace,
      boolean skipPreflight) {
    public Order {
      scenarios = List.copyOf(scenarios);
      customScenarios = List.copyOf(customScenarios);
    }
  }

  private final ConnectorResolver connectors;
  private final ConnectorConfigResolver configs;
  private final SecretReferences secrets;
  private final SecretScope scope;
  private final AgentFiles files;
  private final SmokeTestRunner runner;

  /**
   * @param files where tools may touch files: a destination_path must lie there
   */
  public SmokeTestService(
      ConnectorResolver connectors,
      ConnectorConfigResolver configs,
      SecretReferences secrets,
      SecretScope scope,
      AgentFiles files,
      SmokeTestRunner runner) {
    this.connectors = connectors;
    this.configs = configs;
    this.secrets = secrets;
    this.scope = scope;
    this.files = files;
    this.runner = runner;
  }

  public SmokeTestResult run(Order order, SmokeTestRunner.Listener listener) {
    List<SmokeScenario> custom =
        order.customScenarios().stream().map(SmokeScenario::custom).toList();
    List<SmokeScenario> scenarios = SmokeScenarios.select(order.scenarios(), custom);
    JsonNode hydrated = destinationConfig(order.destination(), order.config());
    String namespace =
        order
            .reuseNamespace()
            .orElseGet(() -> runner.newNamespace(order.namespaceSuffix().orElse(null)));
    Connector destination = connectors.resolve(order.destination());
    return runner.run(
        destination,
        new SmokeTestRunner.Request(
            order.destination().name(),
            hydrated,
            scenarios,
            order.scenarios().isEmpty() ? SmokeScenarios.FAST : String.join(",", order.scenarios()),
            namespace,
            order.skipPreflight()),
        listener);
  }

  /**
   * The destination's config with its secrets: only for a destination that may receive them, and
   * never with a destination_path in a place tools may not read (destination-duckdb writes it and
   * the server reads it back).
   */
  private JsonNode destinationConfig(ConnectorRequest request, ConfigInput input) {
    ConfigInput withoutSecretConfig =
        new ConfigInput(input.config(), input.configFile(), Optional.empty());
    scope.check(request, configs.resolve(withoutSecretConfig, Optional.empty()), input);
    ObjectNode config = configs.resolve(input, Optional.empty());
    String path = config.path("destination_path").asText("");
    if (DuckDbReadback.namesLocalFile(path)) {
      // a relative path is read back from the server's working folder, so it is checked there
      files.requireAllowedPlace(
          path.startsWith("/") ? path : System.getProperty("user.dir") + "/" + path,
          "destination_path");
    }
    configs.requireInlinePathsAllowed(input);
    return secrets.hydrate(config);
  }
}
