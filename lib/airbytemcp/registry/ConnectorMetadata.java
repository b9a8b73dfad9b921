package airbytemcp.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the registry says about one connector. {@code entry} is the raw registry entry, for fields
 * not lifted here (spec, releases, external docs).
 */
public record ConnectorMetadata(
    String name,
    String displayName,
    ConnectorType connectorType,
    String definitionId,
    String dockerRepository,
    String latestVersion,
    Optional<String> pypiPackageName,
    String language,
    Set<InstallType> installTypes,
    List<String> suggestedStreams,
    String supportLevel,
    String releaseStage,
    String sourceType,
    String documentationUrl,
    String releaseDate,
    String githubIssueLabel,
    JsonNode entry) {

  public boolean isManifestOnly() {
    return installTypes.contains(InstallType.YAML);
  }

  /**
   * The entry's {@code allowedHosts} object (its {@code hosts} may hold {@code ${config.path}}
   * placeholders), or null when the entry has none.
   */
  public JsonNode allowedHosts() {
    return entry == null ? null : entry.get("allowedHosts");
  }

  /** The name without its {@code source-}/{@code destination-} prefix, as the docs site uses it. */
  public String shortName() {
    String prefix = connectorType.id() + "-";
    return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
  }
}
