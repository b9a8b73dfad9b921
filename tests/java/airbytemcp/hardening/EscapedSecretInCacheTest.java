package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.hardening.InjectedAgentWorld.Answer;
import airbytemcp.testing.FakeConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing DuckDB can decode into a secret is written to the cache. An API that echoes the request's
 * key inside a JSON document kept as text (an event's payload), written by Go or Gson, holds {@code
 * &} as the escape backslash-u-0026; DuckDB's JSON functions would decode it, and SQL could then
 * print it spaced out, past the query fuse. The masker knows that form, so the value is masked
 * before it is stored (found by red team m2: it did not).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class EscapedSecretInCacheTest {
  static final String KEY = SecretInForeignJsonEscapesTest.KEY;

  @TempDir Path dir;

  @Test
  void aSecretEchoedInAGoEncodedPayloadCannotBeReadBackThroughSql() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("echo-bin"));
    // the record a registry source emits for an API that echoes the request's key in an event
    // payload serialized by Go (encoding/json escapes & < > as \\u0026 \\u003c \\u003e)
    String payload =
        "{\\\"api_key\\\":\\\""
            + KEY.replace("&", "\\\\u0026").replace("<", "\\\\u003c").replace(">", "\\\\u003e")
            + "\\\"}";
    Path record =
        Files.writeString(
            bin.resolve("record.jsonl"),
            "{\"type\":\"RECORD\",\"record\":{\"stream\":\"orders\",\"emitted_at\":1,"
                + "\"data\":{\"order_id\":\""
                + payload
                + "\"}}}\n");
    Path program = bin.resolve("source-fake");
    Files.writeString(
        program,
        "#!/bin/sh\n"
            + "if [ \"$1\" = read ]; then cat '"
            + record
            + "'; exit 0; fi\n"
            + "exec '"
            + FakeConnector.program()
            + "' \"$@\"\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));

    InjectedAgentWorld world = new InjectedAgentWorld(dir.resolve("world"));
    Files.writeString(world.dotenv, "ECHO_KEY=" + KEY + "\n");
    world.with("PATH", bin + ":" + world.env.get("PATH"));
    try (world) {
      world.start();
      Answer sync =
          world.sync(
              "source-fake", List.of("orders"), Map.of("api_key", "secret_reference::ECHO_KEY"));
      assertFalse(sync.isError(), sync.text());
      Answer rows =
          world.sql(
              "SELECT array_to_string(string_split(json_extract_string(order_id, '$.api_key'), ''), ' ')"
                  + " AS k FROM orders");
      assertFalse(rows.isError(), rows.text());
      String spaced = String.join(" ", KEY.split(""));
      assertTrue(rows.text().contains("k"), rows.text());
      assertFalse(
          rows.text().contains(spaced),
          "the cache held the secret (Go-escaped) and SQL gave it back, spaced out: "
              + rows.text());
    }
  }
}
