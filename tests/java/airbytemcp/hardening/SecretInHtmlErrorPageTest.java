package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An honest API that refuses a key and names it in an HTML error page, as Go (html/template writes
 * {@code +} as {@code &#43;}) and .NET (HtmlEncoder writes {@code &#x2B;}) write HTML text: the key
 * is masked, to the agent and in the log, whatever subset of its chars was written as references
 * (found by red team o: only the named escapes were known, so a Base64 key came back in clear).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SecretInHtmlErrorPageTest {
  /** A Base64 key, as storage and signing keys are (40 random Base64 chars, like AWS's). */
  private static final String BASE64_KEY = "Wq7+Zk/9xR2vT+bN4mLp8sYd3QhJ0cFe+U5gAo1V";

  @RegisterExtension final RegistryManifestWorlds worlds = new RegistryManifestWorlds();
  private RegistryManifestWorld world;

  private RegistryManifestWorld.Answer readRefusedWithPage(String keyInHtml) {
    world = worlds.open();
    world.extraDotenv.put("VENDOR_BASE64_KEY", BASE64_KEY);
    world.start("source-items-api", RegistryManifestWorld.ITEMS_BEHIND_AN_API_KEY, null);
    world.vendor.stubFor(
        get(anyUrl())
            .withHeader("X-Api-Key", equalTo(BASE64_KEY))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "text/html; charset=utf-8")
                    .withBody(
                        "<html><body><h1>401</h1><p>Invalid key "
                            + keyInHtml
                            + "</p></body></html>")));
    return world.readNatively(
        "source-items-api", "items", Map.of("api_key", "secret_reference::VENDOR_BASE64_KEY"));
  }

  private void assertKeyNotShown(RegistryManifestWorld.Answer answer) {
    assertTrue(answer.isError(), answer.text());
    // "Zk/9xR2vT" and "bN4mLp8sYd3QhJ0cFe": runs of the key between two escapes
    assertFalse(
        answer.text().contains("Zk/9xR2vT") || answer.text().contains("bN4mLp8sYd3QhJ0cFe"),
        "the key came back, each + as an HTML character reference: " + answer.text());
    assertFalse(
        world.stderr().contains("bN4mLp8sYd3QhJ0cFe"),
        "and in the server's log: " + world.stderr());
  }

  /** Go's html/template (and text/template's html function) write {@code +} as {@code &#43;}. */
  @Test
  void aKeyInAGoHtmlPageDoesNotComeBack() {
    assertKeyNotShown(readRefusedWithPage(BASE64_KEY.replace("+", "&#43;")));
  }

  /** .NET's HtmlEncoder.Default (Razor pages) writes {@code +} as {@code &#x2B;}. */
  @Test
  void aKeyInADotNetHtmlPageDoesNotComeBack() {
    assertKeyNotShown(readRefusedWithPage(BASE64_KEY.replace("+", "&#x2B;")));
  }
}
