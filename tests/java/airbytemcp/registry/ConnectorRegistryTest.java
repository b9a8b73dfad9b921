package airbytemcp.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.testing.TestResources;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parsing and filtering a registry, on the project's fixture (tests/resources/registry: five
 * sources and three destinations in the registry's schema). {@link ConnectorRegistrySnapshotTest}
 * does the same counts on Airbyte's real snapshot where ../shared has it.
 */
class ConnectorRegistryTest {
  private static ConnectorRegistry registry;

  @BeforeAll
  static void parseFixture() throws IOException {
    registry = ConnectorRegistry.parse(Json.MAPPER.readTree(TestResources.registry().toFile()));
  }

  private static List<String> names(Optional<ConnectorType> type, Set<InstallType> installTypes) {
    return registry.names(Optional.empty(), type, installTypes);
  }

  @Test
  void everySourceAndDestinationIsParsed() {
    assertEquals(8, registry.all().size(), "the fixture has 8 connectors");
    assertEquals(
        List.of(
            "source-faker",
            "source-fixture-declarative",
            "source-github",
            "source-postgres",
            "source-stripe"),
        names(Optional.of(ConnectorType.SOURCE), Set.of()));
    assertEquals(
        List.of("destination-dev-null", "destination-duckdb", "destination-postgres"),
        names(Optional.of(ConnectorType.DESTINATION), Set.of()));
  }

  @Test
  void installTypesFollowLanguageAndRemoteRegistries() {
    assertEquals(
        List.of("source-fixture-declarative"),
        names(Optional.empty(), EnumSet.of(InstallType.YAML)),
        "manifest-only connectors install as YAML");
    assertEquals(
        List.of("destination-duckdb", "source-faker", "source-github", "source-stripe"),
        names(Optional.empty(), EnumSet.of(InstallType.PYTHON)),
        "connectors published to PyPI install with Python");
    assertEquals(
        List.of("destination-dev-null", "destination-postgres", "source-postgres"),
        names(Optional.empty(), EnumSet.of(InstallType.JAVA)));
    assertEquals(
        8,
        names(Optional.empty(), EnumSet.of(InstallType.DOCKER)).size(),
        "every one has an image");
  }

  @Test
  void severalInstallTypesKeepConnectorsWithAnyOfThem() {
    assertEquals(
        List.of(
            "destination-dev-null",
            "destination-postgres",
            "source-fixture-declarative",
            "source-postgres"),
        names(Optional.empty(), EnumSet.of(InstallType.YAML, InstallType.JAVA)));
  }

  @Test
  void keywordMatchesAnywhereIgnoringCaseAndResultsAreSorted() {
    assertEquals(
        List.of("destination-postgres", "source-postgres"),
        registry.names(Optional.of("PostGres"), Optional.empty(), Set.of()));
  }

  @Test
  void aKeywordAlsoFindsTitlesAfterTheNamesThatHoldIt() {
    assertEquals(
        List.of("source-fixture-declarative", "source-faker", "source-github", "source-stripe"),
        registry.names(Optional.of("fixture"), Optional.empty(), Set.of()),
        "the name match first, then the three whose spec title is 'Fixture ... Spec'");
  }

  @Test
  void aKeywordInTheDisplayNameFindsAConnectorWhoseNameLacksIt() {
    assertEquals(
        List.of("source-faker"), registry.names(Optional.of("Sample"), Optional.empty(), Set.of()));
  }

  @Test
  void aKeywordOfSeveralWordsMatchesNamesAndTitlesWordByWord() {
    assertEquals(
        List.of("destination-dev-null"),
        registry.names(Optional.of("dev null"), Optional.empty(), Set.of()),
        "words joined by '-' as in the name");
    assertEquals(
        List.of("destination-dev-null"),
        registry.names(Optional.of("testing end"), Optional.empty(), Set.of()),
        "each word somewhere in 'End-to-End Testing (/dev/null)'");
  }

  @Test
  void anEmptySearchNamesTheFilterThatExcludedTheMatches() {
    ConnectorRegistry.Search search =
        registry.search(Optional.of("postgres"), Optional.empty(), Set.of(InstallType.YAML));
    assertEquals(List.of(), search.names());
    String why = search.whyNone().orElseThrow();
    assertTrue(
        why.contains("'postgres'")
            && why.contains("install_types=yaml")
            && why.contains("destination-postgres, source-postgres"),
        why);
  }

  @Test
  void anEmptySearchWithoutFiltersSuggestsCloseNamesAndAShorterKeyword() {
    String why =
        registry.search(Optional.of("stripee"), Optional.empty(), Set.of()).whyNone().orElseThrow();
    assertTrue(
        why.contains("'stripee'") && why.contains("source-stripe") && why.contains("shorter"), why);
  }

  @Test
  void aSearchThatFindsSomethingHasNoNote() {
    assertTrue(
        registry.search(Optional.of("stripe"), Optional.empty(), Set.of()).whyNone().isEmpty());
  }

  @Test
  void filtersCombine() {
    assertEquals(
        List.of("source-postgres"),
        registry.names(Optional.of("postgres"), Optional.of(ConnectorType.SOURCE), Set.of()));
  }

  @Test
  void entriesAreLiftedIntoMetadata() {
    ConnectorMetadata declarative = registry.require("source-fixture-declarative");
    assertEquals("manifest-only", declarative.language());
    assertTrue(declarative.isManifestOnly());
    assertEquals(ConnectorType.SOURCE, declarative.connectorType());
    assertEquals("fixture-declarative", declarative.shortName());
    ConnectorMetadata postgres = registry.require("destination-postgres");
    assertEquals(ConnectorType.DESTINATION, postgres.connectorType());
    assertTrue(
        postgres.installTypes().contains(InstallType.JAVA),
        "expected " + InstallType.JAVA + " in: " + postgres.installTypes());
    assertEquals(
        Optional.of("airbyte-source-faker"), registry.require("source-faker").pypiPackageName());
  }

  @Test
  void connectorsWithoutPrefixTakeTheirTypeFromTheirSection() {
    ConnectorRegistry odd =
        ConnectorRegistry.parse(
            Json.parse(
                """
                {"sources": [{"dockerRepository": "airbyte/airbyte-jenkins-source",
                              "dockerImageTag": "0.1.0", "name": "Jenkins"}],
                 "destinations": [{"dockerRepository": "airbyte/airbyte-sink",
                                   "dockerImageTag": "0.1.0", "name": "Sink"}]}
                """));
    assertEquals(ConnectorType.SOURCE, odd.require("airbyte-jenkins-source").connectorType());
    assertEquals(ConnectorType.DESTINATION, odd.require("airbyte-sink").connectorType());
  }

  @Test
  void unknownConnectorIsAClearError() {
    RegistryError e =
        assertThrows(RegistryError.class, () -> registry.require("source-does-not-exist"));
    assertTrue(
        e.getMessage().contains("source-does-not-exist"),
        "expected " + "source-does-not-exist" + " in: " + e.getMessage());
    assertTrue(
        e.hint().contains("list_connectors"), "expected " + "list_connectors" + " in: " + e.hint());
  }

  @Test
  void aDocumentThatIsNotARegistryIsRefused() {
    assertThrows(RegistryError.class, () -> ConnectorRegistry.parse(Json.parse("{\"foo\": []}")));
  }
}
