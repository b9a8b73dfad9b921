package airbytemcp.cache;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real DuckDB cache in a temporary folder, checkpointing at every state so tests see each step.
 */
final class CacheFixture {
  private CacheFixture() {}

  static final SyncOptions EVERY_STATE =
      new SyncOptions(1, Duration.ZERO, 1_000_000, Duration.ZERO);

  static DefaultCache open(Path root) {
    return open(root, EVERY_STATE);
  }

  static DefaultCache open(Path root, SyncOptions options) {
    return new DefaultCache(CacheDatabase.defaultCache(root), options);
  }

  /**
   * Rows of a query as lists of strings, through a plain connection (the cache must be closed
   * first).
   */
  static List<List<String>> rows(Path root, String sql) throws SQLException {
    Path db = root.resolve("default_cache").resolve("default_cache.duckdb");
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
