package airbytemcp.hardening;

import static airbytemcp.hardening.RegistryManifestWorld.API_KEY;
import static airbytemcp.hardening.RegistryManifestWorld.API_KEY_HEAD;
import static airbytemcp.hardening.RegistryManifestWorld.API_KEY_TAIL;
import static airbytemcp.hardening.RegistryManifestWorld.bothHalvesOfTheKeyIn;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An honest API that echoes the key it got, wrapped over lines as text formatters wrap a long word
 * (Python's textwrap breaks long words; YAML block scalars, folded headers and log continuations
 * indent the next line; PEM-style output cuts at 64 chars). Masking skipped a bare line break
 * inside a secret, but not a line break followed by indentation, nor a line break written as the
 * JSON escape {@code \n} in a JSON body shown as it came. Found by red team s: one call of
 * read_source_stream_records with {@code api_key: secret_reference::VENDOR_API_KEY} got the key
 * back in two halves, one per line, in a record and in an error; a sync put it in the cache, where
 * {@code SELECT} reads it back past the SQL fuse.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SecretWrappedOverLinesStaysHiddenTest {
  @RegisterExtension final RegistryManifestWorlds worlds = new RegistryManifestWorlds();
  private RegistryManifestWorld world;

  private void start(int status, String body) {
    world = worlds.open();
    world.start(
        "source-items-api",
        RegistryManifestWorld.ITEMS_BEHIND_AN_API_KEY.replace(
            "schema: {type: object}",
            "schema: {type: object, properties: {id: {type: integer}, note: {type: string}}}"),
        null);
    world.vendorAnswersJson(anyUrl(), API_KEY, status, body);
  }

  private RegistryManifestWorld.Answer read() {
    return world.readNatively("source-items-api", "items", RegistryManifestWorld.API_KEY_CONFIG);
  }

  private static final String A_RECORD_WRAPPING_THE_KEY_WITH_AN_INDENT =
      "{\"items\": [{\"id\": 1, \"note\": \"Token in use:\\n  "
          + API_KEY_HEAD
          + "\\n  "
          + API_KEY_TAIL
          + "\\n\"}]}";

  /** A record whose text shows the key wrapped, its second half indented as a continuation. */
  @Test
  void aKeyWrappedWithAnIndentInARecordDoesNotComeBack() {
    start(200, A_RECORD_WRAPPING_THE_KEY_WITH_AN_INDENT);
    RegistryManifestWorld.Answer answer = read();
    assertFalse(answer.isError(), answer.text());
    assertFalse(
        bothHalvesOfTheKeyIn(answer.text()),
        "the key came back wrapped over two lines: " + answer.text());
  }

  /** The same record synced: the cache must not hold the key for SQL to read. */
  @Test
  void aKeyWrappedWithAnIndentDoesNotReachTheCache() {
    start(200, A_RECORD_WRAPPING_THE_KEY_WITH_AN_INDENT);
    RegistryManifestWorld.Answer sync =
        world.syncNatively("source-items-api", RegistryManifestWorld.API_KEY_CONFIG);
    assertFalse(sync.isError(), sync.text());
    RegistryManifestWorld.Answer rows =
        world.call("run_sql_query", Map.of("sql_query", "SELECT note FROM items"));
    assertFalse(rows.isError(), rows.text());
    assertTrue(rows.text().contains("Token in use"), rows.text());
    assertFalse(
        bothHalvesOfTheKeyIn(rows.text()), "SQL read the key back from the cache: " + rows.text());
  }

  /**
   * A JSON error body that wraps its message: the line break is the escape {@code \n} in the body's
   * text, which the error shows as it came.
   */
  @Test
  void aKeyWrappedWithAJsonLineBreakInAnErrorDoesNotComeBack() {
    start(
        401,
        "{\"error\": \"The API key\\n"
            + API_KEY_HEAD
            + "\\n"
            + API_KEY_TAIL
            + "\\nis not valid for this account.\"}");
    RegistryManifestWorld.Answer answer = read();
    assertTrue(answer.isError(), answer.text());
    assertFalse(
        bothHalvesOfTheKeyIn(answer.text()),
        "the key came back, cut by a JSON line break: " + answer.text());
    assertFalse(bothHalvesOfTheKeyIn(world.stderr()), "and in the server's log: " + world.stderr());
  }
}
