package airbytemcp.declarative;

import airbytemcp.common.HttpClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the declarative component schema comes from: a file or URL (setting {@code
 * AIRBYTE_DECLARATIVE_SCHEMA}), by default the Python CDK's published copy. Loaded once, on first
 * use. A downloaded copy is kept on disk: offline mode uses it without asking the network, and a
 * failed download falls back to it. When no schema can be had, manifests are used unvalidated (with
 * a warning) rather than refused.
 */
public final class ComponentSchemas {
  public static final String ENV = "AIRBYTE_DECLARATIVE_SCHEMA";
  public static final String DEFAULT_URL =
      "https://raw.githubusercontent.com/airbytehq/airbyte-python-cdk/main/"
          + "airbyte_cdk/sources/declarative/declarative_component_schema.yaml";
  private static final Logger LOG = LoggerFactory.getLogger(ComponentSchemas.class);

  /**
   * How a schema at a URL is had.
   *
   * @param offline never ask the network; use the kept copy or none
   * @param keptIn the folder downloaded copies are kept in; empty to keep none
   * @param http the client, asked for only when the schema is first downloaded
   */
  public record Fetching(boolean offline, Optional<Path> keptIn, Supplier<OkHttpClient> http) {
    /** Online, keeping nothing: a download on every first use. */
    public static Fetching online(Supplier<OkHttpClient> http) {
      return new Fetching(false, Optional.empty(), http);
    }
  }

  private ComponentSchemas() {}

  /**
   * A memoising supplier for the schema at {@code location} (a path or an http(s) URL; null for the
   * default).
   */
  public static Supplier<Optional<ComponentSchema>> from(String location, OkHttpClient http) {
    return lazily(location, Fetching.online(() -> http));
  }

  /** The same, fetched as {@code fetching} says. */
  public static Supplier<Optional<ComponentSchema>> lazily(String location, Fetching fetching) {
    String where = location == null || location.isBlank() ? DEFAULT_URL : location;
    return new Supplier<>() {
      private Optional<ComponentSchema> loaded;

      @Override
      public synchronized Optional<ComponentSchema> get() {
        if (loaded == null) {
          loaded = load(where, fetching);
        }
        return loaded;
      }
    };
  }

  /** For commands run without settings (e.g. --check-manifests): nothing is kept. */
  public static Supplier<Optional<ComponentSchema>> fromEnvironment(boolean offline) {
    return lazily(System.getenv(ENV), new Fetching(offline, Optional.empty(), HttpClients::shared));
  }

  private static Optional<ComponentSchema> load(String where, Fetching fetching) {
    if (!where.startsWith("http://") && !where.startsWith("https://")) {
      return read(Path.of(where), "The declarative component schema " + where);
    }
    Optional<Path> kept = fetching.keptIn().map(dir -> dir.resolve(keptName(where)));
    Optional<Path> keptCopy = kept.filter(Files::isRegularFile);
    if (fetching.offline()) {
      if (keptCopy.isEmpty()) {
        LOG.warn(
            "Offline mode is on and the declarative component schema was never downloaded, so"
                + " manifests are used without validation. To validate them offline, set {} to a"
                + " local copy of declarative_component_schema.yaml.",
            ENV);
        return Optional.empty();
      }
      return read(keptCopy.get(), "The kept copy of the declarative component schema");
    }
    try {
      String text = download(where, fetching.http());
      ComponentSchema schema = ComponentSchema.fromYaml(text);
      kept.ifPresent(file -> keep(file, text));
      return Optional.of(schema);
    } catch (IOException | DeclarativeError e) {
      if (keptCopy.isPresent()) {
        LOG.warn(
            "The declarative component schema could not be downloaded from {} ({}); using the"
                + " copy kept at {}.",
            where,
            e.getMessage(),
            keptCopy.get());
        return read(keptCopy.get(), "The kept copy of the declarative component schema");
      }
      LOG.warn(
          "The declarative component schema could not be loaded from {} ({}), so manifests are"
              + " used without validation.",
          where,
          e.getMessage());
      return Optional.empty();
    }
  }

  private static String download(String url, Supplier<OkHttpClient> http) throws IOException {
    try (Response r = http.get().newCall(new Request.Builder().url(url).get().build()).execute()) {
      if (!r.isSuccessful() || r.body() == null) {
        throw new IOException("HTTP " + r.code());
      }
      return r.body().string();
    }
  }

  private static Optional<ComponentSchema> read(Path file, String what) {
    try {
      return Optional.of(ComponentSchema.fromYaml(Files.readString(file)));
    } catch (IOException | DeclarativeError e) {
      LOG.warn(
          "{} could not be read ({}), so manifests are used without validation.",
          what,
          e.getMessage());
      return Optional.empty();
    }
  }

  /** Written beside and moved into place, so a reader never sees half a schema. */
  private static void keep(Path file, String text) {
    Path partial = null;
    try {
      Files.createDirectories(file.getParent());
      partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
      Files.writeString(partial, text);
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn(
          "The declarative component schema could not be kept at {}: {}", file, e.getMessage());
      deleteQuietly(partial);
    }
  }

  private static void deleteQuietly(Path partial) {
    if (partial == null) {
      return;
    }
    try {
      Files.deleteIfExists(partial);
    } catch (IOException e) {
      LOG.warn("{} could not be removed: {}", partial, e.getMessage());
    }
  }

  /** One kept copy per URL, so changing the setting never validates against another's schema. */
  static String keptName(String url) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return "declarative_component_schema-" + HexFormat.of().formatHex(digest, 0, 8) + ".yaml";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
