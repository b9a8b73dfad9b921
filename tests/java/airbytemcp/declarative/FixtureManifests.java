package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import airbytemcp.testing.TestResources;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The project's own manifests (tests/resources/declarative), written to exercise declarative
 * components without ../shared, and the fixture API's recorded answers for them.
 */
final class FixtureManifests {
  /** The key the fixture API accepts; any other is refused with 401. */
  static final String API_KEY = "fixture-key-7Hq2";

  /**
   * The config a tool test gives: no key (tools refuse a literal secret, and a manifest the agent
   * names gets no secrets by default), so such tests serve the API with {@link #serveOpen}.
   */
  static final Map<String, Object> TOOL_CONFIG = Map.of("item_kind", "all");

  private FixtureManifests() {}

  /**
   * source-fixture-declarative: "items" (API key header, cursor pages, a record filter that drops
   * drafts, an added field) and "notes", a substream of items.
   */
  static Path manifest() {
    return TestResources.resource("declarative/source-fixture-declarative.manifest.yaml");
  }

  /** source-fixture-custom: a paginator that is a custom Python component. */
  static Path customManifest() {
    return TestResources.resource("declarative/source-fixture-custom.manifest.yaml");
  }

  static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String answer(String name) {
    return text(TestResources.resource("declarative/fixture-api/" + name + ".json"));
  }

  /**
   * Makes {@code api} answer as the fixture API does: two pages of items (one a draft), the notes
   * of items 1, 3 and 4, and 401 for a wrong or missing key.
   */
  static void serve(WireMockServer api) {
    api.stubFor(
        get(urlPathEqualTo("/v1/items"))
            .atPriority(9)
            .willReturn(aResponse().withStatus(401).withBody(answer("unauthorized"))));
    serve(api, true);
  }

  /** The same answers whatever key is sent, or none. */
  static void serveOpen(WireMockServer api) {
    serve(api, false);
  }

  private static void serve(WireMockServer api, boolean keyed) {
    stub(
        api,
        keyed,
        get(urlPathEqualTo("/v1/items")).withQueryParam("cursor", absent()),
        "items-page-1");
    stub(
        api,
        keyed,
        get(urlPathEqualTo("/v1/items")).withQueryParam("cursor", equalTo("c-2")),
        "items-page-2");
    for (int item : new int[] {1, 3, 4}) {
      stub(api, keyed, get(urlPathEqualTo("/v1/items/" + item + "/notes")), "notes-of-" + item);
    }
  }

  private static void stub(
      WireMockServer api, boolean keyed, MappingBuilder request, String answer) {
    if (keyed) {
      request = request.withHeader("X-Api-Key", equalTo(API_KEY));
    }
    api.stubFor(request.willReturn(json(answer(answer))));
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }
}
