package airbytemcp.registry;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects documentation links for a connector: Airbyte's page and the external links of its
 * registry entry, plus those of its published {@code metadata.yaml} (which can be newer than the
 * registry). Deduplicated by URL.
 */
public final class ApiDocsFinder {
  private static final Logger LOG = LoggerFactory.getLogger(ApiDocsFinder.class);

  private final ConnectorFiles files;

  public ApiDocsFinder(ConnectorFiles files) {
    this.files = files;
  }

  public List<ApiDocsUrl> find(ConnectorMetadata connector) {
    List<ApiDocsUrl> urls = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    if (connector.documentationUrl() != null && seen.add(connector.documentationUrl())) {
      urls.add(
          new ApiDocsUrl(
              "Airbyte Documentation", connector.documentationUrl(), "registry", "other", false));
    }
    addAll(
        urls, seen, connector.entry().path("externalDocumentationUrls"), "registry_external_docs");
    metadataYaml(connector)
        .ifPresent(
            data ->
                addAll(urls, seen, data.path("externalDocumentationUrls"), "data_external_docs"));
    return urls;
  }

  private Optional<JsonNode> metadataYaml(ConnectorMetadata connector) {
    try {
      return files
          .fetchText(connector.name(), "latest", "metadata.yaml")
          .map(Json::parseJsonOrYaml)
          .map(yaml -> yaml.path("data"));
    } catch (RuntimeException e) {
      LOG.warn("No metadata.yaml for {}: {}", connector.name(), e.getMessage());
      return Optional.empty();
    }
  }

  private static void addAll(
      List<ApiDocsUrl> urls, Set<String> seen, JsonNode links, String source) {
    for (JsonNode link : links) {
      String url = link.path("url").asText(null);
      if (url != null && seen.add(url)) {
        urls.add(
            new ApiDocsUrl(
                link.path("title").asText(url),
                url,
                source,
                link.path("type").asText("other"),
                link.path("requiresLogin").asBoolean(false)));
      }
    }
  }
}
