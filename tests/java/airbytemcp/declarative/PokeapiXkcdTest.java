package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PokeapiXkcdTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static final String DITTO =
      """
      {"id": 132, "name": "ditto", "base_experience": 101, "height": 3, "weight": 40, "is_default": true,
       "order": 214, "abilities": [{"ability": {"name": "limber", "url": "https://pokeapi.co/api/v2/ability/7/"},
       "is_hidden": false, "slot": 1}], "types": [{"slot": 1, "type": {"name": "normal",
       "url": "https://pokeapi.co/api/v2/type/1/"}}], "stats": [], "moves": [], "forms": [], "game_indices": [],
       "held_items": [], "species": {"name": "ditto", "url": "https://pokeapi.co/api/v2/pokemon-species/132/"},
       "sprites": {"front_default": null}, "location_area_encounters": "https://pokeapi.co/api/v2/pokemon/132/encounters"}
      """;

  private static String comic(int num) {
    return "{\"month\": \"1\", \"num\": "
        + num
        + ", \"link\": \"\", \"year\": \"2006\", \"news\": \"\","
        + " \"safe_title\": \"Comic "
        + num
        + "\", \"transcript\": \"\", \"alt\": \"alt "
        + num
        + "\","
        + " \"img\": \"https://imgs.xkcd.com/comics/c"
        + num
        + ".jpg\", \"title\": \"Comic "
        + num
        + "\", \"day\": \"1\"}";
  }

  @Test
  void pokeapiReadsThePokemonTheConfigNames() {
    api.server.stubFor(get("/api/v2/pokemon/ditto").willReturn(okJson(DITTO)));
    JsonNode config = Json.parse("{\"pokemon_name\": \"ditto\"}");
    FakeApi.Output out =
        FakeApi.read(
            api.connector("source-pokeapi"),
            config,
            FakeApi.catalog("full_refresh", "pokemon"),
            null);
    List<JsonNode> records = out.records("pokemon");
    assertEquals(1, records.size());
    assertEquals(132, records.get(0).path("id").asInt());
    assertEquals("limber", records.get(0).at("/abilities/0/ability/name").asText());
  }

  @Test
  void pokeapiCheckSucceedsAgainstTheApiAndFailsWhenTheApiDoesNotKnowThePokemon() {
    api.server.stubFor(get("/api/v2/pokemon/ditto").willReturn(okJson(DITTO)));
    api.server.stubFor(
        get("/api/v2/pokemon/mew").willReturn(aResponse().withStatus(404).withBody("Not Found")));
    DeclarativeConnector c = api.connector("source-pokeapi");
    assertEquals(
        "SUCCEEDED", c.check(Json.parse("{\"pokemon_name\": \"ditto\"}")).path("status").asText());
    JsonNode failed = c.check(Json.parse("{\"pokemon_name\": \"mew\"}"));
    assertEquals("FAILED", failed.path("status").asText());
    assertTrue(failed.path("message").asText().contains("404"), failed.toString());
  }

  @Test
  void aConfigTheSpecRefusesFailsTheCheckBeforeAnyRequest() {
    JsonNode failed =
        api.connector("source-pokeapi").check(Json.parse("{\"pokemon_name\": \"Not A Pokemon\"}"));
    assertEquals("FAILED", failed.path("status").asText());
    assertTrue(failed.path("message").asText().contains("/pokemon_name"), failed.toString());
    assertEquals(0, api.server.getAllServeEvents().size());
  }

  @Test
  void pokeapiSpecAndCatalogComeFromTheManifest() {
    DeclarativeConnector c = api.connector("source-pokeapi");
    assertEquals("pokemon_name", c.spec().at("/connectionSpecification/required/0").asText());
    JsonNode stream = c.discover(Json.parse("{\"pokemon_name\": \"ditto\"}")).at("/streams/0");
    assertEquals("pokemon", stream.path("name").asText());
    assertEquals("[[\"id\"]]", stream.path("source_defined_primary_key").toString());
    assertTrue(stream.at("/json_schema/properties").has("base_experience"));
    assertEquals("[\"full_refresh\"]", stream.path("supported_sync_modes").toString());
  }

  @Test
  void xkcdFollowsTheRequestPathCursorUntilTheIgnored404() {
    for (int i = 1; i <= 3; i++) {
      api.server.stubFor(get("/" + i + "/info.0.json").willReturn(okJson(comic(i))));
    }
    api.server.stubFor(
        get("/4/info.0.json").willReturn(aResponse().withStatus(404).withBody("<html>404</html>")));
    FakeApi.Output out =
        FakeApi.read(
            api.connector("source-xkcd"),
            Json.parse("{}"),
            FakeApi.catalog("full_refresh", "xkcd"),
            null);
    List<JsonNode> records = out.records("xkcd");
    assertEquals(List.of(1, 2, 3), records.stream().map(r -> r.path("num").asInt()).toList());
    api.server.verify(1, getRequestedFor(urlEqualTo("/4/info.0.json")));
  }

  @Test
  void xkcdRetriesServerErrorsWithExponentialBackoff() {
    api.server.stubFor(
        get("/7/info.0.json")
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("second"));
    api.server.stubFor(
        get("/7/info.0.json")
            .inScenario("flaky")
            .whenScenarioStateIs("second")
            .willReturn(aResponse().withStatus(502))
            .willSetStateTo("ok"));
    api.server.stubFor(
        get("/7/info.0.json")
            .inScenario("flaky")
            .whenScenarioStateIs("ok")
            .willReturn(okJson(comic(7))));
    api.server.stubFor(get("/8/info.0.json").willReturn(aResponse().withStatus(404)));
    FakeApi.Output out =
        FakeApi.read(
            api.connector("source-xkcd"),
            Json.parse("{\"comic_number\": \"7\"}"),
            FakeApi.catalog("full_refresh", "xkcd"),
            null);
    assertEquals(1, out.records("xkcd").size());
    assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(10)), api.sleeps);
    api.server.verify(3, getRequestedFor(urlEqualTo("/7/info.0.json")));
  }
}
