package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JwtAuthenticator: every request carries a JWT signed with the config's key, with the claims and
 * headers the manifest names; keys and tokens never reach an error or a message.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JwtAuthenticatorTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static final String RS256 =
      "{type: JwtAuthenticator, secret_key: \"{{ config['private_key'] }}\", algorithm: RS256,"
          + " token_duration: 3600, header_prefix: Bearer,"
          + " jwt_headers: {kid: \"{{ config['key_id'] }}\"},"
          + " jwt_payload: {iss: \"{{ config['client_email'] }}\", aud: https://auth.example.com/token},"
          + " additional_jwt_payload: {scope: \"{{ config['scope'] }}\"}}";

  private static String pem(KeyPair pair) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(pair.getPrivate().getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
  }

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  private FakeApi.Output read(String authenticator, JsonNode config) {
    Manifest m =
        SharedManifests.loaderValidatingWhereAvailable()
            .fromText("jwt", AuthenticatorsTest.manifest(authenticator, ""));
    return FakeApi.read(
        DeclarativeConnector.of(m, api.options()),
        config,
        FakeApi.catalog("full_refresh", "items"),
        null);
  }

  private List<String> authorizations() {
    return api.server.findAll(getRequestedFor(urlPathEqualTo("/v2/items"))).stream()
        .map((LoggedRequest r) -> r.getHeader("Authorization"))
        .toList();
  }

  private void items() {
    api.server.stubFor(
        get(urlPathEqualTo("/v2/items")).willReturn(okJson("{\"items\": [{\"id\": 1}]}")));
  }

  @Test
  void rs256TokenIsSignedWithTheConfigKeyAndCarriesTheManifestClaims() throws Exception {
    KeyPair pair = rsa();
    items();
    long before = Instant.now().getEpochSecond();

    read(
        RS256,
        Json.object()
            .put("private_key", pem(pair))
            .put("key_id", "k-1")
            .put("client_email", "svc@example.com")
            .put("scope", "read-only"));

    String header = authorizations().get(0);
    assertTrue(header.startsWith("Bearer "), "the header prefix comes first: " + header);
    JWSObject jws = JWSObject.parse(header.substring("Bearer ".length()));
    JWSVerifier verifier = new RSASSAVerifier((RSAPublicKey) pair.getPublic());
    assertTrue(jws.verify(verifier), "the token verifies with the config key's public half");
    assertEquals("RS256", jws.getHeader().getAlgorithm().getName());
    assertEquals("k-1", jws.getHeader().getKeyID(), "kid comes from jwt_headers");
    assertEquals("JWT", jws.getHeader().getType().getType(), "typ defaults to JWT");
    JsonNode claims = Json.parse(jws.getPayload().toString());
    assertEquals("svc@example.com", claims.path("iss").asText());
    assertEquals("https://auth.example.com/token", claims.path("aud").asText());
    assertEquals("read-only", claims.path("scope").asText(), "additional claims are interpolated");
    long iat = claims.path("iat").asLong();
    assertTrue(iat >= before && iat <= Instant.now().getEpochSecond(), "iat is now: " + claims);
    assertEquals(iat + 3600, claims.path("exp").asLong(), "exp is iat + token_duration");
    assertEquals(iat, claims.path("nbf").asLong(), "nbf is iat");
  }

  @Test
  void hs256WithAShortSecretIsAcceptedAsPyJwtAcceptsIt() throws Exception {
    items();

    read(
        "{type: JwtAuthenticator, secret_key: \"{{ config['secret'] }}\", algorithm: HS256}",
        Json.object().put("secret", "short-secret"));

    String token = authorizations().get(0);
    assertFalse(token.startsWith("Bearer"), "no prefix unless header_prefix says so");
    JWSObject jws = JWSObject.parse(token);
    assertTrue(
        MessageDigest.isEqual(
            hmac("short-secret", jws.getSigningInput()), jws.getSignature().decode()),
        "the signature is the HMAC-SHA256 of the signing input with the secret");
    JsonNode claims = Json.parse(jws.getPayload().toString());
    assertEquals(
        claims.path("iat").asLong() + 1200,
        claims.path("exp").asLong(),
        "token_duration defaults to 1200 s");
  }

  private static byte[] hmac(String key, byte[] input) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return mac.doFinal(input);
  }

  @Test
  void es256TokenGoesWhereTheRequestOptionSays() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = g.generateKeyPair();
    items();

    read(
        "{type: JwtAuthenticator, secret_key: \"{{ config['key'] }}\", algorithm: ES256,"
            + " request_option: {type: RequestOption, inject_into: request_parameter, field_name: jwt}}",
        Json.object().put("key", pem(pair)));

    LoggedRequest request = api.server.findAll(getRequestedFor(urlPathEqualTo("/v2/items"))).get(0);
    JWSObject jws = JWSObject.parse(request.queryParameter("jwt").firstValue());
    assertTrue(
        jws.verify(new ECDSAVerifier((ECPublicKey) pair.getPublic())),
        "the ES256 token in the query verifies with the key's public half");
    assertEquals(null, request.getHeader("Authorization"), "nothing goes into Authorization");
  }

  @Test
  void theKeyAndTheTokenAreMaskedAndNeverInTheMessagesOfAFailedRead() throws Exception {
    KeyPair pair = rsa();
    String key = pem(pair);
    api.server.stubFor(
        get(urlPathEqualTo("/v2/items"))
            .willReturn(aResponse().withStatus(403).withBody("{\"error\": \"forbidden\"}")));
    FakeApi.Output out = new FakeApi.Output();
    RuntimeException failure =
        assertThrows(
            RuntimeException.class,
            () ->
                DeclarativeConnector.of(
                        SharedManifests.loaderValidatingWhereAvailable()
                            .fromText("jwt", AuthenticatorsTest.manifest(RS256, "")),
                        api.options())
                    .read(
                        Json.object()
                            .put("private_key", key)
                            .put("key_id", "k-1")
                            .put("client_email", "svc@example.com")
                            .put("scope", "s"),
                        FakeApi.catalog("full_refresh", "items"),
                        Optional.empty(),
                        out.messages::add));

    String token = authorizations().get(0).substring("Bearer ".length());
    String secretLine = key.lines().skip(3).findFirst().orElseThrow();
    String everything = failure + " " + out.messages;
    for (String secret : List.of(token, secretLine, key)) {
      assertFalse(everything.contains(secret), "a secret reached the error or the messages");
      assertFalse(api.masker.mask("x " + secret + " y").contains(secret), "not masked: a secret");
    }
  }

  @Test
  void anUnreadableKeyFailsWithoutQuotingIt() {
    items();
    String notAKey =
        "-----BEGIN PRIVATE KEY-----\nTm90QUtleUJ1dEFTZWNyZXRWYWx1ZTEyMzQ1Njc4OTA=\n"
            + "-----END PRIVATE KEY-----";

    DeclarativeError e =
        assertThrows(
            DeclarativeError.class,
            () ->
                read(
                    RS256,
                    Json.object()
                        .put("private_key", notAKey)
                        .put("key_id", "k")
                        .put("client_email", "e")
                        .put("scope", "s")));

    assertTrue(e.getMessage().contains("private key"), e.getMessage());
    assertFalse(
        (e.getMessage() + e.hint()).contains("Tm90QUtleUJ1dEFTZWNyZXRWYWx1ZTEyMzQ1Njc4OTA"),
        "the error quotes the key");
  }

  @Test
  void aReservedClaimInTheAdditionalPayloadIsRefused() {
    items();
    DeclarativeError e =
        assertThrows(
            DeclarativeError.class,
            () ->
                read(
                    "{type: JwtAuthenticator, secret_key: s3cr3t, algorithm: HS256,"
                        + " additional_jwt_payload: {exp: 1}}",
                    Json.object()));
    assertTrue(e.getMessage().contains("exp"), e.getMessage());
  }

  @Test
  void theManifestIsNotReportedUnsupported() {
    ManifestLoader loader = SharedManifests.loaderValidatingWhereAvailable();
    assertEquals(
        Set.of(),
        loader.unsupported(loader.fromText("supported", AuthenticatorsTest.manifest(RS256, ""))),
        "JwtAuthenticator is run, so --check-manifests must not list it");
  }

  @Test
  void oauthWithProfileAssertionTradesASignedJwtForTheAccessToken() throws Exception {
    KeyPair pair = rsa();
    api.server.stubFor(
        post(urlPathEqualTo("/token"))
            .withRequestBody(
                containing("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"))
            .willReturn(okJson("{\"access_token\": \"at-from-jwt-123\", \"expires_in\": 3600}")));
    api.server.stubFor(
        get(urlPathEqualTo("/v2/items"))
            .withHeader("Authorization", equalTo("Bearer at-from-jwt-123"))
            .willReturn(okJson("{\"items\": [{\"id\": 1}]}")));

    FakeApi.Output out =
        read(
            "{type: OAuthAuthenticator, token_refresh_endpoint: https://auth.example.com/token,"
                + " use_profile_assertion: true, profile_assertion: "
                + RS256
                + "}",
            Json.object()
                .put("private_key", pem(pair))
                .put("key_id", "k-1")
                .put("client_email", "svc@example.com")
                .put("scope", "read-only"));

    assertEquals(1, out.records("items").size(), "the access token got for the JWT is used");
    String body =
        api.server.findAll(postRequestedFor(urlPathEqualTo("/token"))).get(0).getBodyAsString();
    String assertion =
        URLDecoder.decode(body.replaceAll(".*assertion=([^&]*).*", "$1"), StandardCharsets.UTF_8);
    assertTrue(
        JWSObject.parse(assertion).verify(new RSASSAVerifier((RSAPublicKey) pair.getPublic())),
        "the assertion is a JWT signed with the config key: " + body);
  }
}
