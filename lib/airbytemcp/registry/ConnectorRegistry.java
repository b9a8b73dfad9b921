package airbytemcp.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A parsed registry snapshot: every source and destination, by name. Immutable. */
public final class ConnectorRegistry {
  private final Map<String, ConnectorMetadata> byName;

  private ConnectorRegistry(Map<String, ConnectorMetadata> byName) {
    this.byName = byName;
  }

  /** Parses the registry JSON ({@code {"sources": [...], "destinations": [...]}}). */
  public static ConnectorRegistry parse(JsonNode registry) {
    if (!registry.isObject() || (!registry.has("sources") && !registry.has("destinations"))) {
      throw new RegistryError(
          "The registry document has neither 'sources' nor 'destinations'.",
          "Point AIRBYTE_LOCAL_REGISTRY or AIRBYTE_REGISTRY_URL at an Airbyte registry JSON (oss_registry.json).");
    }
    Map<String, ConnectorMetadata> byName = new LinkedHashMap<>();
    for (ConnectorType type : ConnectorType.values()) {
      for (JsonNode entry : registry.path(type.docsSegment())) {
        ConnectorMetadata metadata = RegistryEntryParser.parse(entry, type);
        if (metadata != null) {
          byName.put(metadata.name(), metadata);
        }
      }
    }
    return new ConnectorRegistry(Map.copyOf(byName));
  }

  public Optional<ConnectorMetadata> find(String name) {
    return Optional.ofNullable(byName.get(name == null ? null : name.strip()));
  }

  public ConnectorMetadata require(String name) {
    return find(name).orElseThrow(() -> RegistryError.notFound(name, byName.keySet()));
  }

  public Collection<ConnectorMetadata> all() {
    return byName.values();
  }

  /**
   * Names matching every given filter, sorted. {@code installTypes} keeps connectors that have any
   * of them; the keyword matches anywhere in the name, ignoring case.
   */
  public List<String> names(
      Optional<String> keyword, Optional<ConnectorType> type, Set<InstallType> installTypes) {
    Set<String> names = new LinkedHashSet<>();
    for (ConnectorMetadata c : byName.values()) {
      if (keyword.isPresent()
          && !c.name().toLowerCase(Locale.ROOT).contains(keyword.get().toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (type.isPresent() && c.connectorType() != type.get()) {
        continue;
      }
      if (!installTypes.isEmpty() && installTypes.stream().noneMatch(c.installTypes()::contains)) {
        continue;
      }
      names.add(c.name());
    }
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(null);
    return sorted;
  }
}
