package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.cache.CacheDatabase;
import airbytemcp.common.Json;
import airbytemcp.config.AgentFiles;
import airbytemcp.config.DotenvUpdate;
import airbytemcp.config.SecretValues;
import airbytemcp.secrets.ConfigInput;
import airbytemcp.secrets.ConnectorConfigResolver;
import airbytemcp.secrets.Masker;
import airbytemcp.secrets.RotatedConfigs;
import airbytemcp.secrets.SecretReferences;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started with umask 000 still creates its project folder, run folders and cache private
 * to its user: folders 0700, files 0600 (a connector's config 0400), so another local user can read
 * none of them.
 */
@Timeout(120)
class PrivateFilesTest {
  @TempDir Path dir;

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void theProjectFolderRunFoldersAndAHydratedConfigArePrivateWhateverTheUmask() throws Exception {
    try (SmallHeapServer server = SmallHeapServer.start(dir, "hang")) {
      server.callTool(
          "validate_connector_config",
          Json.object()
              .put("connector_name", "source-hostile")
              .set("config", Json.object().put("k", "v")));
      server.connectorPids(Duration.ofSeconds(30));
      Path config = server.connectorConfigPath();
      assertEquals("rwx------", mode(server.projectDir), "the project folder");
      assertEquals("rwx------", mode(server.projectDir.resolve("run")), "the run root");
      assertEquals("rwx------", mode(config.getParent()), "the run folder");
      assertEquals("r--------", mode(config), "the hydrated config");
    }
  }

  @Test
  void theCacheFolderAndDatabaseArePrivate() throws Exception {
    // this JVM's umask (022 on most machines) would leave them 0755 and 0644
    Path root = dir.resolve("cache-root");
    try (CacheDatabase cache = CacheDatabase.defaultCache(root)) {
      cache.connect().close();
      assertEquals("rwx------", mode(root), "the cache root");
      assertEquals("rwx------", mode(cache.cacheDir()), "the cache folder");
      assertEquals("rwx------", mode(cache.spillDir()), "the spill folder");
      assertEquals("rw-------", mode(cache.path()), "the database file");
    }
  }

  // Red team m2: a rotation wrote the new file with the umask's mode and moved it over the old one.
  @Test
  void aRotatedSecretLeavesTheDotenvFileAsPrivateAsItWas() throws Exception {
    Path dotenv = dir.resolve("airbyte_mcp.env");
    Files.writeString(dotenv, "PIPEDRIVE_REFRESH_TOKEN=old-refresh-token-Xk29\n");
    Files.setPosixFilePermissions(dotenv, PosixFilePermissions.fromString("rw-------"));

    assertTrue(DotenvUpdate.replace(dotenv, "PIPEDRIVE_REFRESH_TOKEN", "new-refresh-token-Lp47"));

    assertTrue(Files.readString(dotenv).contains("new-refresh-token-Lp47"), "the token rotated");
    assertEquals("rw-------", mode(dotenv), "the dotenv file after a rotation");
  }

  @Test
  void aRotatedTokenLeavesTheConfigFileAsPrivateAsItWasAndALinkALink() throws Exception {
    Path config = dir.resolve("pipedrive.json");
    Files.writeString(
        config, "{\"client_secret\": \"cs-In-File-Qm38\", \"refresh_token\": \"rt-old-Wn52\"}");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
    Path link = Files.createSymbolicLink(dir.resolve("linked.json"), config);
    Masker masker = new Masker();
    SecretReferences references =
        new SecretReferences(new SecretValues(Map.of(), Map.of(), Map.of(), Set.of()), masker);
    ConnectorConfigResolver resolver =
        new ConnectorConfigResolver(
            references, masker, true, new AgentFiles(List.of(), List.of(), List.of()));

    RotatedConfigs.Outcome outcome =
        new RotatedConfigs(resolver, references, masker)
            .store(
                new ConfigInput(Optional.empty(), Optional.of(link.toString()), Optional.empty()),
                Json.parse(Files.readString(config)),
                Json.parse(
                    "{\"client_secret\": \"cs-In-File-Qm38\", \"refresh_token\": \"rt-new-Zk81\"}"));

    assertEquals(List.of("refresh_token"), outcome.stored(), "the token was stored");
    assertTrue(Files.readString(config).contains("rt-new-Zk81"), "in the file the link names");
    assertTrue(Files.isSymbolicLink(link), "the link is still a link");
    assertEquals("rw-------", mode(config), "the config file after a rotation");
  }
}
