package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.cloud.FakeAirbyte;
import airbytemcp.hardening.InjectedAgentWorld.Answer;
import airbytemcp.testing.FakeConnector;
import airbytemcp.testing.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prompt-injected agent on stdio tries to read files out through every argument that names a
 * file: the dotenv file (whose path list_dotenv_secrets shows), /etc/passwd, a private key behind a
 * symlink, /dev/zero, a FIFO, and files whose parse errors would quote them. Each attempt is
 * refused, reads like a missing file, sends nothing to Airbyte, and no secret reaches the agent or
 * the log.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PromptInjectedAgentFilesTest {
  @TempDir static Path dir;
  static InjectedAgentWorld world;
  static Path fifo;
  static Path linkToKey;
  static Path brokenYaml;
  static Path secretMapping;

  @BeforeAll
  static void start() throws Exception {
    world = new InjectedAgentWorld(dir).start();
    linkToKey = Files.createSymbolicLink(dir.resolve("manifest.yaml"), world.sshKey);
    brokenYaml =
        Files.writeString(
            dir.resolve("broken.yaml"),
            "version: 6.0.0\ntype: DeclarativeSource\npassword: \""
                + InjectedAgentWorld.FILE_SECRET
                + "\n  : [\n");
    secretMapping =
        Files.writeString(
            dir.resolve("settings.yaml"),
            "db_password: " + InjectedAgentWorld.FILE_SECRET + "\nhost: db.internal\n");
    if (Files.isExecutable(Path.of("/usr/bin/mkfifo"))) {
      fifo = dir.resolve("pipe.yaml");
      new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
    }
  }

  @AfterAll
  static void stop() {
    if (world != null) {
      world.assertNothingLeaked();
      world.close();
    }
  }

  /** The paths an attacker tries; each must be refused. */
  static List<String> hostilePaths() {
    List<String> paths =
        new ArrayList<>(
            List.of(
                world.dotenv.toString(),
                "/etc/passwd",
                "/proc/self/environ",
                "/dev/zero",
                linkToKey.toString(),
                world.sshKey.toString(),
                dir + "/../" + dir.getFileName() + "/airbyte_mcp.env"));
    if (fifo != null) {
      paths.add(fifo.toString());
    }
    return paths;
  }

  private static Map<String, Object> args(Object... pairs) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private static void assertRefusedWithoutLeak(Answer answer, String what) {
    assertTrue(
        answer.isError() || answer.text().contains("\"valid\":false"),
        what + " was accepted: " + answer.text());
    assertFalse(
        answer.text().contains("input validation failed"),
        what + " never reached the tool: " + answer.text());
    assertNull(answer.leak(), what + " leaked " + answer.leak());
  }

  /** Refused by the file guard itself: the message every refused or missing file gets. */
  private static void assertRefusedAsAFile(Answer answer, String what) {
    assertRefusedWithoutLeak(answer, what);
    assertTrue(
        answer.text().contains("cannot be used: the file may not exist or may not be readable"),
        what + ": " + answer.text());
  }

  @Test
  void publishingAFileAsTheManifestIsRefusedWhateverPreValidateSaysAndNothingIsSent() {
    Prerequisites.require(fifo != null, "mkfifo");
    long before = world.airbyteRequestsTo("declarative_sources");
    for (String path : hostilePaths()) {
      for (boolean preValidate : List.of(false, true)) {
        Answer answer =
            world.call(
                "publish_custom_source_definition",
                args("name", "innocent", "manifest_yaml", path, "pre_validate", preValidate));
        assertRefusedAsAFile(answer, "manifest_yaml=" + path);
      }
    }
    assertEquals(
        before, world.airbyteRequestsTo("declarative_sources"), "no manifest reached Airbyte");
  }

  /** The answer to publishing this path, with the path it names (as given) made {@code <path>}. */
  private String publishRefusal(String path) {
    return world
        .call("publish_custom_source_definition", args("name", "x", "manifest_yaml", path))
        .text()
        .replace("'" + path + "'", "'<path>'");
  }

  @Test
  void aRefusedFileReadsExactlyLikeAMissingOne() {
    String missing = publishRefusal(dir.resolve("no-such.yaml").toString());
    String dotenv = publishRefusal(world.dotenv.toString());
    String passwd = publishRefusal("/etc/passwd");
    assertTrue(missing.contains("'<path>'"), "the refusal names the path given: " + missing);
    assertEquals(missing, dotenv, "the dotenv file's refusal tells that it exists");
    assertEquals(missing, passwd, "/etc/passwd's refusal tells that it exists");
  }

  @Test
  void aReadableYamlMappingThatIsNotAManifestIsNotUploadedEvenWithoutPreValidation() {
    long before = world.airbyteRequestsTo("declarative_sources");
    Answer answer =
        world.call(
            "publish_custom_source_definition",
            args(
                "name",
                "innocent",
                "manifest_yaml",
                secretMapping.toString(),
                "pre_validate",
                false));
    assertRefusedWithoutLeak(answer, "a settings file as manifest");
    assertTrue(answer.text().contains("not a declarative source manifest"), answer.text());
    Answer update =
        world.call(
            "update_custom_source_definition",
            args(
                "definition_id",
                FakeAirbyte.DEFINITION,
                "manifest_yaml",
                "just: a mapping\nwith: no streams\n",
                "pre_validate",
                false));
    assertRefusedWithoutLeak(update, "update with a mapping that is not a manifest");
    assertEquals(
        before, world.airbyteRequestsTo("declarative_sources"), "nothing was sent to Airbyte");
  }

  // Red team g's lead: source-file with local storage reads what its config names, on this machine.
  @Test
  void aConnectorIsGivenNoFileInAPlaceToolsMayNotRead() {
    for (String file :
        List.of(
            world.dotenv.toString(),
            "file://" + world.sshKey,
            "~/.ssh/id_ed25519",
            "/proc/self/environ",
            "../../../.ssh/id_ed25519")) {
      Answer answer = validateReadingLocally(file);
      assertRefusedWithoutLeak(answer, "a config naming " + file);
      assertTrue(
          answer.text().contains("places tools may not read, at: provider.url"),
          "refused for the file it names: " + answer.text());
    }
  }

  @Test
  void aConnectorIsStillGivenAFileInAnAllowedPlace() {
    Answer answer = validateReadingLocally(dir.resolve("data.csv").toString());
    assertFalse(answer.text().contains("places tools may not read"), answer.text());
  }

  /**
   * A registry connector's config that reads {@code file} from this machine (source-file's way).
   */
  private static Answer validateReadingLocally(String file) {
    return world.call(
        "validate_connector_config",
        args(
            "connector_name",
            FakeConnector.NAME,
            "config",
            Map.of(
                "api_key",
                "secret_reference::FAKE_API_KEY",
                "provider",
                Map.of("storage", "local", "url", file))));
  }

  // Failed before the fix (red team f, finding 1): a streams list was all the shape check asked.
  @Test
  void aFileBasedSourcesConfigIsNotUploadedAsAManifest() throws Exception {
    Path s3 =
        Files.writeString(
            dir.resolve("s3-orders.yaml"),
            "bucket: acme-orders\naws_secret_access_key: "
                + InjectedAgentWorld.FILE_SECRET
                + "\nstreams:\n  - name: orders\n    globs: ['*.csv']\n    format: {filetype: csv}\n");
    refusedToPublish(
        s3, "a file-based source's config as manifest", "not a declarative source manifest");
  }

  @Test
  void aManifestHoldingTheUsersSecretIsNotUploaded() throws Exception {
    Path manifest =
        Files.writeString(
            dir.resolve("keyed-manifest.yaml"),
            "version: 6.0.0\ntype: DeclarativeSource\nstreams: []\ndefinitions:\n  auth:\n"
                + "    api_token: "
                + InjectedAgentWorld.DOTENV_KEY
                + "\n");
    refusedToPublish(
        manifest, "a manifest with a dotenv value written out", "definitions.auth.api_token");
  }

  /**
   * Publishing {@code file} without pre-validation is refused, saying {@code why}, and sends
   * nothing.
   */
  private static void refusedToPublish(Path file, String what, String why) {
    long before = world.airbyteRequestsTo("declarative_sources");
    Answer answer =
        world.call(
            "publish_custom_source_definition",
            args("name", "innocent", "manifest_yaml", file.toString(), "pre_validate", false));
    assertRefusedWithoutLeak(answer, what);
    assertTrue(answer.text().contains(why), answer.text());
    assertEquals(
        before, world.airbyteRequestsTo("declarative_sources"), "nothing was sent to Airbyte");
  }

  @Test
  void aRealManifestFileIsStillPublished() throws Exception {
    Path manifest =
        Files.writeString(
            dir.resolve("good-manifest.yaml"),
            "version: 6.0.0\ntype: DeclarativeSource\n" + "streams: []\n");
    Answer answer =
        world.call(
            "publish_custom_source_definition",
            args("name", "good-one", "manifest_yaml", manifest.toString(), "unique", false));
    assertFalse(answer.isError(), answer.text());
    assertTrue(answer.text().contains("Definition ID"), answer.text());
  }

  @Test
  void everyLocalToolRefusesHostileManifestAndConfigPathsQuickly() {
    Prerequisites.require(fifo != null, "mkfifo");
    for (String tool :
        List.of(
            "validate_connector_config",
            "list_source_streams",
            "read_source_stream_records",
            "sync_source_to_cache")) {
      String name =
          tool.equals("validate_connector_config") ? "connector_name" : "source_connector_name";
      for (String argument : List.of("manifest_path", "config_file", "config")) {
        for (String path : hostilePaths()) {
          long start = System.nanoTime();
          Map<String, Object> arguments = args(name, FakeConnector.NAME, argument, path);
          if (tool.equals("read_source_stream_records")) {
            arguments.put("stream_name", "users");
          }
          Answer answer = world.call(tool, arguments);
          assertRefusedAsAFile(answer, tool + " " + argument + "=" + path);
          assertTrue(
              System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20),
              tool + " " + argument + "=" + path + " took too long (a device or FIFO was read?)");
        }
      }
    }
  }

  @Test
  void parseErrorsGiveLineAndColumnButNeverTheFilesText() {
    Answer local =
        world.call(
            "list_source_streams",
            args("source_connector_name", "source-mine", "manifest_path", brokenYaml.toString()));
    assertRefusedWithoutLeak(local, "a broken manifest_path");
    assertTrue(local.text().contains("line "), "the error says where: " + local.text());

    Answer config =
        world.call(
            "validate_connector_config",
            args("connector_name", FakeConnector.NAME, "config_file", brokenYaml.toString()));
    assertRefusedWithoutLeak(config, "a broken config_file");
    assertTrue(config.text().contains("line "), "the error says where: " + config.text());

    Answer published =
        world.call(
            "publish_custom_source_definition",
            args("name", "broken", "manifest_yaml", brokenYaml.toString(), "pre_validate", false));
    assertRefusedWithoutLeak(published, "a broken manifest file");
    assertTrue(published.text().contains("line "), "the error says where: " + published.text());

    Answer inline =
        world.call(
            "publish_custom_source_definition",
            args(
                "name",
                "broken",
                "manifest_yaml",
                "streams: []\nkey: \"" + InjectedAgentWorld.FILE_SECRET + "\n  : [\n"));
    assertRefusedWithoutLeak(inline, "broken inline YAML");
  }

  @Test
  void aDestinationPathInADeniedPlaceIsRefusedBeforeAnythingRuns() {
    for (String path :
        List.of(
            dir.resolve("home/.ssh/authorized_keys").toString(),
            "/etc/cron.d/evil",
            world.dotenv.toString(),
            // relative: read back from the server's working folder, so checked there
            ".ssh/authorized_keys",
            "data/.env")) {
      Answer answer =
          world.call(
              "destination_smoke_test",
              args(
                  "destination_connector_name",
                  "destination-duckdb",
                  "config",
                  Map.of("destination_path", path)));
      assertRefusedWithoutLeak(answer, "destination_path=" + path);
      assertTrue(answer.text().contains("destination_path cannot be used"), answer.text());
    }
    assertFalse(
        Files.exists(dir.resolve("home/.ssh/authorized_keys")), "nothing was written into ~/.ssh");
  }
}
