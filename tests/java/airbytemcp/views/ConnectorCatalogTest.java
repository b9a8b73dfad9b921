package airbytemcp.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.registry.ConnectorRegistry;
import airbytemcp.testing.TestResources;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connector list view's filters, on the project's registry fixture (tests/resources/registry).
 */
class ConnectorCatalogTest {
  static ConnectorRegistry registry;

  @BeforeAll
  static void load() throws Exception {
    registry = ConnectorRegistry.parse(Json.parse(Files.readString(TestResources.registry())));
  }

  private static ConnectorCatalog.Query query(
      String level, boolean certified, String min, String type, String search, int limit) {
    return new ConnectorCatalog.Query(
        Optional.ofNullable(level),
        certified,
        Optional.ofNullable(min),
        Optional.ofNullable(type),
        Optional.ofNullable(search),
        limit);
  }

  @Test
  void acceptsSupportLevelsByNumber() {
    ConnectorCatalog.Listing byName =
        ConnectorCatalog.list(registry, query("certified", false, null, null, null, 0));
    ConnectorCatalog.Listing byNumber =
        ConnectorCatalog.list(registry, query("300", false, null, null, null, 0));
    assertEquals(byName.connectors(), byNumber.connectors());
    assertTrue(byName.connectorCount() > 0, "the fixture has certified connectors");
    assertTrue(byName.connectors().stream().allMatch(r -> r.supportLevel().equals("certified")));
  }

  @Test
  void minimumLevelKeepsThatLevelAndBetter() {
    int all =
        ConnectorCatalog.list(registry, query(null, false, null, null, null, 0)).connectorCount();
    int community =
        ConnectorCatalog.list(registry, query("community", false, null, null, null, 0))
            .connectorCount();
    int certified =
        ConnectorCatalog.list(registry, query(null, true, null, null, null, 0)).connectorCount();
    int atLeastCommunity =
        ConnectorCatalog.list(registry, query(null, false, "community", null, null, 0))
            .connectorCount();
    assertTrue(community > 0 && certified > 0, "the fixture has both levels");
    assertEquals(community + certified, atLeastCommunity);
    assertTrue(atLeastCommunity <= all);
  }

  @Test
  void searchLooksBeyondTheName() {
    ConnectorCatalog.Listing byDocs =
        ConnectorCatalog.list(
            registry, query(null, false, null, null, "integrations/destinations/duckdb", 0));
    assertEquals("destination-duckdb", byDocs.connectors().get(0).name());
    String definitionId = byDocs.connectors().get(0).definitionId();
    ConnectorCatalog.Listing byId =
        ConnectorCatalog.list(registry, query(null, false, null, null, definitionId, 0));
    assertEquals(1, byId.connectorCount());
  }

  @Test
  void limitKeepsTheFirstByName() {
    ConnectorCatalog.Listing listing =
        ConnectorCatalog.list(registry, query(null, false, null, "source", null, 3));
    assertEquals(3, listing.connectorCount());
    assertTrue(
        listing.connectors().get(0).name().compareTo(listing.connectors().get(1).name()) < 0);
  }

  @Test
  void refusesUnknownLevelsNamingTheValidOnes() {
    ViewError e =
        assertThrows(
            ViewError.class,
            () -> ConnectorCatalog.list(registry, query("gold", false, null, null, null, 0)));
    assertTrue(e.hint().contains("archived (100), community (200) or certified (300)"), e.hint());
  }

  @Test
  void refusesAnExactLevelWithAMinimum() {
    assertThrows(
        ViewError.class,
        () ->
            ConnectorCatalog.list(registry, query("community", false, "archived", null, null, 0)));
  }

  @Test
  void refusesANegativeLimit() {
    assertThrows(
        ViewError.class,
        () -> ConnectorCatalog.list(registry, query(null, false, null, null, null, -1)));
  }
}
