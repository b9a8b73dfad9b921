package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A secret put whole into a path must reach the API whole. A '#' or '?' in it (common in generated
 * passwords) would end the path there, and a backslash would become '/', so the path would hold a
 * part of the secret, shown in errors. source-tmdb puts {@code config['movie_id']} in its path and
 * its {@code api_key} in the query: the check counts each secret the URL holds before and after
 * parsing, part by part, so the secret in the query does not vouch for the one in the path (found
 * by red team m1: it did).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SecretCutByUrlParsingTest {
  private static final String MOVIES =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [videos]}
      streams:
        - type: DeclarativeStream
          name: videos
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: VENDOR/3
              path: /movie/{{ config['movie_id'] }}/videos
              http_method: GET
              request_parameters:
                api_key: "{{ config['api_key'] }}"
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [results]}}
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [api_key, movie_id]
          properties:
            api_key: {type: string, airbyte_secret: true}
            movie_id: {type: string}
      """;

  @RegisterExtension final RegistryManifestWorlds worlds = new RegistryManifestWorlds();
  private RegistryManifestWorld world;

  @ParameterizedTest
  @ValueSource(strings = {"Tq8mZ4#pL2wX9vR6", "Tq8mZ4?pL2wX9vR6", "Tq8mZ4\\pL2wX9vR6"})
  void aSecretCutByUrlParsingDoesNotComeBackInParts(String password) {
    world = worlds.open("world-" + Math.abs(password.hashCode()));
    world.extraDotenv.put("VENDOR_PASSWORD", password);
    world.vendor.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(400).withBody("{}")));
    world.start("source-movies-api", MOVIES, null);

    RegistryManifestWorld.Answer answer =
        world.readNatively(
            "source-movies-api",
            "videos",
            Map.of(
                "api_key", "secret_reference::VENDOR_API_KEY",
                "movie_id", "secret_reference::VENDOR_PASSWORD"));
    String head = "/movie/" + password.substring(0, 6);
    String tail = password.substring(7);
    assertFalse(
        answer.text().contains(head) || answer.text().contains(tail),
        "a part of the secret came back: " + answer.text());
    assertFalse(
        world.stderr().contains(head) || world.stderr().contains(tail),
        "and in the log: " + world.stderr());
  }
}
