package airbytemcp.tools;

import airbytemcp.connectors.ConfigValidator;
import airbytemcp.registry.ConnectorMetadata;
import airbytemcp.registry.ConnectorSpecs;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Checks a config bound for Airbyte against the connector's spec from the registry, as the local
 * tools do, so a wrong config is refused with field-level messages before Airbyte is called.
 * Connectors without a known spec (custom definitions, or a spec that cannot be fetched) pass with
 * a note saying so.
 */
final class CloudConfigCheck {
  private final Services services;
  private final ConnectorSpecs specs;

  CloudConfigCheck(Services services) {
    this.services = services;
    this.specs = new ConnectorSpecs(services.connectorFiles());
  }

  /** The connector's config spec, when the registry knows it. */
  Optional<JsonNode> spec(ConnectorMetadata connector) {
    return specs.connectionSpecification(connector);
  }

  /** The registry connector a deployed object was made from, found by its definition id. */
  Optional<ConnectorMetadata> byDefinitionId(String definitionId) {
    if (definitionId == null) {
      return Optional.empty();
    }
    return services.registry().registry().all().stream()
        .filter(c -> definitionId.equals(c.definitionId()))
        .findFirst();
  }

  /**
   * Refuses a config that breaks the spec; returns a note for the answer (empty when validated).
   *
   * @param what names the connector in messages
   */
  String check(String what, Optional<JsonNode> spec, JsonNode config) {
    if (spec.isEmpty()) {
      return " Note: the config was not validated (no spec is known for "
          + what
          + ", e.g. a custom definition).";
    }
    List<String> problems = ConfigValidator.problems(spec.get(), config);
    if (!problems.isEmpty()) {
      throw new ArgumentError(
          services
              .masker()
              .mask(
                  "The config does not match the spec of "
                      + what
                      + ": "
                      + String.join("; ", problems)
                      + ". Nothing was sent to Airbyte."),
          "Fix the named fields; get_connector_info shows the connector's config spec.");
    }
    return "";
  }
}
