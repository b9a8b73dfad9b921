package airbytemcp.registry;

import static airbytemcp.testing.RegistrySnapshot.any;
import static airbytemcp.testing.RegistrySnapshot.language;
import static airbytemcp.testing.RegistrySnapshot.onPypi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Parsing and filtering the real registry snapshot, against counts read from the raw data. */
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
  }

  @Test
  void severalInstallTypesKeepConnectorsWithAnyOfThem() {
    assertEquals(
        RegistrySnapshot.count(language("manifest-only").or(onPypi())),
        count(Optional.empty(), EnumSet.of(InstallType.YAML, InstallType.PYTHON)),
        "connectors that are manifest-only or on PyPI");
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
    assertTrue(
        postgres.installTypes().contains(InstallType.JAVA),
        "expected " + InstallType.JAVA + " in: " + postgres.installTypes());
  }

  @Test
  void connectorsWithoutPrefixTakeTheirTypeFromTheirSection() {
    assertEquals(ConnectorType.SOURCE, registry.require("airbyte-jenkins-source").connectorType());
  }

  @Test
  void unknownConnectorIsAClearError() {
    RegistryError e =
        assertThrows(RegistryError.class, () -> registry.require("source-does-not-exist"));
    assertTrue(
        e.getMessage().contains("source-does-not-exist"),
        "expected source-does-not-exist in: " + e.getMessage());
    assertTrue(e.hint().contains("list_connectors"), "expected list_connectors in: " + e.hint());
  }

  @Test
  void aDocumentThatIsNotARegistryIsRefused() {
    assertThrows(RegistryError.class, () -> ConnectorRegistry.parse(Json.parse("{\"foo\": []}")));
  }
}
