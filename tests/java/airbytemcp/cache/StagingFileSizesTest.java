package airbytemcp.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Redactor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync hands DuckDB its first staging file at a quarter of the full size and its second at half,
 * so DuckDB starts early and does not wait long for more; every later file is full.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StagingFileSizesTest {
  @TempDir Path root;

  private static final int FULL_FILE = 8;
  private static final int RECORDS = 30;

  @Test
  void theFirstFileGoesAtAQuarterTheSecondAtHalfAndEveryLaterOneFull() throws Exception {
    StreamPlan plan =
        new StreamPlan("items", "items", ItemsLines.COLUMNS, List.of(), WriteStrategy.APPEND, null);
    SyncOptions options =
        new SyncOptions(Long.MAX_VALUE, Duration.ofDays(1), FULL_FILE, Duration.ofDays(1));
    CacheDatabase database = CacheDatabase.defaultCache(root);
    List<Integer> handedOverAt = new ArrayList<>();
    try (database;
        DuckDBConnection connection = database.connect()) {
      CacheTables.ensureInternalTables(connection);
      CacheTables.ensureStreamTable(connection, plan);
      connection.setAutoCommit(false);
      StreamStage stage = StreamStage.create(plan, ItemsLines.COLUMNS, database.stagingDir(), "s0");
      SyncRun run =
          new SyncRun(
              connection,
              "source-test",
              Map.of("items", stage),
              options,
              SyncListener.NONE,
              System.nanoTime(),
              Redactor.NONE);
      for (int i = 1; i <= RECORDS; i++) {
        byte[] line = ItemsLines.recordLine("{\"id\": " + i + "}").getBytes(StandardCharsets.UTF_8);
        long before = run.loadsSubmitted();
        assertTrue(run.acceptPlainLine(line, 0, line.length), "record " + i + " was not taken");
        if (run.loadsSubmitted() > before) {
          handedOverAt.add(i);
        }
      }
      run.finish();
      stage.close();
      assertEquals(
          List.of(2, 6, 14, 22, 30),
          handedOverAt,
          "files of 2, 4, then 8 records each were expected (full size 8), handed over after "
              + "these records");
      try (Statement s = connection.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(DISTINCT id) FROM main.items")) {
        rs.next();
        assertEquals(RECORDS, rs.getLong(1), "records were lost between the files");
      }
    }
  }
}
