package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A registry manifest's credentials go only to the site it talks to, whatever the API answers: a
 * redirect that would re-send a body, or a next-page link on another site, is not followed. The
 * vendor's API listens on 127.0.0.1, "elsewhere" (a host nobody chose) on localhost.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CredentialsStayOnTheSiteTest {
  @RegisterExtension final RegistryManifestWorlds worlds = new RegistryManifestWorlds();
  private RegistryManifestWorld world;

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
    world = worlds.open();
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
        world.readNatively(
            "source-oauth-api",
            "items",
            Map.of(
                "client_id", "cid-rti",
                "client_secret", "secret_reference::VENDOR_CLIENT_SECRET",
                "refresh_token", "secret_reference::VENDOR_REFRESH_TOKEN"));

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
    return world.readNatively(
        "source-paged-api", "items", Map.of("api_key", "secret_reference::VENDOR_API_KEY"));
  }

  @Test
  void aNextPageTheApiNamesOnAnotherSiteIsNotRequested() {
    world = worlds.open();
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

  /**
   * An export API in the shape of source-bing-ads and source-pinterest: the polling answer names
   * the file to download, and the download requester's URL is that link. Stream {@code report}
   * signs its download with the key (no corpus manifest does; a manifest that did would hand the
   * key to any host the polling answer names); {@code report_link} downloads without credentials,
   * as the real ones do from pre-signed storage links, which may be on any site.
   */
  private static final String EXPORT_API =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [report]}
      definitions:
        auth:
          type: ApiKeyAuthenticator
          api_token: "{{ config['api_key'] }}"
          inject_into: {type: RequestOption, field_name: X-Api-Key, inject_into: header}
        job:
          type: AsyncRetriever
          creation_requester:
            type: HttpRequester
            url_base: VENDOR/api/
            path: reports
            http_method: POST
            authenticator: {$ref: "#/definitions/auth"}
          polling_requester:
            type: HttpRequester
            url_base: VENDOR/api/
            path: "reports/{{ creation_response['id'] }}"
            http_method: GET
            authenticator: {$ref: "#/definitions/auth"}
          download_requester:
            type: HttpRequester
            url_base: "{{ download_target }}"
            http_method: GET
            authenticator: {$ref: "#/definitions/auth"}
          status_extractor: {type: DpathExtractor, field_path: [status]}
          download_target_extractor: {type: DpathExtractor, field_path: [link]}
          status_mapping: {type: AsyncJobStatusMap, running: [RUNNING], completed: [DONE], failed: [FAILED], timeout: [EXPIRED]}
          download_decoder: {type: JsonlDecoder}
          record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}
      streams:
        - type: DeclarativeStream
          name: report
          primary_key: [id]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever: {$ref: "#/definitions/job"}
        - type: DeclarativeStream
          name: report_link
          primary_key: [id]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            $ref: "#/definitions/job"
            download_requester:
              type: HttpRequester
              url_base: "{{ download_target }}"
              http_method: GET
              authenticator: {type: NoAuth}
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [api_key]
          properties:
            api_key: {type: string, airbyte_secret: true}
      """;

  private void exportJobLinkingTo(String link) {
    world.vendor.resetAll();
    world.elsewhere.resetAll();
    world.vendor.stubFor(
        post(urlPathEqualTo("/api/reports")).willReturn(okJson("{\"id\": \"r1\"}")));
    world.vendor.stubFor(
        get(urlPathEqualTo("/api/reports/r1"))
            .willReturn(okJson("{\"status\": \"DONE\", \"link\": \"" + link + "\"}")));
    String rows = "{\"id\": 71}\n{\"id\": 72}\n";
    world.vendor.stubFor(get(urlPathEqualTo("/files/r1.jsonl")).willReturn(ok(rows)));
    world.elsewhere.stubFor(any(anyUrl()).willReturn(ok(rows)));
  }

  private RegistryManifestWorld.Answer readStream(String connector, String stream) {
    return world.readNatively(
        connector, stream, Map.of("api_key", "secret_reference::VENDOR_API_KEY"));
  }

  @Test
  void anExportLinkOnAnotherSiteIsNotFetchedWithTheKey() {
    world = worlds.open().start("source-export-api", EXPORT_API, null);
    exportJobLinkingTo(world.vendorUrl() + "/files/r1.jsonl");
    RegistryManifestWorld.Answer onTheSite = readStream("source-export-api", "report");
    assertTrue(
        !onTheSite.isError() && onTheSite.text().contains("72"),
        "control: a link on the API's own site is downloaded with the key: " + onTheSite.text());

    exportJobLinkingTo(world.elsewhereUrl() + "/collect.jsonl");
    RegistryManifestWorld.Answer elsewhere = readStream("source-export-api", "report");

    assertEquals(List.of(), world.elsewhereGot(), "the signed download went to another site");
    assertTrue(
        elsewhere.isError() && elsewhere.text().contains("was about to send its credentials"),
        "the read says why it stopped: " + elsewhere.text());
  }

  @Test
  void anExportLinkOnAnotherSiteIsFetchedWhenTheDownloadCarriesNothingOfTheUsers() {
    world = worlds.open().start("source-export-api", EXPORT_API, null);
    exportJobLinkingTo(world.elsewhereUrl() + "/bucket/r1.jsonl?signature=from-the-api");

    RegistryManifestWorld.Answer answer = readStream("source-export-api", "report_link");

    assertTrue(
        !answer.isError() && answer.text().contains("72"),
        "a pre-signed link on storage elsewhere, fetched without credentials, is read: "
            + answer.text());
    assertEquals(
        null,
        world.elsewhereGot().stream()
            .map(RegistryManifestWorld::secretIn)
            .filter(s -> s != null)
            .findFirst()
            .orElse(null),
        "the unsigned download carried a secret: " + world.elsewhereGot());
  }

  /**
   * source-twilio's shape: a substream's URL is the host followed directly by a path its parent
   * records give ({@code https://api.twilio.com{{ stream_partition['subresource_uri'] }}}). A
   * parent record whose path starts with {@code @} turns the host into user info and names another
   * host.
   */
  private static final String SPLICED_API =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [accounts]}
      definitions:
        auth:
          type: ApiKeyAuthenticator
          api_token: "{{ config['api_key'] }}"
          inject_into: {type: RequestOption, field_name: X-Api-Key, inject_into: header}
      streams:
        - type: DeclarativeStream
          name: accounts
          primary_key: [sid]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: VENDOR/api/
              path: accounts
              authenticator: {$ref: "#/definitions/auth"}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [accounts]}}
        - type: DeclarativeStream
          name: usage
          primary_key: [id]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url: "VENDOR{{ stream_partition['uri'] }}"
              authenticator: {$ref: "#/definitions/auth"}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [usage]}}
            partition_router:
              type: SubstreamPartitionRouter
              parent_stream_configs:
                - type: ParentStreamConfig
                  stream: "#/streams/0"
                  parent_key: uri
                  partition_field: uri
        - type: DeclarativeStream
          name: reports
          primary_key: [id]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: "{{ config.get('reports_url', 'VENDOR/reports') }}"
              path: list
              authenticator: {$ref: "#/definitions/auth"}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [reports]}}
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [api_key]
          properties:
            api_key: {type: string, airbyte_secret: true}
            reports_url: {type: string}
      """;

  @Test
  void aParentRecordSplicedAfterTheHostCannotTakeTheKeyToAnotherHost() {
    world = worlds.open().start("source-spliced-api", SPLICED_API, null);
    world.vendor.stubFor(
        get(urlPathEqualTo("/api/accounts"))
            .willReturn(okJson("{\"accounts\": [{\"uri\": \"/api/accounts/A1/usage\"}]}")));
    world.vendor.stubFor(
        get(urlPathEqualTo("/api/accounts/A1/usage"))
            .willReturn(okJson("{\"usage\": [{\"id\": 81}]}")));
    RegistryManifestWorld.Answer own = readStream("source-spliced-api", "usage");
    assertTrue(
        !own.isError() && own.text().contains("81"),
        "control: the parent's own path is read with the key: " + own.text());

    String otherHost = world.elsewhereUrl().substring("http://".length());
    world.vendor.stubFor(
        get(urlPathEqualTo("/api/accounts"))
            .willReturn(okJson("{\"accounts\": [{\"uri\": \"@" + otherHost + "/collect\"}]}")));
    world.elsewhere.stubFor(any(anyUrl()).willReturn(okJson("{\"usage\": [{\"id\": 82}]}")));
    RegistryManifestWorld.Answer spliced = readStream("source-spliced-api", "usage");

    assertEquals(List.of(), world.elsewhereGot(), "the key went to the host a parent record named");
    assertTrue(
        spliced.isError() && spliced.text().contains("was about to send its credentials"),
        "the read says why it stopped: " + spliced.text());
  }

  /**
   * A base URL the config may override (a self-hosted install's, {@code config.get('reports_url',
   * ...)}) puts a host the call chose on the list of credential sites. The egress rules hold that
   * host and the names under it, not its siblings: such a host admits only itself, so a parent
   * record naming a sibling ({@code b.evil.test} beside {@code a.evil.test}) gets no key. The
   * server's JVM reads a hosts file mapping both names to 127.0.0.1.
   */
  @Test
  void aSiblingOfAHostTheConfigChoseGetsNoCredentials() throws Exception {
    world = worlds.open();
    Path hosts =
        Files.writeString(
            worlds.dir().resolve("hosts"),
            "127.0.0.1 localhost\n127.0.0.1 a.evil.test\n127.0.0.1 b.evil.test\n");
    world.env.put("JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + hosts);
    int port = world.elsewhere.port();
    world.vendor.stubFor(
        get(urlPathEqualTo("/api/accounts"))
            .willReturn(
                okJson("{\"accounts\": [{\"uri\": \"@b.evil.test:" + port + "/collect\"}]}")));
    world.elsewhere.stubFor(any(anyUrl()).willReturn(okJson("{\"usage\": [{\"id\": 82}]}")));
    world.start("source-spliced-api", SPLICED_API, null);

    RegistryManifestWorld.Answer answer =
        world.readNatively(
            "source-spliced-api",
            "usage",
            Map.of(
                "api_key",
                "secret_reference::VENDOR_API_KEY",
                "reports_url",
                "http://a.evil.test:" + port + "/"));

    assertTrue(
        !world.vendor.getAllServeEvents().isEmpty(),
        "the parent stream was never read, so nothing was tested: " + answer.text());
    assertEquals(List.of(), world.elsewhereGot(), "the key went to a sibling of the config's host");
    assertTrue(
        answer.isError() && answer.text().contains("was about to send its credentials"),
        "the read says why it stopped: " + answer.text());
  }
}
