package airbytemcp.declarative;

import airbytemcp.common.HttpClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * use; when it cannot be had, manifests are used unvalidated (with a warning) rather than refused.
 */
public final class ComponentSchemas {
  public static final String ENV = "AIRBYTE_DECLARATIVE_SCHEMA";
  public static final String DEFAULT_URL =
      "https://raw.githubusercontent.com/airbytehq/airbyte-python-cdk/main/"
          + "airbyte_cdk/sources/declarative/declarative_component_schema.yaml";
  private static final Logger LOG = LoggerFactory.getLogger(ComponentSchemas.class);

  private ComponentSchemas() {}

  /**
   * A memoising supplier for the schema at {@code location} (a path or an http(s) URL; null for the
   * default).
   */
  public static Supplier<Optional<ComponentSchema>> from(String location, OkHttpClient http) {
    return lazily(location, () -> http);
  }

  /** The same, with the HTTP client asked for only when the schema is first downloaded. */
  static Supplier<Optional<ComponentSchema>> lazily(String location, Supplier<OkHttpClient> http) {
    String where = location == null || location.isBlank() ? DEFAULT_URL : location;
    return new Supplier<>() {
      private Optional<ComponentSchema> loaded;

      @Override
      public synchronized Optional<ComponentSchema> get() {
        if (loaded == null) {
          loaded = load(where, http);
        }
        return loaded;
      }
    };
  }

  public static Supplier<Optional<ComponentSchema>> fromEnvironment() {
    return lazily(System.getenv(ENV), HttpClients::shared);
  }

  private static Optional<ComponentSchema> load(String where, Supplier<OkHttpClient> http) {
    try {
      if (!where.startsWith("http://") && !where.startsWith("https://")) {
        return Optional.of(ComponentSchema.fromYaml(Files.readString(Path.of(where))));
      }
      try (Response r =
          http.get().newCall(new Request.Builder().url(where).get().build()).execute()) {
        if (!r.isSuccessful() || r.body() == null) {
          LOG.warn(
              "The declarative component schema could not be downloaded from {} (HTTP {}).",
              where,
              r.code());
          return Optional.empty();
        }
        return Optional.of(ComponentSchema.fromYaml(r.body().string()));
      }
    } catch (IOException | DeclarativeError e) {
      LOG.warn(
          "The declarative component schema could not be loaded from {}: {}",
          where,
          e.getMessage());
      return Optional.empty();
    }
  }
}
