package airbytemcp.cache;

import static airbytemcp.cache.Protocol.catalog;
import static airbytemcp.cache.Protocol.record;
import static airbytemcp.cache.Protocol.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaEvolutionTest {
  @TempDir Path root;

  private void sync(String properties, String recordJson) {
    FakeSource source =
        FakeSource.emitting(
            "source-test",
            catalog(stream("users", properties, List.of("id"), null)),
            List.of(record("users", recordJson)));
    try (DefaultCache cache = CacheFixture.open(root)) {
      cache.sync(source, Json.object(), source.discover(null), List.of("users"), SyncListener.NONE);
    }
  }

  @Test
  void aFieldNewInALaterSyncAddsAColumnAndKeepsEarlierRows() throws Exception {
    sync("{\"id\": {\"type\": \"integer\"}}", "{\"id\": 1}");
    sync(
        "{\"id\": {\"type\": \"integer\"}, \"email\": {\"type\": \"string\"}}",
        "{\"id\": 2, \"email\": \"b@x.io\"}");
    assertEquals(
        List.of(Arrays.asList("1", null), List.of("2", "b@x.io")),
        CacheFixture.rows(root, "SELECT id, email FROM users ORDER BY id"));
  }

  @Test
  void aFieldDroppedFromTheSchemaKeepsItsColumnWithNullsForNewRows() throws Exception {
    sync(
        "{\"id\": {\"type\": \"integer\"}, \"email\": {\"type\": \"string\"}}",
        "{\"id\": 1, \"email\": \"a@x.io\"}");
    sync("{\"id\": {\"type\": \"integer\"}}", "{\"id\": 2, \"email\": \"ignored\"}");
    assertEquals(
        List.of(List.of("1", "a@x.io"), Arrays.asList("2", null)),
        CacheFixture.rows(root, "SELECT id, email FROM users ORDER BY id"));
  }

  @Test
  void aColumnKeepsItsTypeWhenTheSchemaChangesIt() throws Exception {
    sync(
        "{\"id\": {\"type\": \"integer\"}, \"score\": {\"type\": \"integer\"}}",
        "{\"id\": 1, \"score\": 5}");
    sync(
        "{\"id\": {\"type\": \"integer\"}, \"score\": {\"type\": \"string\"}}",
        "{\"id\": 2, \"score\": \"7\"}");
    assertEquals(
        List.of(List.of("1", "5", "BIGINT"), List.of("2", "7", "BIGINT")),
        CacheFixture.rows(root, "SELECT id, score, typeof(score) FROM users ORDER BY id"));
  }
}
