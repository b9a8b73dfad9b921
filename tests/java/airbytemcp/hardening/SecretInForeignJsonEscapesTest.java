package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.hardening.InjectedAgentWorld.Answer;
import airbytemcp.secrets.Masker;
import airbytemcp.testing.FakeConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The masker finds a secret as other languages' libraries print it: JSON with {@code & < >} (Go)
 * and also {@code = '} (Gson) written as JSON's backslash-u escapes, HTML text, a query value
 * %-encoded twice, and a Python repr that escapes a quote. A registry connector that logs its
 * config with such an encoder shows nothing of it (found by red team m2: these forms went through).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SecretInForeignJsonEscapesTest {
  /** A generated password: punctuation is common in them. */
  static final String KEY = "gk-Rt83&Kq29<Vb>x7=Lm";

  static final String GO_ESCAPED = "gk-Rt83\\u0026Kq29\\u003cVb\\u003ex7=Lm";

  @TempDir Path dir;

  @Test
  void theMaskerFindsASecretInHtmlSafeJsonEscapes() {
    Masker masker = new Masker();
    masker.register(KEY);
    // Go encoding/json (and Gson without disableHtmlEscaping, which also escapes '=')
    assertHidden(masker, GO_ESCAPED, "Go's encoding/json escapes");
    assertHidden(masker, "gk-Rt83\\u0026Kq29\\u003cVb\\u003ex7\\u003dLm", "Gson's escapes");
    // an HTML page or an HTML error body of an API
    assertHidden(masker, "gk-Rt83&amp;Kq29&lt;Vb&gt;x7=Lm", "HTML-escaped");
    // a query value encoded twice (a client that encodes an already encoded parameter)
    assertHidden(masker, "gk-Rt83%2526Kq29%253CVb%253Ex7%253DLm", "%-encoded twice");
    // Python repr of a str that holds both quote kinds
    Masker python = new Masker();
    python.register("pw'With\"Both-Quotes9");
    assertHidden(python, "'pw\\'With\"Both-Quotes9'", "Python repr");
  }

  private static void assertHidden(Masker masker, String printed, String what) {
    String masked = masker.mask("error: {\"api_key\":\"" + printed + "\"}");
    assertFalse(masked.contains(printed), what + " survived masking: " + masked);
  }

  @Test
  void aRegistryConnectorLoggingItsConfigLikeGoDoesShowsTheSecret() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("go-bin"));
    Path program = bin.resolve("source-fake");
    // the registry's source-fake, except that its check prints its config as Go's encoding/json
    // does before it fails (a connector that logs what it was given)
    Files.writeString(
        program,
        "#!/bin/sh\n"
            + "if [ \"$1\" = check ]; then\n"
            + "  cfg=$(cat \"$3\")\n"
            + "  key=$(printf '%s' \"$cfg\" | sed -e 's/.*\"api_key\":\"\\([^\"]*\\)\".*/\\1/')\n"
            + "  esc=$(printf '%s' \"$key\" | sed -e 's/&/\\\\u0026/g' -e 's/</\\\\u003c/g' -e 's/>/\\\\u003e/g')\n"
            + "  printf '{\"level\":\"error\",\"msg\":\"auth failed\",\"config\":{\"api_key\":\"%s\"}}\\n' \"$esc\" >&2\n"
            + "  exit 1\n"
            + "fi\n"
            + "exec '"
            + FakeConnector.program()
            + "' \"$@\"\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
    InjectedAgentWorld world = new InjectedAgentWorld(dir.resolve("world"));
    Files.writeString(world.dotenv, "GO_KEY=" + KEY + "\n");
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
                  Map.of("api_key", "secret_reference::GO_KEY")));
      assertTrue(answer.text().contains("auth failed"), "the check did not run: " + answer.text());
      assertFalse(
          answer.text().contains(GO_ESCAPED.replace("\\", "\\\\")),
          "the secret reached the agent, escaped as Go prints JSON: " + answer.text());
    }
  }
}
