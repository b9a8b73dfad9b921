package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a template may do with a config value that is a secret: use it as it is, escape it, encode
 * it with Base64 beside a user name, test it or count it; not slice it or read a date or number
 * from it. The stdio attacks are {@code hardening.SecretTransformedByTemplateTest} and {@code
 * hardening.SecretReadAsDateThroughAMacroTest}.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class SecretDecoysTest {
  private static final String KEY = "sk-Decoy-Test-7Hq2Lw9Zp";
  private static final String NUMBER = "0412345678";

  private final Masker masker = new Masker();
  private final Scope scope;

  SecretDecoysTest() {
    masker.register(KEY);
    masker.register(NUMBER);
    ObjectNode config =
        Json.object().put("api_key", KEY).put("start", NUMBER).put("user", "ops@example.com");
    scope = Scope.of(config).withSecretDecoys(SecretDecoys.of(config, masker));
  }

  private String render(String template) {
    return render(template, scope);
  }

  private static String render(String template, Scope in) {
    ObjectNode component = Json.object();
    component.putObject("$parameters").put("field", "start");
    return new Tpl(component).text(TextNode.valueOf(template), in);
  }

  private void assertRefused(String template) {
    assertTrue(
        assertRefused(template, scope).contains("api_key, start"),
        "the refusal names the config fields that hold secrets");
  }

  /** The refusal's message. */
  private static String assertRefused(String template, Scope in) {
    DeclarativeError refused =
        assertThrows(
            DeclarativeError.class,
            () -> render(template, in),
            "a template that changes a secret's form was rendered: " + template);
    assertTrue(
        refused.getMessage().contains("in a form masking cannot recognize"),
        "the refusal says why: " + refused.getMessage());
    return refused.getMessage();
  }

  @Test
  void aSecretUsedAsItIsPasses() {
    assertEquals("Token token=" + KEY, render("Token token={{ config['api_key'] }}"));
  }

  @Test
  void aSecretEscapedOrEncodedBesideAUserNamePasses() {
    assertEquals(
        Base64.getEncoder()
            .encodeToString(("ops@example.com:" + KEY).getBytes(StandardCharsets.UTF_8)),
        render("{{ (config['user'] ~ ':' ~ config['api_key']) | base64encode }}"));
    assertTrue(
        render("{{ config['api_key'] | urlencode }}").contains("Decoy"),
        "a %-escaped secret is rendered");
  }

  @Test
  void aTestOfASecretOrItsLengthPasses() {
    assertEquals("pro-api", render("{{ 'pro-api' if config['api_key'] else 'api' }}"));
    assertEquals(Integer.toString(KEY.length()), render("{{ config['api_key'] | length }}"));
  }

  @Test
  void aTemplateThatReadsTheClockIsNotMistakenForOneThatChangesASecret() {
    assertTrue(
        render("{{ config.get('end') or now_utc() }}").startsWith("20"),
        "a template naming no secret field is rendered once");
    assertTrue(
        render("{{ config['api_key'] ~ '@' ~ now_utc() }}").startsWith(KEY + "@"),
        "a template that uses a secret as it is beside the clock is kept");
  }

  @Test
  void aSliceOfASecretBesideTheClockIsRefused() {
    assertRefused("{{ config.start[:4] ~ '@' ~ now_utc() }}");
    assertRefused("{{ config['api_key'][3:11] if now_utc() else '' }}");
  }

  @Test
  void aSliceOfASecretReachedThroughAComputedKeyIsRefused() {
    assertRefused("{{ config[parameters.field][:4] }}");
    assertRefused("{{ config.get(parameters['field'])[:4] }}");
    assertRefused("{% set c = config %}{{ c[parameters.field][:4] }}");
    assertRefused("{% for k, v in config.items() %}{{ v[:4] }}{% endfor %}");
  }

  @Test
  void aSliceOfAnObjectHoldingASecretIsRefused() {
    ObjectNode config = Json.object();
    config.putObject("credentials").put("auth_type", "token").put("token", KEY);
    Scope nested = Scope.of(config).withSecretDecoys(SecretDecoys.of(config, masker));

    assertTrue(
        assertRefused("{{ (config.credentials | tojson)[30:38] }}", nested)
            .contains("credentials.token"),
        "the refusal names the nested field");
    assertEquals(
        "token",
        render("{{ config.credentials.auth_type }}", nested),
        "a plain field beside the secret is read as it is");
  }

  @Test
  void aSliceOfASecretThatBecameAPartitionValueIsRefused() {
    Scope partitioned =
        scope.with("stream_partition", new PyDict(Map.of("campaign", NUMBER + "-7")));

    assertRefused("/campaigns/{{ stream_partition.campaign.split('-')[0][:6] }}", partitioned);
    assertEquals(
        "/campaigns/" + NUMBER,
        render("/campaigns/{{ stream_partition.campaign.split('-')[0] }}", partitioned),
        "the partition's secret used as it is passes");
  }

  @Test
  void aSliceOfASecretIsRefused() {
    assertRefused("/top/{{ config.start[:4] }}/{{ config.start[4:6] }}");
    assertRefused("{{ config['api_key'].split('-')[1] }}");
  }

  @Test
  void aDateOrNumberReadFromASecretIsRefused() {
    assertRefused("{{ format_datetime(config['start'], '%Y-%m-%d') }}");
    assertRefused("{{ timestamp(config['start']) }}");
  }

  /** The error would quote the slice: "'Decoy-Tes' is not a date or time this runtime can read". */
  @Test
  void aSliceOfASecretThatFailsToParseIsRefusedWithoutTheSlice() {
    String refusal = assertRefused("{{ format_datetime(config.api_key[3:12], '%Y') }}", scope);

    assertFalse(refusal.contains(KEY.substring(3, 12)), "the refusal quotes the slice: " + refusal);
  }

  @Test
  void aTemplateThatFailsOnlyForSomeSecretsIsRefused() {
    assertRefused(
        "{{ format_datetime('no date', '%Y') if config.api_key.startswith('sk-D') else 'x' }}");
  }

  @Test
  void aTemplateThatFailsAsItWouldOnAnyValueFailsWithItsOwnError() {
    DeclarativeError failure =
        assertThrows(
            DeclarativeError.class,
            () -> render("{{ format_datetime(config['api_key'], '%Y') }}"),
            "a secret that is no date cannot be formatted as one");

    assertTrue(
        failure.getMessage().contains("is not a date"),
        "the template's own error, not a refusal: " + failure.getMessage());
  }

  private boolean condition(String template) {
    return condition(template, scope);
  }

  private static boolean condition(String template, Scope in) {
    return new Tpl(Json.object().put("condition", template)).condition("condition", in, false);
  }

  /** A record filter that compares the records' values with a slice of a secret. */
  @Test
  void aConditionOnASliceOfASecretIsRefused() {
    Scope withRecord = scope.with("record", new PyDict(Map.of("prefix", KEY.substring(0, 8))));
    DeclarativeError refused =
        assertThrows(
            DeclarativeError.class,
            () -> condition("{{ record.prefix == config.api_key[:8] }}", withRecord),
            "a condition that compares a slice of a secret answered");
    assertTrue(
        refused.getMessage().contains("in a form masking cannot recognize"),
        "the refusal says why: " + refused.getMessage());
  }

  @Test
  void aConditionOnWhetherASecretIsSetPasses() {
    assertTrue(condition("{{ config.get('api_key') }}"), "a secret that is set is truthy");
    assertFalse(condition("{{ config.get('api_key') is none }}"), "and is not none");
  }

  /** source-stripe's rate limit tells a test key from a live one by its public prefix. */
  @Test
  void aTestForATextTheTemplateSpellsOutPasses() {
    String testKey = "sk_test_51HxQmVZ2eZvKYlo2C0ffee";
    masker.register(testKey);
    ObjectNode config = Json.object().put("client_secret", testKey);
    Scope stripe = Scope.of(config).withSecretDecoys(SecretDecoys.of(config, masker));

    assertEquals(
        "25",
        render(
            "{{ config.get('call_rate_limit', 25 if 'sk_test_' in config['client_secret'] else"
                + " 100) }}",
            stripe),
        "a test key's rate limit");
    assertRefused("{{ config['client_secret'][:12] }}", stripe);
    assertRefused("{{ 'sk_test_' ~ config['client_secret'][8:14] }}", stripe);
  }

  @Test
  void aPartitionHoldingASecretThatHoldsAnotherIsUsedAsItIs() {
    String account = "AC" + NUMBER + "Z";
    masker.register(account);
    ObjectNode config = Json.object().put("start", NUMBER).put("account", account);
    Scope partitioned =
        Scope.of(config)
            .withSecretDecoys(SecretDecoys.of(config, masker))
            .with("stream_partition", new PyDict(Map.of("account", account)));

    assertEquals(
        "/accounts/" + account,
        render("/accounts/{{ stream_partition.account }}", partitioned),
        "the longer secret is replaced whole, not through the shorter one inside it");
  }

  // Red team m1: decoys rotated ASCII letters and digits only, so this one's decoy was itself.
  @Test
  void aSliceOfASecretInAnotherScriptIsRefused() {
    String passphrase = "Пароль-Секрет-2024";
    masker.register(passphrase);
    ObjectNode config = Json.object().put("start", passphrase);
    Scope cyrillic = Scope.of(config).withSecretDecoys(SecretDecoys.of(config, masker));

    assertRefused("/top/{{ config.start[:4] }}/{{ config.start[4:6] }}", cyrillic);
  }

  @Test
  void aSliceOfASecretInAPartitionInAnotherCaseIsRefused() {
    Scope partitioned =
        scope.with("stream_partition", new PyDict(Map.of("id", KEY.toUpperCase(Locale.ROOT))));

    assertRefused("{{ stream_partition.id[:12] }}", partitioned);
  }

  @Test
  void aSecretThatIsAJsonObjectKeepsItsKeysInItsDecoy() {
    String privateKey = "MIIEvQIBADANBgkqhkiG9w0-Decoy-2291";
    String serviceAccount = "{\"type\":\"service_account\",\"private_key\":\"" + privateKey + "\"}";
    masker.register(serviceAccount);
    masker.register(privateKey);
    ObjectNode config = Json.object().put("credentials_json", serviceAccount);
    Scope withKey = Scope.of(config).withSecretDecoys(SecretDecoys.of(config, masker));

    Object copied =
        new Tpl(Json.object()).value(TextNode.valueOf("{{ config['credentials_json'] }}"), withKey);
    assertEquals(
        "service_account",
        copied instanceof Map<?, ?> object ? object.get("type") : copied,
        "the secret copied whole, read as an object as a migration does, passes");
    assertRefused("{{ config['credentials_json'][42:54] }}", withKey);
  }

  @Test
  void aRunWithoutSecretsRendersAsBefore() {
    Scope plain = Scope.of(Json.object().put("start", NUMBER));
    assertEquals(
        "0412",
        new Tpl(Json.object()).text(TextNode.valueOf("{{ config.start[:4] }}"), plain),
        "with no secret in the config nothing is checked");
  }
}
