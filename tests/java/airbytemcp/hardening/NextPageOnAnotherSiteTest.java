package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * A registry manifest that pages with the API's {@code next} link (CursorPagination, RequestPath),
 * for an entry without {@code allowedHosts}. The authenticator adds its key to every request, so a
 * next page the API names on another site is not requested; a 302 to that site is followed without
 * the key (the control, checked first).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class NextPageOnAnotherSiteTest {
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

  private static final String SPEC =
      "{\"api_key\": {\"type\": \"string\", \"airbyte_secret\": true}}";

  @TempDir Path dir;
  private RegistryManifestWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

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
    world.start("source-paged-api", MANIFEST, SPEC, null);

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
