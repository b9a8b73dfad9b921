package airbytemcp.connectors;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The extension point for the JVM declarative runtime ({@code native}/{@code yaml} modes): it turns
 * a manifest (a local file, or the registry's for a name and version) into a {@link Connector}.
 */
public interface NativeConnectorFactory {
  /**
   * Marks a failure of {@link #create} that says this connector cannot run natively at all (e.g.
   * its manifest needs custom Python components); in {@code auto} mode the resolver then falls back
   * to Docker or Python.
   */
  interface Unsupported {}

  /** Whether this build can run declarative manifests at all. */
  boolean available();

  /**
   * @param version the manifest version to fetch from the registry CDN; empty for the latest
   * @param manifestPath a local manifest that wins over the registry's
   */
  Connector create(String name, Optional<String> version, Optional<Path> manifestPath);

  /** The factory of a build without the declarative runtime. */
  static NativeConnectorFactory unavailable() {
    return new NativeConnectorFactory() {
      @Override
      public boolean available() {
        return false;
      }

      @Override
      public Connector create(String name, Optional<String> version, Optional<Path> manifestPath) {
        throw new ConnectorError(
            "The native runtime for declarative (YAML) connectors is not available in this build.",
            "Run " + name + " with override_execution_mode=docker or python instead.");
      }
    };
  }
}
