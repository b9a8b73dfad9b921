package airbytemcp.tools;

import airbytemcp.cache.CacheDatabase;
import airbytemcp.cache.DefaultCache;
import airbytemcp.cache.SyncOptions;
import airbytemcp.config.Settings;
import airbytemcp.config.SettingsLoader;
import airbytemcp.config.Transport;
import airbytemcp.connectors.HostTools;
import airbytemcp.connectors.NativeConnectorFactory;
import airbytemcp.registry.ConnectorFiles;
import airbytemcp.registry.RegistryClient;
import airbytemcp.secrets.Masker;
import airbytemcp.secrets.SecretReferences;
import airbytemcp.testing.Environment;
import airbytemcp.testing.TestResolvers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Services for cache tool tests: the test connector on the PATH (local executor), the test registry, and a real
 * DuckDB cache under a temporary folder that checkpoints at every state.
 */
public final class CacheToolsFixture {
  /** The test connector's key, given to it as secret_reference::FAKE_API_KEY. */
  public static final String API_KEY = "fake-key-0123456789";
  public static final String API_KEY_SECRET = "FAKE_API_KEY";
  public static final String API_KEY_REFERENCE = "secret_reference::" + API_KEY_SECRET;

  private CacheToolsFixture() {}

  public static Services services(Path workDir, Masker masker) {
    return services(workDir, masker, TestResolvers.pathWithFake());
  }

  /** Services whose connectors are found on {@code path}. */
  public static Services services(Path workDir, Masker masker, HostTools path) {
    Settings settings = SettingsLoader.load(Map.of(
            SettingsLoader.CACHE_ROOT, workDir.resolve("cache").toString(),
            SettingsLoader.PROJECT_DIR, workDir.toString(),
            SettingsLoader.LOCAL_REGISTRY, Environment.resource("fake-connector/registry.json").toString(),
            API_KEY_SECRET, API_KEY),
        workDir, workDir, Transport.STDIO);
    RegistryClient registry = new RegistryClient(settings.registry(), settings.projectDir());
    DefaultCache cache = new DefaultCache(CacheDatabase.defaultCache(settings.cacheRoot()),
        new SyncOptions(1, Duration.ZERO, 1_000_000, Duration.ZERO));
    return new Services(settings, masker, new SecretReferences(settings.secrets(), masker), registry,
        new ConnectorFiles(settings.registry()),
        TestResolvers.create(workDir, path, TestResolvers.NO_DOCKER,
            NativeConnectorFactory.unavailable(), masker, TestResolvers.LIMITS),
        cache);
  }

  public static ToolDefinition tool(Services services, String name) {
    return new CacheTools(services).definitions().stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow();
  }
}
