package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.cloud.FakeAirbyte;
import airbytemcp.hardening.InjectedAgentWorld.Answer;
import airbytemcp.testing.FakeConnector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A registry connector that prints its key in a form made of two encodings the masker knows only
 * one at a time. A generated password with a quote or a backslash (common in them), or a non-ASCII
 * char, changes when JSON-escaped; the masker knows that JSON form, and it knows Base64 and a
 * Python repr of the raw key, but not their compositions:
 *
 * <ul>
 *   <li>{@code python-bytes-repr}: a Python connector logs its request's JSON body, which is bytes
 *       ({@code f"body: {request.body}"} prints {@code b'{"api_key": "Kq7\\"Lm..."}'}: the JSON
 *       escapes' backslashes doubled);
 *   <li>{@code json-in-json}: an API that echoes the JSON request body as a string in its JSON
 *       error ({@code {"error": ..., "body": "{\"api_key\": \"Kq7\\\"Lm...\"}"}}), which the
 *       connector shows as the API's text;
 *   <li>{@code jwt-claim}: a token whose claims (Base64url JSON, as PyJWT and every JWT library
 *       write it) hold the key. The README says Base64 is found "also when the secret is only part
 *       of what was encoded (a Basic user:secret header, a JWT claim)"; a JWT claim is JSON, so the
 *       encoded bytes are the key's JSON escape, not the key.
 * </ul>
 *
 * Each came back from validate_connector_config (the check's message and stderr), went into the
 * cache unmasked, and came back in a Cloud job's log (red team m3).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SecretEscapedTwiceOrEncodedAsJsonTest {
  /** A generated password: a quote and a backslash among its punctuation. */
  static final String KEY = "Kq7\"Lm2\\Tn4pWz#Vb9";

  @TempDir Path dir;

  /** The connector's check: prints the key in {@code form}, to stderr and as its status message. */
  static final String ECHO =
      """
      import java.nio.file.*;
      import java.util.Base64;
      public class Echo {
        public static void main(String[] a) throws Exception {
          String form = a[0];
          String cfg = Files.readString(Path.of(a[3]));
          String key = value(cfg, "api_key");
          String body = "{\\"api_key\\": \\"" + json(key) + "\\"}";
          String line = switch (form) {
            case "python-bytes-repr" -> "POST /v1/auth failed, request body: b'" + body.replace("\\\\", "\\\\\\\\") + "'";
            case "json-in-json" -> "HTTP 401: {\\"error\\": \\"unauthorized\\", \\"request_body\\": \\"" + json(body) + "\\"}";
            case "jwt-claim" -> "token rejected: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("{\\"sub\\":\\"svc\\",\\"key\\":\\"" + json(key) + "\\"}").getBytes("UTF-8"))
                + ".c2lnbmF0dXJl";
            default -> throw new IllegalArgumentException(form);
          };
          System.err.println(line);
          System.out.println("{\\"type\\":\\"CONNECTION_STATUS\\",\\"connectionStatus\\":{\\"status\\":\\"FAILED\\",\\"message\\":\\"" + json(line) + "\\"}}");
        }
        /** As Python's json.dumps writes a string (ensure_ascii). */
        static String json(String s) {
          StringBuilder b = new StringBuilder();
          for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\\\') b.append('\\\\').append(c);
            else if (c < 0x20 || c > 0x7e) b.append(String.format(java.util.Locale.ROOT, "\\\\u%04x", (int) c));
            else b.append(c);
          }
          return b.toString();
        }
        static String value(String json, String name) {
          int i = json.indexOf("\\"" + name + "\\"");
          i = json.indexOf('"', json.indexOf(':', i) + 1) + 1;
          StringBuilder b = new StringBuilder();
          for (; json.charAt(i) != '"'; i++) {
            char c = json.charAt(i);
            if (c == '\\\\') {
              char e = json.charAt(++i);
              if (e == 'u') { b.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16)); i += 4; }
              else b.append(e == 'n' ? '\\n' : e == 't' ? '\\t' : e);
            } else b.append(c);
          }
          return b.toString();
        }
      }
      """;

  @ParameterizedTest
  @ValueSource(strings = {"python-bytes-repr", "json-in-json", "jwt-claim"})
  void theKeyPrintedInTwoEncodingsStaysHidden(String form) throws Exception {
    Path echo = Files.writeString(dir.resolve("Echo.java"), ECHO);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // the registry's source-fake, whose check prints the key it was given in one of the forms
    Path bin =
        FakeConnector.wrapped(
            dir.resolve("bin"),
            "if [ \"$1\" = check ]; then exec '"
                + java
                + "' '"
                + echo
                + "' "
                + form
                + " \"$@\"; fi\n");
    InjectedAgentWorld world =
        new InjectedAgentWorld(dir.resolve("world")).withKeyAnd("PASSWORD_KEY=" + KEY);
    world.with("PATH", bin + ":" + world.env.get("PATH"));
    try (world) {
      world.start();
      Answer answer =
          world.call(
              "validate_connector_config",
              Map.of(
                  "connector_name",
                  "source-fake",
                  "config",
                  Map.of("api_key", "secret_reference::PASSWORD_KEY")));
      String shown = printed(form);
      assertTrue(
          answer.text().contains("401")
              || answer.text().contains("rejected")
              || answer.text().contains("failed"),
          "the check did not run: " + answer.text());
      List<String> leaks = new ArrayList<>();
      if (holds(answer.text(), shown)) {
        leaks.add("the agent's answer: " + answer.text());
      }
      if (holds(world.server.stderr(), shown)) {
        leaks.add("the server's log");
      }
      assertTrue(
          leaks.isEmpty(), "the key, as " + form + " prints it (" + shown + "), reached " + leaks);
    }
  }

  /**
   * The same forms in records a sync stores: nothing is masked (the masker does not know them), so
   * the cache holds them, no fuse blows, and SQL undoes the encodings (DuckDB's JSON and Base64
   * functions) and spells the key out with a space between its chars, past the masking of answers.
   */
  @Test
  void theCacheHoldsTheKeyInTwoEncodingsAndSqlDecodesIt() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    String json = KEY.replace("\\", "\\\\").replace("\"", "\\\"");
    String echoed =
        "{\"error\": \"unauthorized\", \"request_body\": \""
            + escape("{\"api_key\": \"" + json + "\"}")
            + "\"}";
    String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + printed("jwt-claim") + ".c2lnbmF0dXJl";
    // an API's error body and a token, kept by the connector as data (an event's payload)
    Path records =
        Files.writeString(
            bin.resolve("records.jsonl"),
            "{\"type\":\"RECORD\",\"record\":{\"stream\":\"orders\",\"emitted_at\":1,\"data\":{\"order_id\":\""
                + escape(echoed)
                + "\"}}}\n"
                + "{\"type\":\"RECORD\",\"record\":{\"stream\":\"orders\",\"emitted_at\":1,\"data\":{\"order_id\":\""
                + jwt
                + "\"}}}\n");
    FakeConnector.wrapped(bin, "if [ \"$1\" = read ]; then cat '" + records + "'; exit 0; fi\n");
    InjectedAgentWorld world =
        new InjectedAgentWorld(dir.resolve("world")).withKeyAnd("PASSWORD_KEY=" + KEY);
    world.with("PATH", bin + ":" + world.env.get("PATH"));
    try (world) {
      world.start();
      Answer sync =
          world.sync(
              "source-fake",
              List.of("orders"),
              Map.of("api_key", "secret_reference::PASSWORD_KEY"));
      assertFalse(sync.isError(), sync.text());
      String spaced = String.join(" ", KEY.split(""));
      Answer fromJson =
          world.sql(
              "SELECT array_to_string(string_split(json_extract_string(json_extract_string("
                  + "order_id, '$.request_body'), '$.api_key'), ''), ' ') AS k FROM orders"
                  + " WHERE order_id LIKE '{%'");
      assertFalse(fromJson.isError(), fromJson.text());
      Answer fromJwt =
          world.sql(
              "SELECT array_to_string(string_split(json_extract_string(decode(from_base64(rpad("
                  + "replace(replace(split_part(order_id, '.', 2), '-', '+'), '_', '/'),"
                  + " CAST(((length(split_part(order_id, '.', 2)) + 3) // 4) * 4 AS INTEGER), '='))), '$.key'), ''), ' ')"
                  + " AS k FROM orders WHERE order_id LIKE 'eyJ%'");
      // no isError check: a token the cache holds masked is no Base64, so decoding it fails
      List<String> leaks = new ArrayList<>();
      if (holds(fromJson.text(), spaced)) {
        leaks.add("from the echoed JSON body: " + fromJson.text());
      }
      if (holds(fromJwt.text(), spaced)) {
        leaks.add("from the token's claims: " + fromJwt.text());
      }
      assertTrue(leaks.isEmpty(), "SQL spelled the key out of the cache " + leaks);
    }
  }

  /**
   * An Airbyte Cloud job's log, in which the connector (a Python one, as most are) logged the JSON
   * body of its failed request as bytes: get_cloud_sync_logs gives the key back.
   */
  @Test
  void aCloudJobLogWithTheRequestBodyAsPythonBytesGivesTheKeyBack() throws Exception {
    InjectedAgentWorld world = new InjectedAgentWorld(dir.resolve("world"));
    Files.writeString(world.dotenv, "PASSWORD_KEY=" + KEY + "\n", StandardOpenOption.APPEND);
    String logged =
        "POST /v1/auth 401, request body: b'{\"api_key\": \""
            + printed("python-bytes-repr")
            + "\"}'";
    world.airbyte.configJson(
        "/jobs/get",
        "{\"job\":{\"id\":7},\"attempts\":[{\"attempt\":{\"id\":1,\"status\":\"failed\","
            + "\"createdAt\":1764151200},\"logs\":{\"logLines\":[\"starting read\",\""
            + escape(logged)
            + "\",\"read failed\"]}}]}");
    try (world) {
      world.start();
      Answer logs =
          world.call(
              "get_cloud_sync_logs", Map.of("connection_id", FakeAirbyte.CONNECTION, "job_id", 7));
      assertTrue(logs.text().contains("request body"), logs.text());
      assertFalse(
          holds(logs.text(), printed("python-bytes-repr")),
          "the job's log gave the key back, as Python prints a JSON body's bytes: " + logs.text());
    }
  }

  /** A JSON string's escapes for a quote and a backslash. */
  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** What the connector prints of the key in that form (as Echo does). */
  static String printed(String form) {
    String json = KEY.replace("\\", "\\\\").replace("\"", "\\\"");
    return switch (form) {
      case "python-bytes-repr" -> json.replace("\\", "\\\\");
      case "json-in-json" -> json.replace("\\", "\\\\").replace("\"", "\\\"");
      case "jwt-claim" ->
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  ("{\"sub\":\"svc\",\"key\":\"" + json + "\"}").getBytes(StandardCharsets.UTF_8));
      default -> throw new IllegalArgumentException(form);
    };
  }

  /**
   * Whether the text holds that form as it is, or JSON-escaped once or twice more (the answer's
   * JSON).
   */
  static boolean holds(String text, String shown) {
    String s = shown;
    for (int level = 0; level < 3; level++) {
      if (text.contains(s)) {
        return true;
      }
      s = s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
    return false;
  }
}
