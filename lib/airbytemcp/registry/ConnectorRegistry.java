package airbytemcp.registry;

import airbytemcp.common.CloseNames;
import airbytemcp.common.Plural;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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

  /** Up to three names close to {@code name} ("did you mean"), closest first. */
  public List<String> closeNames(String name) {
    return CloseNames.closest(name, byName.keySet(), 3);
  }

  public ConnectorMetadata require(String name) {
    return find(name).orElseThrow(() -> RegistryError.notFound(name, byName.keySet()));
  }

  public Collection<ConnectorMetadata> all() {
    return byName.values();
  }

  /**
   * Names matching every given filter: those whose name holds the keyword first, then those whose
   * title (the registry's display name or the spec's title) holds each of its words, each group
   * sorted. {@code installTypes} keeps connectors that have any of them; case is ignored.
   */
  public List<String> names(
      Optional<String> keyword, Optional<ConnectorType> type, Set<InstallType> installTypes) {
    return search(keyword, type, installTypes).names();
  }

  /** What a search found, and when it found nothing, what was searched and what to try. */
  public record Search(List<String> names, Optional<String> whyNone) {}

  /** {@link #names}, with a note when nothing matched. */
  public Search search(
      Optional<String> keyword, Optional<ConnectorType> type, Set<InstallType> installTypes) {
    Optional<String> key =
        keyword.map(k -> k.strip().toLowerCase(Locale.ROOT)).filter(k -> !k.isEmpty());
    List<String> found = matching(key, type, installTypes);
    if (!found.isEmpty() || key.isEmpty()) {
      return new Search(found, Optional.empty());
    }
    return new Search(found, Optional.of(whyNone(key.get(), type, installTypes)));
  }

  private List<String> matching(
      Optional<String> key, Optional<ConnectorType> type, Set<InstallType> installTypes) {
    List<String> nameHits = new ArrayList<>();
    List<String> titleHits = new ArrayList<>();
    for (ConnectorMetadata c : byName.values()) {
      if (type.isPresent() && c.connectorType() != type.get()) {
        continue;
      }
      if (!installTypes.isEmpty() && installTypes.stream().noneMatch(c.installTypes()::contains)) {
        continue;
      }
      if (key.isEmpty() || nameHolds(c, key.get())) {
        nameHits.add(c.name());
      } else if (titleHolds(c, key.get())) {
        titleHits.add(c.name());
      }
    }
    nameHits.sort(null);
    titleHits.sort(null);
    nameHits.addAll(titleHits);
    return nameHits;
  }

  /** "google sheets" and "google_sheets" find source-google-sheets. */
  private static boolean nameHolds(ConnectorMetadata c, String key) {
    return c.name().toLowerCase(Locale.ROOT).contains(key.replaceAll("[\\s_]+", "-"));
  }

  /** Every word of the keyword is in the name or a title: "sql server" finds source-mssql. */
  private static boolean titleHolds(ConnectorMetadata c, String key) {
    String titles =
        (c.name()
                + " "
                + Objects.toString(c.displayName(), "")
                + " "
                + (c.entry() == null
                    ? ""
                    : c.entry()
                        .path("spec")
                        .path("connectionSpecification")
                        .path("title")
                        .asText()))
            .toLowerCase(Locale.ROOT);
    List<String> words =
        Arrays.stream(key.split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toList();
    return !words.isEmpty() && words.stream().allMatch(titles::contains);
  }

  private String whyNone(String key, Optional<ConnectorType> type, Set<InstallType> installTypes) {
    String searched = "No connector's name or title contains '" + key + "'";
    List<String> unfiltered = matching(Optional.of(key), Optional.empty(), Set.of());
    if (!unfiltered.isEmpty()) {
      List<String> filters = new ArrayList<>();
      type.ifPresent(t -> filters.add("connector_type_filter=" + t.id()));
      if (!installTypes.isEmpty()) {
        filters.add(
            "install_types="
                + String.join(",", installTypes.stream().map(InstallType::id).sorted().toList()));
      }
      return searched
          + " among those the filters keep ("
          + String.join(", ", filters)
          + "); without them "
          + Plural.of(unfiltered.size(), "connector")
          + " match: "
          + String.join(", ", unfiltered.subList(0, Math.min(5, unfiltered.size())))
          + (unfiltered.size() > 5 ? ", ..." : "")
          + ". Drop or change the filters to see them.";
    }
    List<String> close = CloseNames.closest(key, byName.keySet(), 3);
    return searched
        + "."
        + (close.isEmpty() ? "" : " Close names: " + String.join(", ", close) + ".")
        + " Try a shorter keyword (one word, e.g. 'postgres' or 'google'), or leave keyword_filter"
        + " out to list all "
        + Plural.of(byName.size(), "connector")
        + ".";
  }
}
