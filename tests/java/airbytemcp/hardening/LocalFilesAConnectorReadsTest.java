package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.hardening.InjectedAgentWorld.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * source-file (Python mode, or a source-file program on PATH) with local storage reads what its
 * config's url names on this machine and hands it back as records. The server refuses an inline
 * value that names a file in a place tools may not read, but it recognises a file only as an
 * absolute path, a {@code ~} path, a {@code file:} URL or a climb. source-file strips any scheme
 * first (when urlparse finds one, it keeps what follows the last {@code ://}) and, with local
 * storage, opens {@code file://} plus the rest, which smart_open expands ({@code ~} too). So {@code
 * x://~/.aws/credentials}, {@code s3:///home/me/.ssh/id_ed25519} or {@code
 * https:///proc/self/environ} read the user's cloud credentials, SSH key, dotenv file or
 * environment, and none is masked but the dotenv file's values. And the check did not follow links,
 * while the connector does: {@code /var/run} is {@code /run} (Kubernetes mounts a pod's service
 * account token at {@code /var/run/secrets/kubernetes.io/serviceaccount/token}), Debian's {@code
 * /usr/lib/ssl/private} is {@code /etc/ssl/private}, and a link the user keeps in an allowed place
 * may point at a hidden file or a system folder. The tools' own file arguments were checked on both
 * the given and the real path already; config values now are too (red team m3).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalFilesAConnectorReadsTest {
  @TempDir static Path dir;
  static InjectedAgentWorld world;

  @BeforeAll
  static void start() {
    world = new InjectedAgentWorld(dir).start();
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  @Test
  void aFileInAPlaceToolsMayNotReadIsRefusedWhateverSchemeIsPutBeforeIt() {
    assertEquals(
        List.of(),
        notRefused(
            List.of(
                "x://~/.ssh/id_ed25519",
                "x://~/.aws/credentials",
                "s3://" + world.sshKey,
                "https://" + world.dotenv,
                "gs:///proc/self/environ")),
        "configs whose url source-file reads as a local file in a place tools may not read were "
            + "not refused");
  }

  @Test
  void aFileReachedThroughALinkIntoAPlaceToolsMayNotReadIsRefused() throws Exception {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Path linkToKey = Files.createSymbolicLink(keys.resolve("deploy-key"), world.sshKey);
    // as Debian's /usr/lib/ssl/private leads to /etc/ssl/private
    Path linkToSystem = Files.createSymbolicLink(keys.resolve("system"), Path.of("/etc"));
    assertEquals(
        List.of(),
        notRefused(
            List.of(
                "/var/run/secrets/kubernetes.io/serviceaccount/token",
                linkToSystem.resolve("ssl/private/ssl-cert-snakeoil.key").toString(),
                linkToKey.toString())),
        "configs whose url leads, through a link, to a place tools may not read were not refused");
  }

  /** Each url the server did not refuse as a place tools may not read, with its answer. */
  private static List<String> notRefused(List<String> urls) {
    List<String> accepted = new ArrayList<>();
    for (String url : urls) {
      Answer answer = validateReadingLocally(url);
      if (!answer.text().contains("places tools may not read")) {
        accepted.add(url + " -> " + answer.text());
      }
    }
    return accepted;
  }

  /** A registry connector's config that reads {@code url} from this machine (source-file's way). */
  private static Answer validateReadingLocally(String url) {
    return world.call(
        "validate_connector_config",
        Map.of(
            "connector_name",
            "source-fake",
            "config",
            Map.of(
                "api_key",
                "secret_reference::FAKE_API_KEY",
                "provider",
                Map.of("storage", "local", "url", url))));
  }
}
