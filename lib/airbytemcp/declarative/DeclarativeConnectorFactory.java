package airbytemcp.declarative;

import airbytemcp.connectors.Connector;
import airbytemcp.connectors.NativeConnectorFactory;
import airbytemcp.network.EgressRules;
import airbytemcp.registry.ConnectorFiles;
import airbytemcp.registry.ConnectorMetadata;
import airbytemcp.registry.ConnectorRegistry;
import airbytemcp.registry.RegistryError;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The native ({@code native}/{@code yaml}) runtime for the connector resolver: a local manifest
 * when one is given, else the registry's manifest of that connector version. A manifest needing
 * custom Python components throws {@link CustomComponentsError}, for the resolver to fall back to
 * Docker or Python.
 */
public final class DeclarativeConnectorFactory implements NativeConnectorFactory {
  private final ManifestLoader loader;

  /** Built on the first connector: the defaults build the shared HTTP client (TLS set-up). */
  private final Supplier<RuntimeOptions> options;

  /**
   * Null: connectors use the options' HTTP client as it is (tests pointing everything at a fake
   * API).
   */
  private final EgressRules egress;

  private final Supplier<ConnectorRegistry> registry;

  public DeclarativeConnectorFactory(ManifestLoader loader, RuntimeOptions options) {
    this(loader, options, null, null);
  }

  /**
   * Connectors whose connections obey {@code egress} and, for registry connectors, their {@code
   * allowedHosts}.
   */
  public DeclarativeConnectorFactory(
      ManifestLoader loader,
      RuntimeOptions options,
      EgressRules egress,
      Supplier<ConnectorRegistry> registry) {
    this(loader, () -> options, egress, registry);
  }

  private DeclarativeConnectorFactory(
      ManifestLoader loader,
      Supplier<RuntimeOptions> options,
      EgressRules egress,
      Supplier<ConnectorRegistry> registry) {
    this.loader = loader;
    this.options = options;
    this.egress = egress;
    this.registry = registry;
  }

  /**
   * Real endpoints: the registry CDN for manifests, the connectors' own APIs for data, under the
   * egress rules.
   */
  public static DeclarativeConnectorFactory create(
      ConnectorFiles files,
      Masker masker,
      Supplier<Optional<ComponentSchema>> schema,
      EgressRules egress,
      Supplier<ConnectorRegistry> registry) {
    return new DeclarativeConnectorFactory(
        new ManifestLoader(files, schema),
        new Supplier<RuntimeOptions>() {
          private RuntimeOptions defaults;

          @Override
          public synchronized RuntimeOptions get() {
            if (defaults == null) {
              defaults = RuntimeOptions.defaults(masker);
            }
            return defaults;
          }
        },
        egress,
        registry);
  }

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public Connector create(String name, Optional<String> version, Optional<Path> manifestPath) {
    Manifest m =
        manifestPath.isPresent()
            ? loader.fromPath(manifestPath.get())
            : loader.fromRegistry(name, version.orElse("latest"));
    Manifest manifest = new Manifest(name, m.definition(), m.cdkVersion(), m.source());
    if (egress == null) {
      return DeclarativeConnector.of(manifest, options.get());
    }
    // a manifest the agent supplied has no registry host list: only the address rules hold for it
    JsonNode allowedHosts = manifestPath.isPresent() ? null : registryAllowedHosts(name);
    return DeclarativeConnector.guarded(
        manifest, options.get(), new EgressGuard(egress, allowedHosts));
  }

  private JsonNode registryAllowedHosts(String name) {
    try {
      return registry.get().find(name).map(ConnectorMetadata::allowedHosts).orElse(null);
    } catch (RegistryError e) {
      throw new DeclarativeError(
          "The registry entry of "
              + name
              + " could not be read, so the hosts it may call "
              + "are unknown: "
              + e.getMessage(),
          "Try again when the registry is reachable (or set AIRBYTE_LOCAL_REGISTRY).");
    }
  }
}
