package airbytemcp.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Anything that reads streams as Airbyte messages: a source connector, as the cache's sync engine
 * sees it (it needs no more than this, and so no connector runtime).
 */
public interface MessageSource {
  /** The source's name, e.g. {@code source-pokeapi}; the cache keys streams and state by it. */
  String name();

  /** Reads the streams of a configured catalog, resuming from {@code state} when present. */
  void read(
      JsonNode config, JsonNode configuredCatalog, Optional<JsonNode> state, MessageSink sink);
}
