package airbytemcp.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where connector metadata comes from. {@code connectorsCdnUrl} is the root under which Airbyte
 * publishes registries, specs and manifests; {@code docsUrl} the root of the documentation site.
 */
public record RegistrySettings(
    String registryUrl,
    Optional<Path> localRegistryFile,
    String connectorsCdnUrl,
    String docsUrl,
    boolean offline,
    Duration cacheTtl) {

  public static final String CDN_URL = "https://connectors.airbyte.com/files";
  public static final String DOCS_URL = "https://docs.airbyte.com";

  /**
   * How offline mode is turned off, as a hint's clause: it is off when unset, and settings are read
   * once, at start-up.
   */
  public static final String OFFLINE_MODE_OFF =
      "unset AIRBYTE_OFFLINE_MODE (in the server's environment and its dotenv file) and restart"
          + " the server";
}
