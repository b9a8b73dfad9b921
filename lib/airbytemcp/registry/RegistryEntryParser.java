package airbytemcp.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** Lifts the fields the server uses out of one registry entry. */
final class RegistryEntryParser {
  private RegistryEntryParser() {}

  /**
   * Null for entries without a docker repository (nothing could run them). The type is the registry
   * section.
   */
  static ConnectorMetadata parse(JsonNode entry, ConnectorType type) {
    String repository = text(entry, "dockerRepository");
    if (repository == null || !repository.contains("/")) {
      return null;
    }
    String name = repository.substring(repository.indexOf('/') + 1);
    String language = language(entry);

    JsonNode pypi = entry.path("remoteRegistries").path("pypi");
    Optional<String> pypiPackage =
        pypi.path("enabled").asBoolean(false)
            ? Optional.ofNullable(text(pypi, "packageName"))
            : Optional.empty();

    EnumSet<InstallType> installTypes = EnumSet.of(InstallType.DOCKER);
    if ("manifest-only".equals(language)) {
      installTypes.add(InstallType.YAML);
    }
    if (pypiPackage.isPresent()) {
      installTypes.add(InstallType.PYTHON);
    }
    if ("java".equals(language)) {
      installTypes.add(InstallType.JAVA);
    }

    List<String> suggested = new ArrayList<>();
    entry.path("suggestedStreams").path("streams").forEach(s -> suggested.add(s.asText()));

    String definitionId =
        text(
            entry, type == ConnectorType.SOURCE ? "sourceDefinitionId" : "destinationDefinitionId");
    return new ConnectorMetadata(
        name,
        text(entry, "name"),
        type,
        definitionId,
        repository,
        text(entry, "dockerImageTag"),
        pypiPackage,
        language,
        installTypes,
        List.copyOf(suggested),
        text(entry, "supportLevel"),
        text(entry, "releaseStage"),
        text(entry, "sourceType"),
        text(entry, "documentationUrl"),
        text(entry, "releaseDate"),
        text(entry, "githubIssueLabel"),
        entry);
  }

  private static String language(JsonNode entry) {
    String language = text(entry, "language");
    if (language != null) {
      return language;
    }
    for (JsonNode tag : entry.path("tags")) {
      if (tag.asText().startsWith("language:")) {
        return tag.asText().substring("language:".length());
      }
    }
    return null;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
