package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.cache.CacheDatabase;
import airbytemcp.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
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
}
