package airbytemcp.views;

import airbytemcp.registry.ConnectorMetadata;
import airbytemcp.registry.ConnectorRegistry;
import airbytemcp.registry.ConnectorType;
import airbytemcp.registry.InstallType;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** The public connector catalog, filtered the way the connector list view asks. */
public final class ConnectorCatalog {
  /** What to show; empty optionals and {@code limit} 0 mean no filter. */
  public record Query(
      Optional<String> supportLevel,
      boolean certified,
      Optional<String> minSupportLevel,
      Optional<String> connectorType,
      Optional<String> search,
      int limit) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Row(
      String name,
      String displayName,
      String connectorType,
      String subtype,
      String supportLevel,
      String supportLabel,
      String releaseStage,
      String latestVersion,
      List<String> installTypes,
      String documentationUrl,
      String definitionId,
      String dockerRepository) {}

  /** The rows, sorted by name, and the filters that chose them as they were understood. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Listing(
      int connectorCount,
      int sourceCount,
      int destinationCount,
      Filters filters,
      List<Row> connectors) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Filters(
      String supportLevel,
      String minSupportLevel,
      String connectorType,
      String search,
      int limit) {}

  private ConnectorCatalog() {}

  public static Listing list(ConnectorRegistry registry, Query query) {
    if (query.limit() < 0) {
      throw new ViewError(
          "limit must be 0 or more.", "Pass 0 for no limit, or the number of connectors to show.");
    }
    Optional<SupportLevel> exact =
        query.supportLevel().map(l -> SupportLevel.parse(l, "support_level"));
    if (query.certified()) {
      if (exact.isPresent()) {
        throw new ViewError(
            "certified=true and support_level both choose a support level.",
            "Pass only one of them (certified=true means support_level='certified').");
      }
      exact = Optional.of(SupportLevel.CERTIFIED);
    }
    Optional<SupportLevel> minimum =
        query.minSupportLevel().map(l -> SupportLevel.parse(l, "min_support_level"));
    if (exact.isPresent() && minimum.isPresent()) {
      throw new ViewError(
          "An exact support level and min_support_level cannot be combined.",
          "Pass support_level (or certified=true) for one level, or min_support_level for that level and above.");
    }
    Optional<ConnectorType> type = query.connectorType().map(ConnectorCatalog::type);
    String needle = query.search().map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
    Optional<SupportLevel> wanted = exact;
    Stream<ConnectorMetadata> matching =
        registry.all().stream()
            .filter(c -> type.isEmpty() || c.connectorType() == type.get())
            .filter(c -> wanted.isEmpty() || SupportLevel.of(c.supportLevel()).equals(wanted))
            .filter(
                c ->
                    minimum.isEmpty()
                        || SupportLevel.of(c.supportLevel())
                            .map(l -> l.rank() >= minimum.get().rank())
                            .orElse(false))
            .filter(c -> needle.isEmpty() || searchText(c).contains(needle))
            .sorted(Comparator.comparing(ConnectorMetadata::name));
    List<Row> rows =
        (query.limit() > 0 ? matching.limit(query.limit()) : matching)
            .map(ConnectorCatalog::row)
            .toList();
    int sources =
        (int)
            rows.stream().filter(r -> r.connectorType().equals(ConnectorType.SOURCE.id())).count();
    Filters filters =
        new Filters(
            exact.map(SupportLevel::id).orElse(null),
            minimum.map(SupportLevel::id).orElse(null),
            type.map(ConnectorType::id).orElse(null),
            query.search().orElse(null),
            query.limit());
    return new Listing(rows.size(), sources, rows.size() - sources, filters, rows);
  }

  private static ConnectorType type(String value) {
    return Stream.of(ConnectorType.values())
        .filter(t -> t.id().equalsIgnoreCase(value.strip()))
        .findFirst()
        .orElseThrow(
            () ->
                new ViewError(
                    "Unknown connector_type '" + value + "'.", "Use source or destination."));
  }

  private static String searchText(ConnectorMetadata c) {
    return String.join(
            "\n",
            Stream.of(
                    c.name(),
                    c.displayName(),
                    c.definitionId(),
                    c.dockerRepository(),
                    c.sourceType(),
                    c.documentationUrl())
                .map(v -> v == null ? "" : v)
                .toList())
        .toLowerCase(Locale.ROOT);
  }

  private static Row row(ConnectorMetadata c) {
    return new Row(
        c.name(),
        c.displayName(),
        c.connectorType().id(),
        c.sourceType(),
        c.supportLevel(),
        SupportLevel.label(c.supportLevel()),
        c.releaseStage(),
        c.latestVersion(),
        c.installTypes().stream().map(InstallType::id).sorted().toList(),
        c.documentationUrl(),
        c.definitionId(),
        c.dockerRepository());
  }
}
