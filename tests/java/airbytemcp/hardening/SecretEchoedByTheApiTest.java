package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An honest API that turns a request down and echoes, in its error body, the credential it got: a
 * registry manifest run natively fails the read with the body's first 300 characters, masked. The
 * key comes back as .NET's System.Text.Json writes it ({@code +}, {@code `} and {@code "} as
 * backslash-u escapes; {@code +} is in most Base64 keys) or cut to its ends as OpenAI names a key
 * it refuses ("sk-abcde***...wxyz"). Neither form may come back, to the agent or in the log. Found
 * by red team n: one call of {@code read_source_stream_records} with {@code api_key:
 * secret_reference::NAME} got both back.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SecretEchoedByTheApiTest {
  /** A Base64 key, as storage and signing keys are (40 random Base64 chars, like AWS's). */
  private static final String BASE64_KEY = "Wq7+Zk/9xR2vT+bN4mLp8sYd3QhJ0cFe+U5gAo1V";

  @RegisterExtension final RegistryManifestWorlds worlds = new RegistryManifestWorlds();
  private RegistryManifestWorld world;

  private RegistryManifestWorld.Answer read(String secretName, String key, String refusal) {
    world = worlds.open();
    world.extraDotenv.put("VENDOR_BASE64_KEY", BASE64_KEY);
    world.start("source-items-api", RegistryManifestWorld.ITEMS_BEHIND_AN_API_KEY, null);
    // the API refuses the key it received and says which one, in its own words
    world.vendorAnswersJson(anyUrl(), key, 401, refusal);
    return world.readNatively(
        "source-items-api", "items", Map.of("api_key", "secret_reference::" + secretName));
  }

  /**
   * A .NET API (System.Text.Json's default encoder) echoes the key: every {@code +} becomes {@code
   * \u002B}. The parts between the escapes come back as they are, and with them the whole key to
   * anyone who reads the escape.
   */
  @Test
  void aKeyEchoedAsDotNetEscapesItDoesNotComeBack() {
    String dotNetJson = BASE64_KEY.replace("+", "\\u002B");
    RegistryManifestWorld.Answer answer =
        read(
            "VENDOR_BASE64_KEY",
            BASE64_KEY,
            "{\"type\":\"https://tools.ietf.org/html/rfc9110#section-15.5.2\",\"title\":\"Unauthorized\","
                + "\"status\":401,\"detail\":\"Invalid API key '"
                + dotNetJson
                + "'.\"}");

    assertTrue(answer.isError(), answer.text());
    // "Zk/9xR2vT" and "bN4mLp8sYd3QhJ0cFe": runs of the key between two escapes
    assertFalse(
        answer.text().contains("Zk/9xR2vT") || answer.text().contains("bN4mLp8sYd3QhJ0cFe"),
        "the key came back, its + written as \\u002B: " + answer.text());
    assertFalse(
        world.stderr().contains("bN4mLp8sYd3QhJ0cFe"),
        "and in the server's log: " + world.stderr());
  }

  /**
   * An API that names the key it refuses by its first eight and last four characters (OpenAI's
   * "Incorrect API key provided"): "sk-RTI-d" and "82Wd" come back, the stars between are the
   * API's.
   */
  @Test
  void aKeyEchoedCutToItsEndsDoesNotComeBack() {
    String key = RegistryManifestWorld.API_KEY;
    String shownByTheApi =
        key.substring(0, 8) + "*".repeat(key.length() - 12) + key.substring(key.length() - 4);
    RegistryManifestWorld.Answer answer =
        read(
            "VENDOR_API_KEY",
            key,
            "{\"error\":{\"message\":\"Incorrect API key provided: "
                + shownByTheApi
                + ". You can find your API key at https://vendor.example/account/api-keys.\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");

    assertTrue(answer.isError(), answer.text());
    assertFalse(
        answer.text().contains(key.substring(0, 8)),
        "the key's first eight characters came back: " + answer.text());
    assertFalse(
        world.stderr().contains(key.substring(0, 8)), "and in the server's log: " + world.stderr());
  }
}
