package airbytemcp.registry;

import static airbytemcp.testing.RegistrySnapshot.any;
import static airbytemcp.testing.RegistrySnapshot.language;
import static airbytemcp.testing.RegistrySnapshot.onPypi;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import airbytemcp.testing.RegistrySnapshot;
import airbytemcp.testing.SharedData;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real registry snapshot in ../shared parses whole and its filters count what the raw data says
 * (counted here from the JSON itself, not pinned); the behaviours themselves are specified on the
 * project's fixture in {@link ConnectorRegistryTest}.
 */
class ConnectorRegistrySnapshotTest {
  private static ConnectorRegistry registry;

  @BeforeAll
  static void parseSnapshot() throws IOException {
    registry =
        ConnectorRegistry.parse(Json.MAPPER.readTree(SharedData.registrySnapshot().toFile()));
  }

  private static int count(Optional<ConnectorType> type, Set<InstallType> installTypes) {
    return registry.names(Optional.empty(), type, installTypes).size();
  }

  @Test
  void everySourceAndDestinationIsParsed() {
    assertEquals(RegistrySnapshot.count(any()), registry.all().size(), "connectors parsed");
    assertEquals(
        RegistrySnapshot.count("sources", any()),
        count(Optional.of(ConnectorType.SOURCE), Set.of()),
        "sources parsed");
    assertEquals(
        RegistrySnapshot.count("destinations", any()),
        count(Optional.of(ConnectorType.DESTINATION), Set.of()),
        "destinations parsed");
  }

  @Test
  void installTypeFiltersCountWhatTheRegistrySays() {
    assertEquals(
        RegistrySnapshot.count(language("manifest-only")),
        count(Optional.empty(), EnumSet.of(InstallType.YAML)),
        "manifest-only connectors");
    assertEquals(
        RegistrySnapshot.count(onPypi()),
        count(Optional.empty(), EnumSet.of(InstallType.PYTHON)),
        "connectors on PyPI");
    assertEquals(
        RegistrySnapshot.count(language("java")),
        count(Optional.empty(), EnumSet.of(InstallType.JAVA)),
        "Java connectors");
    assertEquals(
        RegistrySnapshot.count(any()),
        count(Optional.empty(), EnumSet.of(InstallType.DOCKER)),
        "every connector runs on Docker");
    assertEquals(
        RegistrySnapshot.count(language("manifest-only").or(onPypi())),
        count(Optional.empty(), EnumSet.of(InstallType.YAML, InstallType.PYTHON)),
        "connectors that are manifest-only or on PyPI");
  }

  @Test
  void connectorsWithoutPrefixTakeTheirTypeFromTheirSection() {
    assertEquals(ConnectorType.SOURCE, registry.require("airbyte-jenkins-source").connectorType());
  }

  @Test
  void wordsOfARealTitleFindConnectorsWhoseNameLacksThem() {
    assertEquals(
        "source-mssql",
        registry
            .names(Optional.of("sql server"), Optional.of(ConnectorType.SOURCE), Set.of())
            .get(0),
        "'Microsoft SQL Server (MSSQL)'");
    assertEquals(
        List.of("source-google-analytics-data-api"),
        registry.names(Optional.of("ga4"), Optional.empty(), Set.of()),
        "'Google Analytics 4 (GA4)'");
  }
}
