package airbytemcp.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only a sync's own connection inserts rows in no set order (DuckDB's fast parallel load): every
 * other connection keeps insertion order, so a query without ORDER BY pages through a table the
 * same way each time, and no query can change either.
 */
@Timeout(60)
class InsertionOrderTest {
  @TempDir Path root;
  private CacheDatabase database;

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  private static String insertionOrder(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_setting('preserve_insertion_order')")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void aSyncConnectionInsertsInNoSetOrderWhileQueriesKeepInsertionOrder() throws Exception {
    database = CacheDatabase.defaultCache(root);
    try (Connection query = database.connect();
        Connection sync = database.connectForSync();
        Connection laterQuery = database.connect()) {
      assertEquals("false", insertionOrder(sync), "the sync's connection loads in parallel");
      assertEquals("true", insertionOrder(query), "a query connection keeps insertion order");
      assertEquals(
          "true", insertionOrder(laterQuery), "the sync's setting does not leak to later ones");
    }
  }

  @Test
  void noConnectionCanChangeTheSetting() throws Exception {
    database = CacheDatabase.defaultCache(root);
    try (Connection query = database.connect();
        Statement s = query.createStatement()) {
      assertThrows(
          SQLException.class,
          () -> s.execute("SET SESSION preserve_insertion_order = false"),
          "the configuration is locked for every connection");
      assertEquals("true", insertionOrder(query), "the query connection's setting is unchanged");
    }
  }
}
