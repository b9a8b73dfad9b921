package airbytemcp.registry;

import airbytemcp.common.HttpClients;
import airbytemcp.common.Json;
import airbytemcp.config.RegistrySettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the connector registry: from a local file when one is configured, else from the registry
 * URL, keeping the last good copy on disk. Within its expiry the disk copy is used without asking
 * the network; offline (by setting, or because the network fails) the last good copy is used
 * whatever its age.
 */
public final class RegistryClient {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);

  private final RegistrySettings settings;
  private final Path cacheFile;
  private final Supplier<OkHttpClient> http;
  private final Clock clock;
  private volatile Loaded loaded;

  private record Loaded(ConnectorRegistry registry, Instant at) {}

  public RegistryClient(RegistrySettings settings, Path projectDir) {
    this(settings, projectDir, HttpClients::shared, Clock.systemUTC());
  }

  public RegistryClient(
      RegistrySettings settings, Path projectDir, OkHttpClient http, Clock clock) {
    this(settings, projectDir, () -> http, clock);
  }

  /** The client is asked for on the first download, so a start that sends none never builds it. */
  private RegistryClient(
      RegistrySettings settings, Path projectDir, Supplier<OkHttpClient> http, Clock clock) {
    this.settings = settings;
    this.cacheFile = projectDir.resolve("registry").resolve("oss_registry.json");
    this.http = http;
    this.clock = clock;
  }

  public synchronized ConnectorRegistry registry() {
    Loaded current = loaded;
    if (current != null && age(current.at()).compareTo(settings.cacheTtl()) < 0) {
      return current.registry();
    }
    ConnectorRegistry registry = load();
    loaded = new Loaded(registry, clock.instant());
    return registry;
  }

  private ConnectorRegistry load() {
    if (settings.localRegistryFile().isPresent()) {
      Path file = settings.localRegistryFile().get();
      return parseFile(file, "AIRBYTE_LOCAL_REGISTRY points to " + file);
    }
    boolean cached = Files.isRegularFile(cacheFile);
    if (settings.offline()) {
      if (!cached) {
        throw new RegistryError(
            "Offline mode is on and there is no cached copy of the connector registry.",
            "Set AIRBYTE_LOCAL_REGISTRY to a registry JSON file, or "
                + RegistrySettings.OFFLINE_MODE_OFF
                + " so that the registry is downloaded once (offline mode then uses that copy).");
      }
      return parseFile(cacheFile, "The cached registry " + cacheFile);
    }
    if (cached && age(modified(cacheFile)).compareTo(settings.cacheTtl()) < 0) {
      return parseFile(cacheFile, "The cached registry " + cacheFile);
    }
    try {
      return fetch();
    } catch (IOException | RegistryError e) {
      if (cached) {
        LOG.warn(
            "Could not refresh the registry from {} ({}); using the copy cached at {}",
            settings.registryUrl(),
            why(e),
            modified(cacheFile));
        return parseFile(cacheFile, "The cached registry " + cacheFile);
      }
      throw new RegistryError(
          "Could not download the connector registry from "
              + settings.registryUrl()
              + ": "
              + why(e),
          "Check the network (a proxy?), or set AIRBYTE_LOCAL_REGISTRY to a local copy of oss_registry.json.");
    }
  }

  /**
   * What went wrong, in words: the JVM remembers a failed look-up, and the second failure's message
   * is then the bare host name.
   */
  static String why(Exception e) {
    String detail = String.valueOf(e.getMessage());
    if (e instanceof UnknownHostException) {
      return "the host name did not resolve (" + detail + "; no network, or a DNS problem)";
    }
    if (e instanceof ConnectException) {
      return "the connection failed (" + detail + ")";
    }
    if (e instanceof SocketTimeoutException) {
      return "no answer in time (" + detail + ")";
    }
    return detail;
  }

  private ConnectorRegistry fetch() throws IOException {
    Request request = new Request.Builder().url(settings.registryUrl()).get().build();
    try (Response response = http.get().newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("HTTP " + response.code());
      }
      byte[] body = response.body().bytes();
      ConnectorRegistry registry;
      try {
        registry = ConnectorRegistry.parse(Json.MAPPER.readTree(body));
      } catch (IOException e) {
        throw new IOException("the answer is not JSON");
      }
      writeCache(body);
      return registry;
    }
  }

  private void writeCache(byte[] body) {
    try {
      Files.createDirectories(cacheFile.getParent());
      Path tmp = Files.createTempFile(cacheFile.getParent(), "registry", ".tmp");
      Files.write(tmp, body);
      Files.move(
          tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("Could not cache the registry at {}: {}", cacheFile, e.getMessage());
    }
  }

  private static ConnectorRegistry parseFile(Path file, String what) {
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new RegistryError(
          what + ", which cannot be read as JSON: " + e.getMessage(),
          "Point it at an Airbyte registry JSON file (oss_registry.json).");
    }
    return ConnectorRegistry.parse(json);
  }

  private Duration age(Instant at) {
    return Duration.between(at, clock.instant());
  }

  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      return Instant.EPOCH;
    }
  }
}
