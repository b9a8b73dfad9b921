package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.network.CallNamedHosts;
import airbytemcp.network.EgressRules;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A connector that builds its URL from the config (a registry entry whose {@code allowedHosts} is a
 * single placeholder, {@code ${domain}}, as Jira's and GitLab's are, or one with no {@code
 * allowedHosts} at all) leaves the host to the call. An injected agent sets {@code domain} to its
 * own host beside a {@code secret_reference::}: the connector must not send the secret there unless
 * the host is the user's choice (listed, in the dotenv file, or offered by the spec). The "agent's
 * host" here is {@code localhost}, a loopback fake, reached with only its address listed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecretToAHostTheCallNamedTest {
  private static final String TOKEN = "jira-tok-3f9c2a7e51d4";
  private static final String WHOLE_HOST = "{\"hosts\": [\"${domain}\"]}";

  @RegisterExtension final FakeApi api = new FakeApi();
  private final Masker masker = new Masker();

  @BeforeEach
  void start() {
    ItemsApi.answer(api.server, get(urlPathEqualTo("/items")));
    masker.registerUserValue(TOKEN); // resolved from secret_reference:: as the server does
  }

  private DeclarativeConnector connector(String domainProperties, String egressHosts) {
    return connector(domainProperties, egressHosts, WHOLE_HOST);
  }

  /**
   * @param domainProperties more of the {@code domain} property's schema ({@code default: x})
   */
  private DeclarativeConnector connector(
      String domainProperties, String egressHosts, String registryAllowedHosts) {
    Manifest manifest =
        ItemsApi.manifest(
            List.of(
                "domain: {type: string"
                    + (domainProperties == null ? "" : ", " + domainProperties)
                    + "}",
                "api_token: {type: string, airbyte_secret: true}"),
            "http://{{ config['domain'] }}:" + api.server.port(),
            "/items",
            "api_token");
    RuntimeOptions options = new RuntimeOptions(new OkHttpClient(), masker, u -> u, d -> {});
    return DeclarativeConnector.guarded(
        manifest,
        options,
        new EgressGuard(
            EgressRules.parse(egressHosts),
            registryAllowedHosts == null ? null : Json.parse(registryAllowedHosts)));
  }

  private static ObjectNode config(String domain, String token) {
    ObjectNode config = Json.object().put("domain", domain);
    return token == null ? config : config.put("api_token", token);
  }

  private static String status(ObjectNode check) {
    return check.path("status").asText();
  }

  @Test
  void aSecretIsNotSentToAHostTheCallNamed() {
    ObjectNode result = connector(null, "127.0.0.1").check(config("localhost", TOKEN));
    assertEquals("FAILED", status(result), result.toString());
    String message = result.path("message").asText();
    assertTrue(
        message.contains("call's config names this host")
            && message.contains("AIRBYTE_MCP_EGRESS_HOSTS"),
        "the refusal says why and what the user can do: " + message);
    api.server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aConnectorWithoutRegistryHostsSendsNoSecretToTheCallsHostEither() {
    ObjectNode result = connector(null, "127.0.0.1", null).check(config("localhost", TOKEN));
    assertEquals("FAILED", status(result), result.toString());
    assertTrue(
        result.path("message").asText().contains("call's config names this host"),
        result.toString());
    api.server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aHostHiddenInAUrlValueIsHeldToo() {
    ObjectNode result =
        connector(null, "127.0.0.1", null).check(config("LOCALHOST.#://[x:]", TOKEN));
    assertEquals("FAILED", status(result), result.toString());
    assertTrue(
        result.path("message").asText().contains("call's config names this host"),
        "refused as a host the call named, not for another reason: " + result);
    api.server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aHostWrittenAsJinjaInTheConfigIsTextNotAHost() {
    ObjectNode result =
        connector(null, "127.0.0.1", null).check(config("{{ 'local' ~ 'host' }}", TOKEN));
    assertEquals("FAILED", status(result), result.toString());
    api.server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void theSameHostIsReachedWhenTheConfigCarriesNoSecret() {
    ObjectNode result = connector(null, "127.0.0.1").check(config("localhost", null));
    assertEquals("SUCCEEDED", status(result), result.toString());
  }

  @Test
  void aHostTheUserListedTakesTheSecret() {
    ObjectNode result = connector(null, "127.0.0.1,localhost").check(config("localhost", TOKEN));
    assertEquals("SUCCEEDED", status(result), result.toString());
  }

  @Test
  void aHostFromTheUsersDotenvFileTakesTheSecret() {
    masker.registerUserValue("localhost"); // DOMAIN=localhost in the dotenv file, by reference
    ObjectNode result = connector(null, "127.0.0.1").check(config("localhost", TOKEN));
    assertEquals("SUCCEEDED", status(result), result.toString());
  }

  @Test
  void theSpecsDefaultHostTakesTheSecret() {
    ObjectNode result =
        connector("default: localhost", "127.0.0.1").check(config("localhost", TOKEN));
    assertEquals("SUCCEEDED", status(result), result.toString());
  }

  @Test
  void aHostTheSpecListsTakesTheSecret() {
    ObjectNode result =
        connector("enum: [localhost, api.example.com]", "127.0.0.1")
            .check(config("localhost", TOKEN));
    assertEquals("SUCCEEDED", status(result), result.toString());
  }

  @Test
  void onlyTheHostsTheCallNamedBesideASecretAreHeld() {
    Predicate<String> known = masker::isUserValue;
    ObjectNode config =
        Json.object().put("subdomain", "acme").put("base_url", "https://Evil.Example.NET./v1");
    assertEquals(
        Set.of(),
        CallNamedHosts.of(config, known, (path, value) -> false).hosts(),
        "without a secret in the config nothing is held");
    config.put("api_token", TOKEN);
    CallNamedHosts held = CallNamedHosts.of(config, known, (path, value) -> false);
    assertTrue(
        held.hosts().contains("evil.example.net"), "the URL's host is held: " + held.hosts());
    assertTrue(held.names("EVIL.example.net."), "a host is compared as DNS compares it");
    assertFalse(
        held.names("acme.example.com"),
        "a subdomain the call filled within the vendor's domain is reached: " + held.hosts());
  }

  @Test
  void aHostTheAgentGotMaskedIsNotTheUsers() {
    masker.register(
        "localhost"); // a literal the agent put in a secret field: masked, not the user's
    ObjectNode result = connector(null, "127.0.0.1").check(config("localhost", TOKEN));
    assertEquals("FAILED", status(result), result.toString());
    api.server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aValueThatOnlyContainsTheUsersValueIsTheCalls() {
    masker.registerUserValue("mine.example"); // DOMAIN=mine.example in the dotenv file
    ObjectNode result =
        connector(null, "127.0.0.1", null)
            .check(config("localhost:" + api.server.port() + "/#mine.example", TOKEN));
    assertEquals("FAILED", status(result), result.toString());
    api.server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aNameUnderAHeldHostIsHeldAndATopLevelDomainIsNoHost() {
    ObjectNode config =
        Json.object()
            .put("domain", "attacker.example")
            .put("language", "de")
            .put("api_token", TOKEN);
    CallNamedHosts held = CallNamedHosts.of(config, masker::isUserValue, (path, value) -> false);
    assertTrue(held.names("api.attacker.example"), "a label before the held host: " + held);
    assertTrue(held.names("a.b.attacker.example."), "two labels before it: " + held);
    assertFalse(held.names("notattacker.example"), "only whole labels count: " + held);
    assertFalse(
        held.names("api.vendor.de"), "a value such as \"de\" holds no top-level domain: " + held);
  }
}
