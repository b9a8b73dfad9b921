package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
    return new Tpl(Json.object()).text(TextNode.valueOf(template), scope);
  }

  private void assertRefused(String template) {
    DeclarativeError refused =
        assertThrows(
            DeclarativeError.class,
            () -> render(template),
            "a template that changes a secret's form was rendered: " + template);
    assertTrue(
        refused.getMessage().contains("api_key, start"),
        "the refusal names the config fields that hold secrets: " + refused.getMessage());
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
        "a template whose own result changes between renderings cannot be judged, and is kept");
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

  @Test
  void aRunWithoutSecretsRendersAsBefore() {
    Scope plain = Scope.of(Json.object().put("start", NUMBER));
    assertEquals(
        "0412",
        new Tpl(Json.object()).text(TextNode.valueOf("{{ config.start[:4] }}"), plain),
        "with no secret in the config nothing is checked");
  }
}
