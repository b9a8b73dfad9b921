package airbytemcp.cache;

import static airbytemcp.cache.Protocol.catalog;
import static airbytemcp.cache.Protocol.record;
import static airbytemcp.cache.Protocol.stream;
import static airbytemcp.cache.Protocol.streamState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connector whose discovered catalog reflects a config value (source-file names its stream after
 * {@code dataset_name}, file-based sources after {@code streams[].name}): an injected agent puts
 * {@code secret_reference::X} into that non-secret field. The record values are masked before they
 * reach DuckDB; the catalog text (stream name, table name, column names, JSON schema) must be too,
 * or SQL computes the secret back in a form no answer masker knows.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CatalogSecretsNeverCachedTest {
  /** A UUID-style token: lower case and hyphens, as many API keys are. */
  private static final String SECRET = "3f9c2a7e-51d4-4b8e-9a60-c2d7e1f04b93";

  @TempDir Path root;
  private final Masker masker = new Masker();

  CatalogSecretsNeverCachedTest() {
    masker.register(SECRET);
  }

  private DefaultCache cache() {
    return new DefaultCache(CacheDatabase.defaultCache(root), CacheFixture.EVERY_STATE, masker);
  }

  private void syncReflectingCatalog(String streamName) {
    ObjectNode reflected =
        stream(
            streamName,
            "{\"id\": {\"type\": \"integer\"}, \"col_"
                + SECRET
                + "\": {\"type\": \"string\", \"description\": \"key "
                + SECRET
                + "\"}}",
            List.of("id"),
            "id");
    FakeSource source =
        FakeSource.emitting(
            "source-file",
            catalog(reflected),
            List.of(
                record(streamName, "{\"id\": 1, \"col_" + SECRET + "\": \"x\"}"),
                streamState(streamName, "{\"id\": 1}")));
    try (DefaultCache cache = cache()) {
      cache.sync(
          source, Json.object(), source.discover(null), List.of(streamName), SyncListener.NONE);
    }
  }

  private String everyStoredName() throws Exception {
    return CacheFixture.rows(
                root,
                "SELECT stream_name || ' ' || table_name || ' ' || catalog_metadata "
                    + "FROM _airbyte_streams")
            .toString()
        + CacheFixture.rows(
                root,
                "SELECT table_name || '.' || column_name FROM information_schema.columns "
                    + "WHERE table_schema = 'main'")
            .toString();
  }

  @Test
  void aStreamNamedAfterASecretIsRefusedBeforeATableIsMade() {
    CacheError refused =
        assertThrows(CacheError.class, () -> syncReflectingCatalog("ds_" + SECRET));
    assertFalse(refused.getMessage().contains(SECRET), refused.getMessage());
    assertFalse(
        Files.exists(root.resolve("default_cache").resolve("default_cache.duckdb")),
        "nothing was written");
  }

  @Test
  void fieldNamesAndSchemaTextAreNotStoredInClear() throws Exception {
    syncReflectingCatalog("files");
    // a later process, or SQL, reads the file with no masker
    String stored = everyStoredName();
    assertFalse(stored.contains(SECRET), "the catalog's secret is in the cache file: " + stored);
    assertFalse(
        stored.replace('_', '-').contains(SECRET),
        "a column name spells the secret, normalised: " + stored);
    assertTrue(stored.contains("key ****"), "the schema is kept, masked: " + stored);
    assertEquals(
        List.of(List.of("1")), CacheFixture.rows(root, "SELECT id FROM files"), "the rows stay");
  }

  @Test
  void sqlHasNoCatalogSecretToComputeBack() throws Exception {
    syncReflectingCatalog("files");
    List<Map<String, Object>> rows;
    try (DefaultCache cache = cache()) {
      // the agent's run_sql_query: every char followed by a space, which no masked form covers
      rows =
          cache.query(
              "SELECT regexp_replace(stream_name || catalog_metadata, '(.)', '\\1 ', 'g') AS s "
                  + "FROM _airbyte_streams",
              10);
    }
    String answer = masker.mask(Json.write(rows)); // what ToolAdapter would send
    assertFalse(
        answer.replace(" ", "").contains(SECRET),
        "run_sql_query hands the secret out spaced: " + answer);
  }
}
