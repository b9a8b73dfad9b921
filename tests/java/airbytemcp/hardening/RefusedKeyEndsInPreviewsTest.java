package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An API refuses the user's key and names it by its ends ("Incorrect API key provided:
 * sk_live_51Hx****************Yk6N"): a stream's error in get_stream_previews is a message, so
 * those ends are masked there too, though the answer is structured data (found by red team p when
 * only tool errors and plain text hid them).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RefusedKeyEndsInPreviewsTest {
  private static final String KEY = "sk_live_51Hx9Qa2Lm7Zp4Rt8Vw3Yk6N";
  private static final String HEAD = KEY.substring(0, 12);
  private static final String TAIL = KEY.substring(KEY.length() - 4);

  @RegisterExtension final RegistryManifestWorlds worlds = new RegistryManifestWorlds();
  private RegistryManifestWorld world;

  @Test
  void aRefusedKeysEndsNamedByTheApiDoNotReachTheAgentThroughStreamPreviews() {
    world = worlds.open();
    world.extraDotenv.put("VENDOR_STRIPE_KEY", KEY);
    world.start("source-items-api", RegistryManifestWorld.ITEMS_BEHIND_AN_API_KEY, null);
    world.vendor.stubFor(
        get(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"Incorrect API key provided: "
                            + HEAD
                            + "*".repeat(KEY.length() - 16)
                            + TAIL
                            + "\",\"type\":\"invalid_request_error\"}}")));

    RegistryManifestWorld.Answer answer =
        world.call(
            "get_stream_previews",
            Map.of(
                "source_connector_name",
                "source-items-api",
                "override_execution_mode",
                "native",
                "streams",
                List.of("items"),
                "config",
                Map.of("api_key", "secret_reference::VENDOR_STRIPE_KEY")));

    assertFalse(
        answer.text().contains(HEAD) || answer.text().contains("*" + TAIL),
        "the API's message naming the user's key by its ends ("
            + HEAD
            + "…"
            + TAIL
            + ") reached the agent in get_stream_previews: "
            + answer.text());
  }
}
