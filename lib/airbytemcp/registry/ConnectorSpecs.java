package airbytemcp.registry;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connector's config spec (JSON Schema) without installing it: from the registry entry when it
 * carries one, else from the spec files Airbyte publishes ({@code cloud.json} first, then {@code
 * oss.json}).
 */
public final class ConnectorSpecs {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectorSpecs.class);

  private final ConnectorFiles files;

  public ConnectorSpecs(ConnectorFiles files) {
    this.files = files;
  }

  public Optional<JsonNode> connectionSpecification(ConnectorMetadata connector) {
    JsonNode fromEntry = connector.entry().path("spec").path("connectionSpecification");
    if (fromEntry.isObject()) {
      return Optional.of(fromEntry);
    }
    for (String file : List.of("cloud.json", "oss.json")) {
      try {
        Optional<String> text = files.fetchText(connector.name(), connector.latestVersion(), file);
        if (text.isPresent()) {
          JsonNode spec = Json.parse(text.get()).path("spec").path("connectionSpecification");
          if (spec.isObject()) {
            return Optional.of(spec);
          }
        }
      } catch (RuntimeException e) {
        LOG.warn("No spec from {} for {}: {}", file, connector.name(), e.getMessage());
      }
    }
    return Optional.empty();
  }
}
