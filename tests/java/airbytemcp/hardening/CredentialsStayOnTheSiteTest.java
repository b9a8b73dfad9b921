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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry manifest's credentials go only to the site it talks to, whatever the API answers: a
 * redirect that would re-send a body, or a next-page link on another site, is not followed. The
 * vendor's API listens on 127.0.0.1, "elsewhere" (a host nobody chose) on localhost.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CredentialsStayOnTheSiteTest {
  @TempDir Path dir;
  private RegistryManifestWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  /**
   * A registry manifest with an OAuthAuthenticator whose token endpoint answers 307 to another site
   * (an open redirect on the vendor's site). OkHttp re-sends a POST's body on 307 and 308, and the
   * refresh form holds {@code client_secret} and {@code refresh_token}: such a hop is not followed,
   * as a cross-site redirect carries none of the request's own headers either.
   */
  private static final String OAUTH_API =
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
    world.start("source-oauth-api", OAUTH_API, null);

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

  /**
   * A registry manifest that pages with the API's {@code next} link (CursorPagination,
   * RequestPath), for an entry without {@code allowedHosts}. The authenticator adds its key to
   * every request, so a next page the API names on another site is not requested; a 302 to that
   * site is followed without the key (the control, checked first).
   */
  private static final String PAGED_API =
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
                type: ApiKeyAuthenticator
                api_token: "{{ config['api_key'] }}"
                inject_into: {type: RequestOption, field_name: X-Api-Key, inject_into: header}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [items]}}
            paginator:
              type: DefaultPaginator
              page_token_option: {type: RequestPath}
              pagination_strategy:
                type: CursorPagination
                cursor_value: "{{ response.next }}"
                stop_condition: "{{ not response.next }}"
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [api_key]
          properties:
            api_key: {type: string, airbyte_secret: true}
      """;

  private RegistryManifestWorld.Answer read() {
    return world.call(
        "read_source_stream_records",
        Map.of(
            "source_connector_name", "source-paged-api",
            "override_execution_mode", "native",
            "stream_name", "items",
            "config", Map.of("api_key", "secret_reference::VENDOR_API_KEY")));
  }

  @Test
  void aNextPageTheApiNamesOnAnotherSiteIsNotRequested() {
    world = new RegistryManifestWorld(dir.resolve("world"));
    world.vendor.stubFor(
        get(urlPathEqualTo("/api/items"))
            .willReturn(
                aResponse().withStatus(302).withHeader("Location", world.elsewhereUrl() + "/r")));
    world.elsewhere.stubFor(any(anyUrl()).willReturn(okJson("{\"items\": [{\"id\": 9}]}")));
    world.start("source-paged-api", PAGED_API, null);

    RegistryManifestWorld.Answer redirected = read();
    assertTrue(redirected.text().contains("9"), "control not run: " + redirected.text());
    assertEquals(
        null,
        world.elsewhereGot().stream()
            .map(RegistryManifestWorld::secretIn)
            .filter(s -> s != null)
            .findFirst()
            .orElse(null),
        "control: a redirect to another site should carry no key: " + world.elsewhereGot());

    world.elsewhere.resetRequests();
    world.vendor.resetAll();
    world.vendor.stubFor(
        get(urlPathEqualTo("/api/items"))
            .willReturn(
                okJson(
                    "{\"items\": [{\"id\": 1}], \"next\": \""
                        + world.elsewhereUrl()
                        + "/api/items?page=2\"}")));
    RegistryManifestWorld.Answer paged = read();

    assertEquals(List.of(), world.elsewhereGot(), "the next page on another site was requested");
    assertTrue(
        paged.isError() && paged.text().contains("next page on another site"),
        "the read says why it stopped: " + paged.text());
  }
}
