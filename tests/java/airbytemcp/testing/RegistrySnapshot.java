package airbytemcp.testing;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Predicate;

/**
 * Counts read straight from the raw registry snapshot in ../shared, so tests compare the server's
 * answers with the data instead of with numbers copied from one snapshot. An entry counts when it
 * names a Docker repository (owner/name), as the server's parser requires.
 */
public final class RegistrySnapshot {
  private static JsonNode raw;

  private RegistrySnapshot() {}

  private static synchronized JsonNode raw() {
    if (raw == null) {
      try {
        raw = Json.MAPPER.readTree(SharedData.registrySnapshot().toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return raw;
  }

  /** Entries of both lists that pass the filter. */
  public static int count(Predicate<JsonNode> filter) {
    return count("sources", filter) + count("destinations", filter);
  }

  /** Entries of one list ({@code sources} or {@code destinations}) that pass the filter. */
  public static int count(String list, Predicate<JsonNode> filter) {
    int n = 0;
    for (JsonNode entry : raw().path(list)) {
      if (entry.path("dockerRepository").asText().contains("/") && filter.test(entry)) {
        n++;
      }
    }
    return n;
  }

  public static Predicate<JsonNode> any() {
    return e -> true;
  }

  /** The entry's language (its field, else its {@code language:} tag) is this one. */
  public static Predicate<JsonNode> language(String language) {
    return e -> {
      if (e.hasNonNull("language")) {
        return language.equals(e.path("language").asText());
      }
      for (JsonNode tag : e.path("tags")) {
        if (tag.asText().equals("language:" + language)) {
          return true;
        }
      }
      return false;
    };
  }

  /** The entry is published on PyPI. */
  public static Predicate<JsonNode> onPypi() {
    return e -> e.path("remoteRegistries").path("pypi").path("enabled").asBoolean(false);
  }
}
