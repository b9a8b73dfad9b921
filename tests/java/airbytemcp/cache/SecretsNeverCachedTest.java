package airbytemcp.cache;

import static airbytemcp.cache.Protocol.catalog;
import static airbytemcp.cache.Protocol.record;
import static airbytemcp.cache.Protocol.stream;
import static airbytemcp.cache.Protocol.streamState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.protocol.AirbyteMessage;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values that are, or hold, a secret the masker knows are masked before they reach DuckDB, whatever
 * form the connector printed them in, so no SQL can compute them back and no later process finds
 * them in the file.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecretsNeverCachedTest {
  private static final String SECRET = "sk_live_R3flect3dT0ken";
  private static final String PROPERTIES =
      "{\"id\": {\"type\": \"integer\"}, \"echo\": {\"type\": \"string\"}, "
          + "\"headers\": {\"type\": \"object\"}}";

  @TempDir Path root;
  private final Masker masker = new Masker();

  SecretsNeverCachedTest() {
    masker.register(SECRET);
  }

  private DefaultCache cache() {
    return new DefaultCache(CacheDatabase.defaultCache(root), CacheFixture.EVERY_STATE, masker);
  }

  private List<String> everyStoredText() throws Exception {
    return CacheFixture.rows(
            root,
            "SELECT echo || ' ' || coalesce(headers::VARCHAR, '') || ' ' "
                + "|| _airbyte_meta::VARCHAR FROM echoes ORDER BY id")
        .stream()
        .map(r -> r.get(0))
        .toList();
  }

  @Test
  void reflectedSecretsAreMaskedInStringsObjectsAndMeta() throws Exception {
    ObjectNode echoes = stream("echoes", PROPERTIES, List.of("id"), "id");
    String basic =
        Base64.getEncoder().encodeToString(("me:" + SECRET).getBytes(StandardCharsets.UTF_8));
    ObjectNode withMeta = (ObjectNode) record("echoes", "{\"id\": 3, \"echo\": \"plain\"}").json();
    ((ObjectNode) withMeta.path("record"))
        .set(
            "meta",
            Json.parse(
                "{\"changes\": [{\"field\": \""
                    + SECRET
                    + "\", \"change\": \"TRUNCATED\", \"reason\": \"SOURCE_RECORD_SIZE_LIMITATION\"}]}"));
    FakeSource source =
        FakeSource.emitting(
            "source-echo",
            catalog(echoes),
            List.of(
                record(
                    "echoes",
                    "{\"id\": 1, \"echo\": \"token="
                        + SECRET
                        + "\", \"headers\": {\"Authorization\": \"Basic "
                        + basic
                        + "\"}}"),
                record(
                    "echoes", "{\"id\": 2, \"echo\": \"" + SECRET.toUpperCase(Locale.ROOT) + "\"}"),
                AirbyteMessage.of(withMeta),
                streamState("echoes", "{\"id\": 3}")));
    try (DefaultCache cache = cache()) {
      cache.sync(
          source, Json.object(), source.discover(null), List.of("echoes"), SyncListener.NONE);
    }
    List<String> stored = everyStoredText();
    assertEquals(3, stored.size(), stored.toString());
    for (String text : stored) {
      assertFalse(masker.revealsSecret(text), "a secret form reached the cache: " + text);
    }
    assertTrue(
        stored.get(0).startsWith("token=**** "), "the rest of the value is kept: " + stored.get(0));
  }

  @Test
  void sqlHasNothingToComputeTheSecretBackFrom() throws Exception {
    ObjectNode echoes = stream("echoes", PROPERTIES, List.of("id"), "id");
    FakeSource source =
        FakeSource.emitting(
            "source-echo",
            catalog(echoes),
            List.of(
                record("echoes", "{\"id\": 1, \"echo\": \"" + SECRET + "\"}"),
                streamState("echoes", "{\"id\": 1}")));
    try (DefaultCache cache = cache()) {
      cache.sync(
          source, Json.object(), source.discover(null), List.of("echoes"), SyncListener.NONE);
    }
    // a later process that never registered the secret: the raw file, read with no masker at all
    List<List<String>> computed =
        CacheFixture.rows(
            root,
            "SELECT reverse(echo), upper(echo), substr(echo, 2), "
                + "to_base64(echo::BLOB), echo FROM echoes");
    String all = computed.toString();
    assertFalse(all.contains("R3flect3d"), "no part of the secret is left to compute on: " + all);
    assertEquals("****", computed.get(0).get(4));
  }

  @Test
  void anAllDigitSecretPrintedAsADoubleIsMaskedBeforeDuckDbSeesIt() throws Exception {
    String account = "739146825012";
    masker.register(account);
    ObjectNode balances =
        stream(
            "balances",
            "{\"id\": {\"type\": \"integer\"}, \"account\": {\"type\": \"number\"}}",
            List.of("id"),
            "id");
    FakeSource source =
        FakeSource.emitting(
            "source-ledger",
            catalog(balances),
            List.of(
                record("balances", "{\"id\": 1, \"account\": 7.39146825012E11}"),
                record("balances", "{\"id\": 2, \"account\": 12.5}")));
    try (DefaultCache cache = cache()) {
      cache.sync(
          source, Json.object(), source.discover(null), List.of("balances"), SyncListener.NONE);
    }
    List<List<String>> stored =
        CacheFixture.rows(
            root, "SELECT coalesce(account::VARCHAR, 'null') FROM balances ORDER BY id");
    assertFalse(
        stored.toString().contains(account), "the account number reached the cache: " + stored);
    assertTrue(stored.get(1).get(0).startsWith("12.5"), "other numbers are kept: " + stored);
  }

  @Test
  void secretsInConnectorLinesAndStatesAreMaskedToo() throws Exception {
    String escaped = "R3fl\\u0065ct3dT0ken"; // a JSON escape inside the connector's line
    Path recording = root.resolve("recording.jsonl");
    Files.createDirectories(root);
    Files.writeString(
        recording,
        String.join(
            "\n",
            "{\"type\":\"CATALOG\",\"catalog\":"
                + Json.write(catalog(stream("echoes", PROPERTIES, List.of("id"), "id")))
                + "}",
            "{\"type\":\"RECORD\",\"record\":{\"stream\":\"echoes\",\"emitted_at\":1,\"data\":{\"id\":1,\"echo\":\"sk_live_"
                + escaped
                + "\",\"headers\":{\"x\":\"sk_live_"
                + escaped
                + "\"}}}}",
            "{\"type\":\"STATE\",\"state\":{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":{\"name\":\"echoes\"},"
                + "\"stream_state\":{\"id\":1,\"cursor_token\":\""
                + SECRET
                + "\"}}}}"));
    ReplaySource source = new ReplaySource("source-echo", recording);
    try (DefaultCache cache = cache()) {
      cache.sync(
          source, Json.object(), source.discover(null), List.of("echoes"), SyncListener.NONE);
    }
    String stored =
        everyStoredText().toString()
            + CacheFixture.rows(root, "SELECT * FROM _airbyte_state").toString();
    assertFalse(
        stored.contains("R3flect3d") || stored.contains(escaped),
        "line path or state leaked: " + stored);
    assertTrue(stored.contains("****"), stored);
  }
}
