package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The project's own declarative manifest run against the fixture API's recorded answers: the
 * authenticator, paginator, record filter, transformation and substream router each do their part.
 * Runs without ../shared; where ../shared has Airbyte's component schema the manifest is also
 * validated against it.
 */
class FixtureManifestTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private DeclarativeConnector connector() {
    FixtureManifests.serve(api.server);
    return DeclarativeConnector.of(
        SharedManifests.loaderValidatingWhereAvailable().fromPath(FixtureManifests.manifest()),
        api.options());
  }

  private static JsonNode config(String key) {
    return Json.object().put("api_key", key);
  }

  private static List<String> titles(List<JsonNode> records) {
    return records.stream().map(r -> r.path("title").asText()).toList();
  }

  @Test
  void readsEveryPageWithTheKeyInItsHeaderAndDropsFilteredRecords() {
    FakeApi.Output out =
        FakeApi.read(
            connector(),
            config(FixtureManifests.API_KEY),
            FakeApi.catalog("full_refresh", "items"),
            null);
    assertEquals(
        List.of("First item", "Third item", "Last item"),
        titles(out.records("items")),
        "both pages are read, and the draft is filtered out");
    api.server.verify(
        getRequestedFor(urlPathEqualTo("/v1/items"))
            .withQueryParam("cursor", equalTo("c-2"))
            .withQueryParam("kind", equalTo("all")));
  }

  @Test
  void addsTheConfiguredFieldToEachRecord() {
    FakeApi.Output out =
        FakeApi.read(
            connector(),
            config(FixtureManifests.API_KEY),
            FakeApi.catalog("full_refresh", "items"),
            null);
    assertTrue(
        out.records("items").stream()
            .allMatch(r -> r.path("origin").asText().equals("fixture-api")),
        out.records("items").toString());
  }

  @Test
  void aSubstreamReadsTheNotesOfEachParentItem() {
    FakeApi.Output out =
        FakeApi.read(
            connector(),
            config(FixtureManifests.API_KEY),
            FakeApi.catalog("full_refresh", "notes"),
            null);
    assertEquals(
        List.of("Sharp", "Heavy", "Long read"),
        out.records("notes").stream().map(r -> r.path("text").asText()).toList(),
        "the notes of items 1, 3 and 4 (none); the filtered draft has no partition");
    api.server.verify(0, getRequestedFor(urlPathEqualTo("/v1/items/2/notes")));
  }

  @Test
  void checkSucceedsWithTheRightKeyAndFailsWithoutEchoingAWrongOne() {
    DeclarativeConnector c = connector();
    assertEquals("SUCCEEDED", c.check(config(FixtureManifests.API_KEY)).path("status").asText());
    JsonNode refused = c.check(config("wrong-key-Zx81"));
    assertEquals("FAILED", refused.path("status").asText(), refused.toString());
    assertFalse(refused.toString().contains("wrong-key-Zx81"), refused.toString());
  }

  @Test
  void specAndCatalogComeFromTheManifest() {
    DeclarativeConnector c = connector();
    assertTrue(
        c.spec().at("/connectionSpecification/properties/api_key/airbyte_secret").asBoolean(),
        c.spec().toString());
    JsonNode streams = c.discover(config(FixtureManifests.API_KEY)).path("streams");
    assertEquals(
        List.of("items", "notes"),
        List.of(streams.get(0).path("name").asText(), streams.get(1).path("name").asText()));
    assertTrue(
        streams.get(0).at("/json_schema/properties/title").isObject(), streams.get(0).toString());
  }
}
