package airbytemcp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.testing.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
  @TempDir Path dir;

  private Path dotenv(String content) throws IOException {
    Path file = dir.resolve("airbyte_mcp.env");
    Files.writeString(file, content);
    return file;
  }

  @Test
  void everyVariableWorksFromTheDotenvFile() throws IOException {
    Path project = dir.resolve("from-dotenv");
    Path file =
        dotenv(
            String.join(
                "\n",
                "AIRBYTE_PROJECT_DIR=" + project,
                "AIRBYTE_CLOUD_MCP_SAFE_MODE=0",
                "AIRBYTE_CLOUD_MCP_READONLY_MODE=1",
                "AIRBYTE_MCP_DOMAINS_DISABLED=cloud",
                "AIRBYTE_CLOUD_WORKSPACE_ID=ws-1",
                "AIRBYTE_OFFLINE_MODE=true",
                ""));
    Settings s =
        SettingsLoader.load(
            Map.of(SettingsLoader.ENV_FILE, file.toString()), dir, dir, Transport.STDIO);
    assertEquals(project, s.projectDir());
    assertTrue(Files.isDirectory(project), "the project dir is created");
    assertFalse(s.safeMode());
    assertTrue(s.readOnlyMode());
    assertFalse(s.domainEnabled(Domain.CLOUD));
    assertEquals("ws-1", s.cloud().workspaceId().orElseThrow());
    assertTrue(s.registry().offline());
  }

  @Test
  void processEnvironmentWinsOverTheDotenvFile() throws IOException {
    Path file = dotenv("AIRBYTE_CLOUD_WORKSPACE_ID=from-file\n");
    Settings s =
        TestSettings.in(dir)
            .env(SettingsLoader.ENV_FILE, file.toString())
            .env(SettingsLoader.WORKSPACE_ID, "from-process")
            .load();
    assertEquals("from-process", s.cloud().workspaceId().orElseThrow());
  }

  @Test
  void projectDirDefaultsToDotAirbyteMcpInTheHomeFolder() {
    Settings s = SettingsLoader.load(Map.of(), dir, dir.resolve("home"), Transport.STDIO);
    assertEquals(dir.resolve("home").resolve(".airbyte-mcp"), s.projectDir());
    assertEquals(s.projectDir().resolve(".cache"), s.cacheRoot());
  }

  @Test
  void relativeProjectDirIsRefusedNamingTheVariable() {
    ConfigError e =
        assertThrows(
            ConfigError.class,
            () -> TestSettings.in(dir).env(SettingsLoader.PROJECT_DIR, "relative/dir").load());
    assertTrue(e.getMessage().contains("AIRBYTE_PROJECT_DIR"), e.getMessage());
    assertTrue(e.getMessage().contains("absolute"), e.getMessage());
  }

  @Test
  void tildeProjectDirIsRefused() {
    ConfigError e =
        assertThrows(
            ConfigError.class,
            () -> TestSettings.in(dir).env(SettingsLoader.PROJECT_DIR, "~/airbyte").load());
    assertTrue(
        e.getMessage().contains("AIRBYTE_PROJECT_DIR"),
        "expected AIRBYTE_PROJECT_DIR in: " + e.getMessage());
  }

  @Test
  void projectDirThatIsAFileIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    ConfigError e =
        assertThrows(
            ConfigError.class,
            () -> TestSettings.in(dir).env(SettingsLoader.PROJECT_DIR, file.toString()).load());
    assertTrue(
        e.getMessage().contains("AIRBYTE_PROJECT_DIR"),
        "expected AIRBYTE_PROJECT_DIR in: " + e.getMessage());
  }

  @Test
  @Timeout(value = 1, unit = TimeUnit.MINUTES)
  void aFileInTheWayOfTheProjectDirIsNamedAsAFile() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    ConfigError e =
        assertThrows(
            ConfigError.class,
            () ->
                TestSettings.in(dir)
                    .env(SettingsLoader.PROJECT_DIR, file.resolve("sub").toString())
                    .load());
    assertTrue(e.getMessage().endsWith(file + " is a file, not a folder."), e.getMessage());
  }

  @Test
  void missingDotenvFileDoesNotStopTheServerButIsRecorded() {
    Settings s =
        TestSettings.in(dir)
            .env(SettingsLoader.ENV_FILE, dir.resolve("nope.env").toString())
            .load();
    DotenvFile file = s.envFile().orElseThrow();
    assertTrue(
        file.problem().orElseThrow().contains("does not exist"),
        "expected does not exist in: " + file.problem().orElseThrow());
  }

  @Test
  void relativeDotenvPathIsRecordedAsAProblem() {
    Settings s = TestSettings.in(dir).env(SettingsLoader.ENV_FILE, "secrets.env").load();
    assertTrue(
        s.envFile().orElseThrow().problem().orElseThrow().contains("absolute"),
        "expected absolute in: " + s.envFile().orElseThrow().problem().orElseThrow());
  }

  @Test
  void domainsAllowListKeepsOnlyThoseNamed() {
    Settings s = TestSettings.in(dir).env(SettingsLoader.DOMAINS, "registry, local").load();
    assertEquals(Set.of(Domain.REGISTRY, Domain.LOCAL), s.enabledDomains());
  }

  @Test
  void domainsDenyListRemovesThoseNamed() {
    Settings s =
        TestSettings.in(dir).env(SettingsLoader.DOMAINS_DISABLED, "cloud,interactive").load();
    assertEquals(Set.of(Domain.REGISTRY, Domain.LOCAL), s.enabledDomains());
  }

  @Test
  void bothDomainListsAreAStartUpError() {
    ConfigError e =
        assertThrows(
            ConfigError.class,
            () ->
                TestSettings.in(dir)
                    .env(SettingsLoader.DOMAINS, "registry")
                    .env(SettingsLoader.DOMAINS_DISABLED, "cloud")
                    .load());
    assertTrue(
        e.getMessage().contains("mutually exclusive"),
        "expected mutually exclusive in: " + e.getMessage());
  }

  @Test
  void unknownDomainIsAStartUpErrorListingTheKnownOnes() {
    ConfigError e =
        assertThrows(
            ConfigError.class,
            () -> TestSettings.in(dir).env(SettingsLoader.DOMAINS, "registry,warehouse").load());
    assertTrue(e.getMessage().contains("warehouse"), "expected warehouse in: " + e.getMessage());
    assertTrue(
        e.hint().contains("registry, local, cloud, interactive"),
        "expected registry, local, cloud, interactive in: " + e.hint());
  }

  @Test
  void trustedExecutionDefaultsOnForStdioAndOffForHttp() {
    assertTrue(TestSettings.in(dir).load().trustedExecution());
    assertFalse(TestSettings.in(dir).transport(Transport.HTTP).load().trustedExecution());
  }

  @Test
  void safeModeIsOnUnlessSwitchedOff() {
    assertTrue(TestSettings.in(dir).load().safeMode());
    assertFalse(TestSettings.in(dir).env(SettingsLoader.SAFE_MODE, "0").load().safeMode());
  }

  @Test
  void unreadableSwitchValueNamesTheVariable() {
    ConfigError e =
        assertThrows(
            ConfigError.class,
            () -> TestSettings.in(dir).env(SettingsLoader.READONLY_MODE, "maybe").load());
    assertTrue(
        e.getMessage().contains("AIRBYTE_CLOUD_MCP_READONLY_MODE"),
        "expected AIRBYTE_CLOUD_MCP_READONLY_MODE in: " + e.getMessage());
  }

  @Test
  void configApiUrlIsDerivedForCloudAndSelfManaged() {
    assertEquals(
        "https://cloud.airbyte.com/api/v1", TestSettings.in(dir).load().cloud().configApiUrl());
    Settings selfManaged =
        TestSettings.in(dir)
            .env(SettingsLoader.API_URL, "https://airbyte.example.com/api/public/v1/")
            .load();
    assertEquals("https://airbyte.example.com/api/public/v1", selfManaged.cloud().apiUrl());
    assertEquals("https://airbyte.example.com/api/v1", selfManaged.cloud().configApiUrl());
  }

  @Test
  void underivableConfigApiUrlAsksForTheVariable() {
    ConfigError e =
        assertThrows(
            ConfigError.class,
            () ->
                TestSettings.in(dir)
                    .env(SettingsLoader.API_URL, "https://odd.example.com/v9")
                    .load());
    assertTrue(
        e.hint().contains("AIRBYTE_CLOUD_CONFIG_API_URL"),
        "expected AIRBYTE_CLOUD_CONFIG_API_URL in: " + e.hint());
  }

  @Test
  void bearerPrefixIsStrippedFromTheToken() {
    Settings s = TestSettings.in(dir).env(SettingsLoader.BEARER_TOKEN, "Bearer abc.def").load();
    assertEquals("abc.def", s.cloud().bearerToken().orElseThrow());
  }

  @Test
  void localRegistryCanBeAFileOrAUrl() {
    Path file = dir.resolve("registry.json");
    assertEquals(
        file,
        TestSettings.in(dir)
            .env(SettingsLoader.LOCAL_REGISTRY, file.toString())
            .load()
            .registry()
            .localRegistryFile()
            .orElseThrow());
    Settings byUrl =
        TestSettings.in(dir).env(SettingsLoader.LOCAL_REGISTRY, "http://localhost:1/r.json").load();
    assertEquals("http://localhost:1/r.json", byUrl.registry().registryUrl());
    assertTrue(byUrl.registry().localRegistryFile().isEmpty());
  }

  @Test
  void registryDefaultsToAirbytesCdn() {
    assertEquals(
        "https://connectors.airbyte.com/files/registries/v0/oss_registry.json",
        TestSettings.in(dir).load().registry().registryUrl());
  }

  @Test
  void secretsAreLookedUpInProcessEnvThenDotenvThenEnvrc() throws IOException {
    Path file = dotenv("A=dotenv-a\nB=dotenv-b\n");
    Files.writeString(dir.resolve(".envrc"), "B=envrc-b\nC=envrc-c\n");
    Settings s =
        TestSettings.in(dir)
            .env(SettingsLoader.ENV_FILE, file.toString())
            .env("A", "process-a")
            .load();
    assertEquals("process-a", s.secrets().lookup("A").orElseThrow());
    assertEquals("dotenv-b", s.secrets().lookup("B").orElseThrow());
    assertEquals("envrc-c", s.secrets().lookup("C").orElseThrow());
    assertTrue(s.secrets().lookup("D").isEmpty());
  }
}
