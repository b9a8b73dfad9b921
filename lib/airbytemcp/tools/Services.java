package airbytemcp.tools;

import airbytemcp.cloud.AirbyteCloud;
import airbytemcp.config.Settings;
import airbytemcp.registry.ConnectorFiles;
import airbytemcp.registry.RegistryClient;
import airbytemcp.secrets.ConnectorConfigResolver;
import airbytemcp.secrets.Masker;
import airbytemcp.secrets.SecretReferences;

/** The services tools call, wired once per server from its settings. */
public record Services(
    Settings settings,
    Masker masker,
    SecretReferences secrets,
    RegistryClient registry,
    ConnectorFiles connectorFiles,
    AirbyteCloud cloud) {

  public static Services create(Settings settings, Masker masker) {
    return new Services(
        settings,
        masker,
        new SecretReferences(settings.secrets(), masker),
        new RegistryClient(settings.registry(), settings.projectDir()),
        new ConnectorFiles(settings.registry()),
        AirbyteCloud.create(settings, masker));
  }

  /** Resolves configs given to tools; file and secret inputs need trusted execution. */
  public ConnectorConfigResolver configResolver() {
    return new ConnectorConfigResolver(secrets, masker, settings.trustedExecution());
  }
}
