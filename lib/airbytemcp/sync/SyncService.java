package airbytemcp.sync;

import airbytemcp.cache.CatalogPlanner;
import airbytemcp.cache.DefaultCache;
import airbytemcp.cache.SyncListener;
import airbytemcp.cache.SyncResult;
import airbytemcp.connectors.ConnectorRequest;
import airbytemcp.connectors.SourceOperations;
import airbytemcp.registry.ConnectorMetadata;
import airbytemcp.registry.ConnectorRegistry;
import airbytemcp.registry.RegistryError;
import airbytemcp.secrets.ConfigInput;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Supplier;

/**
 * Syncs a source named in a tool call into the default cache: resolves the connector and its
 * config, discovers its streams, picks the streams asked for and hands them to the cache's sync
 * engine. The orchestration lives here so that {@code cache} knows DuckDB and the protocol only.
 */
public final class SyncService {
  private final DefaultCache cache;
  private final SourceOperations sources;
  private final Supplier<ConnectorRegistry> registry;

  public SyncService(
      DefaultCache cache, SourceOperations sources, Supplier<ConnectorRegistry> registry) {
    this.cache = cache;
    this.sources = sources;
    this.registry = registry;
  }

  /**
   * @param streams {@code ["suggested"]}, {@code ["*"]} or stream names; see {@link
   *     StreamSelection}
   */
  public SyncResult sync(
      ConnectorRequest request, ConfigInput config, List<String> streams, SyncListener listener) {
    SourceOperations.Prepared prepared = sources.prepare(request, config);
    JsonNode catalog = prepared.connector().discover(prepared.config());
    List<String> selected =
        StreamSelection.resolve(
            streams, CatalogPlanner.streamNames(catalog), () -> suggestedStreams(request.name()));
    return cache.sync(prepared.connector(), prepared.config(), catalog, selected, listener);
  }

  /**
   * The registry's suggested streams; none when the registry cannot be had (the sync then takes all
   * streams).
   */
  private List<String> suggestedStreams(String connector) {
    try {
      return registry
          .get()
          .find(connector)
          .map(ConnectorMetadata::suggestedStreams)
          .orElse(List.of());
    } catch (RegistryError e) {
      return List.of();
    }
  }
}
