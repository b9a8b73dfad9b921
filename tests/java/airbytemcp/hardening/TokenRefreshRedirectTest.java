package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry manifest with an OAuthAuthenticator whose token endpoint answers 307 to another site
 * (an open redirect on the vendor's site). OkHttp re-sends a POST's body on 307 and 308, and the
 * refresh form holds {@code client_secret} and {@code refresh_token}: such a hop is not followed,
 * as a cross-site redirect carries none of the request's own headers either.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TokenRefreshRedirectTest {
  private static final String MANIFEST =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [items]}
      streams:
        - type: DeclarativeStream
          name: items
          primary_key: [id]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: VENDOR/api/
              path: items
              http_method: GET
              authenticator:
                type: OAuthAuthenticator
                client_id: "{{ config['client_id'] }}"
                client_secret: "{{ config['client_secret'] }}"
                refresh_token: "{{ config['refresh_token'] }}"
                token_refresh_endpoint: VENDOR/oauth/token
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [items]}}
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [client_id, client_secret, refresh_token]
          properties:
            client_id: {type: string}
            client_secret: {type: string, airbyte_secret: true}
            refresh_token: {type: string, airbyte_secret: true}
      """;

  private static final String SPEC =
      "{\"client_id\": {\"type\": \"string\"},"
          + " \"client_secret\": {\"type\": \"string\", \"airbyte_secret\": true},"
          + " \"refresh_token\": {\"type\": \"string\", \"airbyte_secret\": true}}";

  @TempDir Path dir;
  private RegistryManifestWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aRedirectThatWouldResendTheRefreshBodyToAnotherSiteIsNotFollowed() {
    world = new RegistryManifestWorld(dir.resolve("world"));
    world.vendor.stubFor(
        post(urlPathEqualTo("/oauth/token"))
            .willReturn(
                aResponse()
                    .withStatus(307)
                    .withHeader("Location", world.elsewhereUrl() + "/collect")));
    world.vendor.stubFor(
        get(urlPathEqualTo("/api/items")).willReturn(okJson("{\"items\": [{\"id\": 1}]}")));
    world.elsewhere.stubFor(
        any(anyUrl())
            .willReturn(okJson("{\"access_token\": \"at-elsewhere-0001\", \"expires_in\": 3600}")));
    world.start("source-oauth-api", MANIFEST, SPEC, null);

    RegistryManifestWorld.Answer answer =
        world.call(
            "read_source_stream_records",
            Map.of(
                "source_connector_name", "source-oauth-api",
                "override_execution_mode", "native",
                "stream_name", "items",
                "config",
                    Map.of(
                        "client_id", "cid-rti",
                        "client_secret", "secret_reference::VENDOR_CLIENT_SECRET",
                        "refresh_token", "secret_reference::VENDOR_REFRESH_TOKEN")));

    assertFalse(
        world.vendor.getAllServeEvents().isEmpty(),
        "the token endpoint was never asked, so nothing was tested: " + answer.text());
    List<String> got = world.elsewhereGot();
    assertEquals(
        null,
        got.stream()
            .map(RegistryManifestWorld::secretIn)
            .filter(s -> s != null)
            .findFirst()
            .orElse(null),
        "the refresh request's body followed the redirect to another site: " + got);
  }
}
