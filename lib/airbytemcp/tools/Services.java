package airbytemcp.tools;

import airbytemcp.cache.DefaultCache;
import airbytemcp.cloud.AirbyteCloud;
import airbytemcp.common.HttpClients;
import airbytemcp.config.Settings;
import airbytemcp.connectors.ConnectorResolver;
import airbytemcp.connectors.ConnectorSettings;
import airbytemcp.connectors.SecretScope;
import airbytemcp.connectors.SourceOperations;
import airbytemcp.declarative.ComponentSchemas;
import airbytemcp.declarative.DeclarativeConnectorFactory;
import airbytemcp.destinations.SmokeTestRunner;
import airbytemcp.destinations.SmokeTestService;
import airbytemcp.registry.ConnectorFiles;
import airbytemcp.registry.RegistryClient;
import airbytemcp.secrets.ConnectorConfigResolver;
import airbytemcp.secrets.Masker;
import airbytemcp.secrets.SecretReferences;
import airbytemcp.sync.SyncService;
import java.time.Clock;
import java.util.Optional;

/** The services tools call, wired once per server from its settings. */
public record Services(
    Settings settings,
    Masker masker,
    SecretReferences secrets,
    RegistryClient registry,
    ConnectorFiles connectorFiles,
    ConnectorResolver connectors,
    AirbyteCloud cloud,
    DefaultCache cache) {

  public static Services create(Settings settings, Masker masker) {
    RegistryClient registry = new RegistryClient(settings.registry(), settings.projectDir());
    ConnectorFiles files = new ConnectorFiles(settings.registry());
    return new Services(
        settings,
        masker,
        new SecretReferences(settings.secrets(), masker, settings.dotenvFiles()),
        registry,
        files,
        ConnectorResolver.create(
            settings,
            ConnectorSettings.from(settings.connectorRuntime()),
            masker,
            registry,
            DeclarativeConnectorFactory.create(
                files,
                masker,
                ComponentSchemas.lazily(
                    settings.connectorRuntime().declarativeSchema().orElse(null),
                    new ComponentSchemas.Fetching(
                        settings.registry().offline(),
                        Optional.of(settings.projectDir().resolve("declarative")),
                        HttpClients::shared)),
                settings.connectorRuntime().egress(),
                registry::registry)),
        AirbyteCloud.create(settings, masker),
        new DefaultCache(settings.cacheRoot(), masker));
  }

  /** Resolves configs given to tools; file and secret inputs need trusted execution. */
  public ConnectorConfigResolver configResolver() {
    return new ConnectorConfigResolver(
        secrets, masker, settings.trustedExecution(), settings.agentPolicy().files());
  }

  /**
   * Which connectors may receive secrets: registry ones, and agent-supplied ones only when the user
   * trusts them.
   */
  public SecretScope secretScope() {
    return new SecretScope(connectors, settings.agentPolicy().trustAgentConnectors(), masker);
  }

  /**
   * Runs local sources: config resolution, validation against the spec, check, discover and read.
   */
  public SourceOperations sources() {
    return new SourceOperations(connectors, configResolver(), secrets, masker, secretScope());
  }

  /** The destination smoke test: scenarios, the destination's config and the runner. */
  public SmokeTestService smokeTests() {
    return new SmokeTestService(
        connectors,
        configResolver(),
        secrets,
        secretScope(),
        settings.agentPolicy().files(),
        new SmokeTestRunner(Clock.systemUTC(), settings.connectorRuntime().egress()));
  }

  /** Syncs local sources into the default cache. */
  public SyncService syncs() {
    return new SyncService(cache, sources(), registry::registry);
  }
}
