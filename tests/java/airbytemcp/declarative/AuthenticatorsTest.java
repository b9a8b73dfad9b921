package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthenticatorsTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  /** A one-stream manifest reading GET /items with the given authenticator (YAML flow mapping). */
  static String manifest(String authenticator, String extraRequester) {
    return String.format(
        Locale.ROOT,
        """
        version: 6.0.0
        type: DeclarativeSource
        check: {type: CheckStream, stream_names: [items]}
        spec:
          type: Spec
          connection_specification:
            type: object
            properties:
              token: {type: string, airbyte_secret: true}
              password: {type: string, airbyte_secret: true}
              refresh_token: {type: string, airbyte_secret: true}
              client_secret: {type: string, airbyte_secret: true}
        streams:
          - type: DeclarativeStream
            name: items
            primary_key: [id]
            schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
            retriever:
              type: SimpleRetriever
              requester:
                type: HttpRequester
                url_base: https://api.example.com/v2
                path: /items
                http_method: GET
                authenticator: %s
        %s
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [items]}}
        """,
        authenticator,
        extraRequester);
  }

  private FakeApi.Output read(String authenticator, String config) {
    Manifest m =
        SharedManifests.loaderValidatingWhereAvailable()
            .fromText("test", manifest(authenticator, ""));
    return FakeApi.read(
        DeclarativeConnector.of(m, api.options()),
        Json.parse(config),
        FakeApi.catalog("full_refresh", "items"),
        null);
  }

  private void itemsFor(String header, String value) {
    api.server.stubFor(
        get(urlPathEqualTo("/v2/items"))
            .withHeader(header, equalTo(value))
            .willReturn(okJson("{\"items\": [{\"id\": 1}, {\"id\": 2}]}")));
  }

  @Test
  void bearerSendsTheTokenInAuthorization() {
    itemsFor("Authorization", "Bearer tok-abcdef");
    assertEquals(
        2,
        read(
                "{type: BearerAuthenticator, api_token: \"{{ config['token'] }}\"}",
                "{\"token\": \"tok-abcdef\"}")
            .records("items")
            .size());
  }

  @Test
  void basicEncodesUserAndPassword() {
    itemsFor("Authorization", "Basic dXNlcjpwYXNzLTEyMzQ=");
    assertEquals(
        2,
        read(
                "{type: BasicHttpAuthenticator, username: \"{{ config['user'] }}\", password: \"{{ config['password'] }}\"}",
                "{\"user\": \"user\", \"password\": \"pass-1234\"}")
            .records("items")
            .size());
  }

  @Test
  void apiKeyGoesIntoTheQueryWhenTheOptionSaysSo() {
    api.server.stubFor(
        get(urlPathEqualTo("/v2/items"))
            .withQueryParam("key", equalTo("k-998877"))
            .willReturn(okJson("{\"items\": [{\"id\": 1}]}")));
    assertEquals(
        1,
        read(
                "{type: ApiKeyAuthenticator, api_token: \"{{ config['token'] }}\","
                    + " inject_into: {type: RequestOption, inject_into: request_parameter, field_name: key}}",
                "{\"token\": \"k-998877\"}")
            .records("items")
            .size());
  }

  @Test
  void oauthRefreshesTheAccessTokenOnceAndUsesIt() {
    api.server.stubFor(
        post("/oauth/token")
            .withRequestBody(containing("grant_type=refresh_token"))
            .withRequestBody(containing("refresh_token=rt-5550001"))
            .withRequestBody(containing("client_id=cid"))
            .willReturn(
                okJson(
                    "{\"access_token\": \"at-fresh-42424242\", \"expires_in\": 3600, \"token_type\": \"Bearer\"}")));
    itemsFor("Authorization", "Bearer at-fresh-42424242");
    FakeApi.Output out =
        read(
            "{type: OAuthAuthenticator, token_refresh_endpoint: \"https://auth.example.com/oauth/token\","
                + " client_id: \"{{ config['client_id'] }}\", client_secret: \"{{ config['client_secret'] }}\","
                + " refresh_token: \"{{ config['refresh_token'] }}\"}",
            "{\"client_id\": \"cid\", \"client_secret\": \"cs-7777777\", \"refresh_token\": \"rt-5550001\"}");
    assertEquals(2, out.records("items").size());
    api.server.verify(1, postRequestedFor(urlPathEqualTo("/oauth/token")));
    assertEquals(Masker.MASK, api.masker.mask("at-fresh-42424242"));
  }

  @Test
  void selectiveAuthenticatorPicksByConfigValue() {
    itemsFor("Authorization", "Bearer tok-selected");
    String selective =
        "{type: SelectiveAuthenticator, authenticator_selection_path: [credentials, kind], authenticators: {"
            + "token: {type: BearerAuthenticator, api_token: \"{{ config['credentials']['token'] }}\"},"
            + " basic: {type: BasicHttpAuthenticator, username: u, password: p}}}";
    assertEquals(
        2,
        read(selective, "{\"credentials\": {\"kind\": \"token\", \"token\": \"tok-selected\"}}")
            .records("items")
            .size());
  }

  @Test
  void checkReportsRefusedCredentialsWithoutEchoingThem() {
    api.server.stubFor(
        get(urlPathEqualTo("/v2/items"))
            .willReturn(
                WireMock.aResponse()
                    .withStatus(401)
                    .withBody("{\"error\": \"bad token tok-wrong-123\"}")));
    Manifest m =
        SharedManifests.loaderValidatingWhereAvailable()
            .fromText(
                "test",
                manifest("{type: BearerAuthenticator, api_token: \"{{ config['token'] }}\"}", ""));
    JsonNode status =
        DeclarativeConnector.of(m, api.options())
            .check(Json.parse("{\"token\": \"tok-wrong-123\"}"));
    assertEquals("FAILED", status.path("status").asText());
    assertFalse(status.toString().contains("tok-wrong-123"), status.toString());
  }
}
