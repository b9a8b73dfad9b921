package airbytemcp.cloud;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit B: an error answer that echoes the request (as HostileWorld's fake Airbyte does) is cut to
 * CappedText.LIMIT chars before it is masked (AirbyteApi.detailOf then httpError), so a secret
 * straddling char 2000 leaves its unmasked prefix; the caller chooses the cut's place by the length
 * of a field it sends before the secret.
 */
class CappedDetailCutLeakTest {
  @TempDir Path dir;
  private final FakeAirbyte fake = new FakeAirbyte();
  private final Masker masker = new Masker();

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void anEchoedSecretAcrossTheCapLeavesNoPrefix() {
    String secret = FakeAirbyte.TOKEN;
    String prefix = secret.substring(0, secret.length() - 1);
    fake.token();
    String detail = "z".repeat(CappedText.LIMIT - prefix.length()) + secret + " is not valid";
    fake.publicStatus(
        "PATCH",
        "/sources/" + FakeAirbyte.SOURCE,
        400,
        Json.write(Json.object().put("detail", detail)));
    AirbyteApi api = fake.cloud(FakeAirbyte.settings(fake.env(dir), dir), masker).api();
    CloudError error =
        assertThrows(
            CloudError.class,
            () -> api.patch("/sources/" + FakeAirbyte.SOURCE, Json.object().put("name", "x")));
    assertFalse(
        error.getMessage().contains(prefix),
        "a prefix of the secret is shown: ..."
            + error.getMessage().substring(Math.max(0, error.getMessage().length() - 120)));
  }
}
