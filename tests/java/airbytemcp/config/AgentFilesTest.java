package airbytemcp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.testing.Prerequisites;
import airbytemcp.testing.TestSettings;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard for files named by tool arguments: what it reads, what it refuses, and that refusals
 * all read alike.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentFilesTest {
  @TempDir Path dir;
  private Path dotenv;
  private AgentFiles files;

  @BeforeEach
  void writeDotenv() throws IOException {
    dotenv =
        Files.writeString(dir.resolve("airbyte_mcp.env"), "STRIPE_KEY=sk-live-agentfiles-8812\n");
    files = new AgentFiles(List.of(dotenv), List.of(), List.of());
  }

  /**
   * The message of the refusal for this path, asserting it is a refusal, with the path it names
   * replaced by {@code <path>}: all else must read alike whatever the path.
   */
  private String refusal(String path) {
    String message = refusalAsGiven(path);
    assertTrue(message.contains("'" + path + "'"), "the refusal names " + path + ": " + message);
    return message.replace("'" + path + "'", "'<path>'");
  }

  private String refusalAsGiven(String path) {
    return assertThrows(
            AgentFiles.Refused.class,
            () -> files.read(path, "config_file"),
            path + " must be refused")
        .getMessage();
  }

  @Test
  void aRefusalNamesThePathAsGivenAndSaysTheFileMayBeMissingOrUnreadable() {
    String given = dir + "/sub/../no-such-file.yaml";
    String message = refusalAsGiven(given);
    assertTrue(
        message.startsWith("config_file '" + given + "' cannot be used"),
        "the argument and the path as the call wrote it, not normalised: " + message);
    assertTrue(
        message.contains("the file may not exist or may not be readable"),
        "says what may be wrong with the file: " + message);
  }

  @Test
  void aRefusalOfAFileWithContentNamesItsPathNeverWhatItHolds() {
    String message = refusalAsGiven(dotenv.toString());
    assertTrue(message.contains("'" + dotenv + "'"), "the path: " + message);
    assertFalse(
        message.contains("STRIPE_KEY") || message.contains("sk-live-agentfiles-8812"),
        "nothing the file holds: " + message);
  }

  private String missingFileMessage() {
    return refusal(dir.resolve("no-such-file.yaml").toString());
  }

  @Test
  void readsARegularFileInAnOrdinaryFolder() throws IOException {
    Path manifest = Files.writeString(dir.resolve("manifest.yaml"), "version: 6.0.0\n");
    assertEquals("version: 6.0.0\n", files.read(manifest.toString(), "manifest_path"));
  }

  @Test
  void theDotenvFileIsRefusedDirectlyAndThroughALinkAndTheMessageEqualsAMissingFiles()
      throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("innocent.yaml"), dotenv);
    String direct = refusal(dotenv.toString());
    assertEquals(missingFileMessage(), direct, "a refused file reads like a missing one");
    assertEquals(
        direct, refusal(link.toString()), "a link to the dotenv file is refused the same way");
    assertEquals(
        direct, refusal(dir + "/sub/../airbyte_mcp.env"), "a path with .. is normalised first");
    assertFalse(direct.contains("sk-live-agentfiles-8812"), "no content in the refusal");
  }

  @Test
  void systemFilesAndDevicesAreRefusedWithoutReadingThem() {
    String missing = missingFileMessage();
    for (String path :
        List.of(
            "/etc/passwd",
            "/etc/hostname",
            "/proc/self/environ",
            "/proc/self/cmdline",
            "/sys/kernel/hostname",
            "/dev/zero",
            "/dev/urandom",
            "/dev/stdin",
            "/etc/no-such-file",
            "/",
            "/tmp")) {
      assertEquals(missing, refusal(path), path + " is refused exactly like a missing file");
    }
  }

  @Test
  void aFifoIsRefusedInsteadOfBlockingTheCall() throws Exception {
    Prerequisites.require(
        Files.isExecutable(Path.of("/usr/bin/mkfifo")), "mkfifo is not installed");
    Path fifo = dir.resolve("pipe.yaml");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mkfifo.waitFor(), "mkfifo worked");
    assertEquals(missingFileMessage(), refusal(fifo.toString()), "a FIFO is not a regular file");
  }

  @Test
  void aFolderAndAFileAboveTheSizeLimitAreRefused() throws IOException {
    Path big = dir.resolve("big.yaml");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(AgentFiles.MAX_BYTES + 1);
    }
    assertEquals(missingFileMessage(), refusal(big.toString()), "a file above the limit");
    assertEquals(missingFileMessage(), refusal(dir.toString()), "a folder");
  }

  @Test
  void hiddenFilesAndFoldersAreRefusedAlsoThroughALink() throws IOException {
    Path ssh = Files.createDirectories(dir.resolve("home/.ssh"));
    Path key =
        Files.writeString(ssh.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\n");
    Path envFile =
        Files.writeString(Files.createDirectories(dir.resolve("project")).resolve(".env"), "X=1\n");
    Path link = Files.createSymbolicLink(dir.resolve("manifest.yaml"), key);
    String missing = missingFileMessage();
    assertEquals(missing, refusal(key.toString()), "a file in a hidden folder");
    assertEquals(missing, refusal(envFile.toString()), "a hidden file");
    assertEquals(missing, refusal(link.toString()), "a link into a hidden folder");
  }

  @Test
  void relativePathsAndTildeAreRefusedAsNotAbsolute() {
    for (String path :
        List.of("manifest.yaml", "./manifest.yaml", "~/manifest.yaml", "", "   ", "\u0000/x")) {
      String message = refusal(path);
      assertTrue(message.contains("absolute"), path + ": " + message);
    }
  }

  @Test
  void theUsersAllowedRootsLiftBuiltInDenialsButNeverTheDotenvFileOrTheirOwnDenials()
      throws IOException {
    Path hidden = Files.createDirectories(dir.resolve(".config/airbyte"));
    Path manifest = Files.writeString(hidden.resolve("manifest.yaml"), "version: 1\n");
    Path deniedRoot = Files.createDirectories(dir.resolve("private"));
    Path privateFile = Files.writeString(deniedRoot.resolve("notes.yaml"), "a: 1\n");
    AgentFiles userRules =
        new AgentFiles(List.of(dotenv), List.of(dir.resolve(".config"), dir), List.of(deniedRoot));
    assertEquals(
        "version: 1\n",
        userRules.read(manifest.toString(), "manifest_path"),
        "an allowed hidden folder");
    assertThrows(
        AgentFiles.Refused.class,
        () -> userRules.read(dotenv.toString(), "config_file"),
        "the dotenv file stays refused under an allowed root");
    assertThrows(
        AgentFiles.Refused.class,
        () -> userRules.read(privateFile.toString(), "config_file"),
        "a denied root wins over an allowed one");
  }

  @Test
  void aPlaceToWriteMayNotExistYetButMayNotBeOrLeadIntoADeniedPlace() throws IOException {
    Path out = dir.resolve("out/smoke.duckdb");
    assertEquals(out, files.requireAllowedPlace(out.toString(), "destination_path"));
    Path sshDir = Files.createDirectories(dir.resolve("home/.ssh"));
    Path link = Files.createSymbolicLink(dir.resolve("innocent"), sshDir);
    assertThrows(
        AgentFiles.Refused.class,
        () ->
            files.requireAllowedPlace(
                link.resolve("authorized_keys").toString(), "destination_path"));
    assertThrows(
        AgentFiles.Refused.class,
        () -> files.requireAllowedPlace("/etc/cron.d/x", "destination_path"));
  }

  @Test
  void theSettingsComeFromTheDotenvFileAndAllowAndDenyMustBeAbsolute() throws IOException {
    Path allowed = Files.createDirectories(dir.resolve(".manifests"));
    Path env =
        Files.writeString(
            dir.resolve("settings.env"),
            "AIRBYTE_MCP_FILE_ALLOW="
                + allowed
                + "\n"
                + "AIRBYTE_MCP_FILE_DENY=/srv/private, /opt/keys\n");
    Settings settings = TestSettings.in(dir).env(SettingsLoader.ENV_FILE, env.toString()).load();
    AgentFiles loaded = settings.agentPolicy().files();
    assertEquals(List.of(allowed), loaded.allowed());
    assertEquals(List.of(Path.of("/srv/private"), Path.of("/opt/keys")), loaded.denied());
    assertTrue(loaded.dotenvFiles().contains(env), "the dotenv file itself is denied");
    ConfigError e =
        assertThrows(
            ConfigError.class,
            () -> TestSettings.in(dir).env(SettingsLoader.FILE_DENY, "relative/dir").load());
    assertTrue(e.getMessage().contains(SettingsLoader.FILE_DENY), e.getMessage());
  }
}
