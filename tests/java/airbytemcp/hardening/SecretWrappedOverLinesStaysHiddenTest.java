package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
  private static final String KEY = RegistryManifestWorld.API_KEY;
  private static final String HEAD = KEY.substring(0, 12);
  private static final String TAIL = KEY.substring(12);

  @TempDir Path dir;
  private RegistryManifestWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  private void start(int status, String body) {
    world = new RegistryManifestWorld(dir.resolve("world"));
    world.start(
        "source-items-api",
        RegistryManifestWorld.ITEMS_BEHIND_AN_API_KEY.replace(
            "schema: {type: object}",
            "schema: {type: object, properties: {id: {type: integer}, note: {type: string}}}"),
        null);
    world.vendor.stubFor(
        get(anyUrl())
            .withHeader("X-Api-Key", equalTo(KEY))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  private static boolean bothHalves(String text) {
    return text.contains(HEAD) && text.contains(TAIL);
  }

  /** A record whose text shows the key wrapped, its second half indented as a continuation. */
  @Test
  void aKeyWrappedWithAnIndentInARecordDoesNotComeBack() {
    start(
        200,
        "{\"items\": [{\"id\": 1, \"note\": \"Token in use:\\n  "
            + HEAD
            + "\\n  "
            + TAIL
            + "\\n\"}]}");
    RegistryManifestWorld.Answer answer =
        world.readNatively(
            "source-items-api", "items", Map.of("api_key", "secret_reference::VENDOR_API_KEY"));
    assertFalse(answer.isError(), answer.text());
    assertFalse(
        bothHalves(answer.text()), "the key came back wrapped over two lines: " + answer.text());
  }

  /** The same record synced: the cache must not hold the key for SQL to read. */
  @Test
  void aKeyWrappedWithAnIndentDoesNotReachTheCache() {
    start(
        200,
        "{\"items\": [{\"id\": 1, \"note\": \"Token in use:\\n  "
            + HEAD
            + "\\n  "
            + TAIL
            + "\\n\"}]}");
    RegistryManifestWorld.Answer sync =
        world.call(
            "sync_source_to_cache",
            Map.of(
                "source_connector_name",
                "source-items-api",
                "override_execution_mode",
                "native",
                "streams",
                "*",
                "config",
                Map.of("api_key", "secret_reference::VENDOR_API_KEY")));
    assertFalse(sync.isError(), sync.text());
    RegistryManifestWorld.Answer rows =
        world.call("run_sql_query", Map.of("sql_query", "SELECT note FROM items"));
    assertFalse(rows.isError(), rows.text());
    assertTrue(rows.text().contains("Token in use"), rows.text());
    assertFalse(bothHalves(rows.text()), "SQL read the key back from the cache: " + rows.text());
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
            + HEAD
            + "\\n"
            + TAIL
            + "\\nis not valid for this account.\"}");
    RegistryManifestWorld.Answer answer =
        world.readNatively(
            "source-items-api", "items", Map.of("api_key", "secret_reference::VENDOR_API_KEY"));
    assertTrue(answer.isError(), answer.text());
    assertFalse(
        bothHalves(answer.text()), "the key came back, cut by a JSON line break: " + answer.text());
    assertFalse(bothHalves(world.stderr()), "and in the server's log: " + world.stderr());
  }
}
