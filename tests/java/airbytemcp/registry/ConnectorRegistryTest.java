package airbytemcp.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.testing.SharedData;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Parsing and filtering the real registry snapshot (591 sources, 56 destinations). */
class ConnectorRegistryTest {
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
    assertEquals(647, registry.all().size());
    assertEquals(591, count(Optional.of(ConnectorType.SOURCE), Set.of()));
    assertEquals(56, count(Optional.of(ConnectorType.DESTINATION), Set.of()));
  }

  @Test
  void installTypeFiltersCountWhatTheRegistrySays() {
    assertEquals(499, count(Optional.empty(), EnumSet.of(InstallType.YAML)));
    assertEquals(64, count(Optional.empty(), EnumSet.of(InstallType.PYTHON)));
    assertEquals(54, count(Optional.empty(), EnumSet.of(InstallType.JAVA)));
    assertEquals(647, count(Optional.empty(), EnumSet.of(InstallType.DOCKER)));
  }

  @Test
  void severalInstallTypesKeepConnectorsWithAnyOfThem() {
    assertEquals(563, count(Optional.empty(), EnumSet.of(InstallType.YAML, InstallType.PYTHON)));
  }

  @Test
  void keywordMatchesAnywhereIgnoringCaseAndResultsAreSorted() {
    assertEquals(
        List.of("destination-postgres", "source-postgres"),
        registry.names(Optional.of("PostGres"), Optional.empty(), Set.of()));
  }

  @Test
  void filtersCombine() {
    assertEquals(
        List.of("source-postgres"),
        registry.names(Optional.of("postgres"), Optional.of(ConnectorType.SOURCE), Set.of()));
  }

  @Test
  void entriesAreLiftedIntoMetadata() {
    ConnectorMetadata pokeapi = registry.require("source-pokeapi");
    assertEquals("manifest-only", pokeapi.language());
    assertTrue(pokeapi.isManifestOnly());
    assertEquals(ConnectorType.SOURCE, pokeapi.connectorType());
    assertEquals("pokeapi", pokeapi.shortName());
    ConnectorMetadata postgres = registry.require("destination-postgres");
    assertEquals(ConnectorType.DESTINATION, postgres.connectorType());
    assertTrue(postgres.installTypes().contains(InstallType.JAVA));
  }

  @Test
  void connectorsWithoutPrefixTakeTheirTypeFromTheirSection() {
    assertEquals(ConnectorType.SOURCE, registry.require("airbyte-jenkins-source").connectorType());
  }

  @Test
  void unknownConnectorIsAClearError() {
    RegistryError e =
        assertThrows(RegistryError.class, () -> registry.require("source-does-not-exist"));
    assertTrue(e.getMessage().contains("source-does-not-exist"));
    assertTrue(e.hint().contains("list_connectors"));
  }

  @Test
  void aDocumentThatIsNotARegistryIsRefused() {
    assertThrows(RegistryError.class, () -> ConnectorRegistry.parse(Json.parse("{\"foo\": []}")));
  }
}
