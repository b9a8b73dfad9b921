package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A token endpoint with a query string (apple-search-ads puts grant_type and scope there, inside a
 * template's default) is called with that query, as the CDK's requests call sends the URL whole.
 */
class OAuthTokenEndpointQueryTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  @Test
  void theTokenRequestKeepsTheEndpointsQueryString() {
    api.server.stubFor(
        post(urlPathEqualTo("/auth/oauth2/token"))
            .withQueryParam("grant_type", equalTo("client_credentials"))
            .withQueryParam("scope", equalTo("searchadsorg"))
            .willReturn(okJson("{\"access_token\": \"at-query-1\", \"expires_in\": 3600}")));
    api.server.stubFor(
        get(urlPathEqualTo("/v2/items"))
            .withHeader("Authorization", equalTo("Bearer at-query-1"))
            .willReturn(okJson("{\"items\": [{\"id\": 1}]}")));
    String oauth =
        "{type: OAuthAuthenticator, grant_type: client_credentials,"
            + " token_refresh_endpoint: \"{{ config.get('token_refresh_endpoint',"
            + " 'https://appleid.example.com/auth/oauth2/token?grant_type=client_credentials&scope=searchadsorg') }}\","
            + " client_id: cid, client_secret: \"{{ config['client_secret'] }}\"}";
    Manifest m =
        SharedManifests.loaderValidatingWhereAvailable()
            .fromText("test", AuthenticatorsTest.manifest(oauth, ""));
    int read =
        FakeApi.read(
                DeclarativeConnector.of(m, api.options()),
                Json.parse("{\"client_secret\": \"cs-1\"}"),
                FakeApi.catalog("full_refresh", "items"),
                null)
            .records("items")
            .size();
    assertEquals(1, read, "the token from the endpoint with its query must authorize the read");
    api.server.verify(
        1,
        postRequestedFor(urlPathEqualTo("/auth/oauth2/token"))
            .withQueryParam("grant_type", equalTo("client_credentials"))
            .withQueryParam("scope", equalTo("searchadsorg")));
  }
}
