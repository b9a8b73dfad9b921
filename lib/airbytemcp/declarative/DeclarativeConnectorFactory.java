package airbytemcp.declarative;

import airbytemcp.connectors.Connector;
import airbytemcp.connectors.NativeConnectorFactory;
import airbytemcp.registry.ConnectorFiles;
import airbytemcp.secrets.Masker;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The native ({@code native}/{@code yaml}) runtime for the connector resolver: a local manifest when one is given,
 * else the registry's manifest of that connector version. A manifest needing custom Python components throws
 * {@link CustomComponentsError}, for the resolver to fall back to Docker or Python.
 */
public final class DeclarativeConnectorFactory implements NativeConnectorFactory {
  private final ManifestLoader loader;
  private final RuntimeOptions options;

  public DeclarativeConnectorFactory(ManifestLoader loader, RuntimeOptions options) {
    this.loader = loader;
    this.options = options;
  }

  /** Real endpoints: the registry CDN for manifests, the connectors' own APIs for data. */
  public static DeclarativeConnectorFactory create(ConnectorFiles files, Masker masker, String schemaLocation) {
    return new DeclarativeConnectorFactory(ManifestLoader.standard(files, schemaLocation), RuntimeOptions.defaults(masker));
  }

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public Connector create(String name, Optional<String> version, Optional<Path> manifestPath) {
    Manifest m = manifestPath.isPresent() ? loader.fromPath(manifestPath.get())
        : loader.fromRegistry(name, version.orElse("latest"));
    return DeclarativeConnector.of(new Manifest(name, m.definition(), m.cdkVersion(), m.source()), options);
  }
}
