package airbytemcp.cache;

import airbytemcp.common.CallScope;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one guarded statement in a read-only transaction on its own connection and returns at most N
 * rows, within a byte budget and a time limit; a cancelled tool call interrupts the statement.
 */
final class ReadOnlyQuery {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "sql-timeout");
            thread.setDaemon(true);
            return thread;
          });

  private ReadOnlyQuery() {}

  static List<Map<String, Object>> run(
      Connection connection, String sql, int maxRecords, QueryLimits limits) throws SQLException {
    String statement = SqlGuard.check(sql, connection);
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Statement control = connection.createStatement()) {
      control.execute("BEGIN TRANSACTION READ ONLY");
      AtomicBoolean timedOut = new AtomicBoolean();
      try (Statement query = connection.createStatement();
          CallScope.Registration cancel =
              CallScope.current().onCancel(() -> cancelUntilClosed(query))) {
        ScheduledFuture<?> timer =
            TIMER.schedule(
                () -> {
                  timedOut.set(true);
                  cancelQuietly(query);
                },
                limits.timeout().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
          if (CallScope.current().isCancelled()) {
            throw new SQLException(
                "cancelled before it started"); // the hook above found nothing to interrupt yet
          }
          if (query.execute(
              SqlGuard.isQuery(statement) ? budgeted(statement, maxRecords, limits) : statement)) {
            try (ResultSet rs = query.getResultSet()) {
              collect(rs, rows, maxRecords, limits.maxResultBytes());
            }
          }
        } finally {
          timer.cancel(false);
        }
      } catch (SQLException e) {
        if (timedOut.get()) {
          throw new CacheError(
              "The query was stopped after " + human(limits) + ", the time limit of one query.",
              "Make the query cheaper: filter early, aggregate, or add LIMIT; recursive queries need an end.",
              e);
        }
        if (CallScope.current().isCancelled()) {
          throw new CacheError("The query was cancelled.", null, e);
        }
        throw refusalOrFailure(e, limits);
      } finally {
        control.execute("ROLLBACK");
      }
    }
    return rows;
  }

  private static void collect(
      ResultSet rs, List<Map<String, Object>> rows, int maxRecords, long maxBytes)
      throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    long bytes = 0;
    while (rows.size() < maxRecords && rs.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        Object value = JsonValues.cell(rs, i, meta.getColumnTypeName(i));
        bytes += sizeOf(value) + meta.getColumnLabel(i).length() + 4;
        row.put(meta.getColumnLabel(i), value);
      }
      if (bytes > maxBytes) {
        throw overBudget(maxBytes);
      }
      rows.add(row);
    }
  }

  /** The marker of the budget's error inside DuckDB. */
  private static final String OVER_BUDGET = "airbyte-mcp: the result is over its byte budget";

  /**
   * The query, its rows counted in DuckDB before any reaches Java: the JDBC driver turns a whole
   * chunk of up to 2048 rows into Java objects at once, so 2048 rows of 1 MB would need 2 GB of
   * heap before the count in {@link #collect} sees the first. A running total of each row's text
   * size fails the query as soon as the rows that will be read pass the budget.
   */
  private static String budgeted(String statement, int maxRecords, QueryLimits limits) {
    return "SELECT * EXCLUDE (\"__airbyte_mcp_bytes\") FROM (SELECT *, sum(strlen(CAST(\"__airbyte_mcp_row\" "
        + "AS VARCHAR))) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS \"__airbyte_mcp_bytes\" FROM "
        + "(SELECT * FROM ("
        + statement
        + "\n) LIMIT "
        + maxRecords
        + ") AS \"__airbyte_mcp_row\") WHERE CASE WHEN "
        + "\"__airbyte_mcp_bytes\" > "
        + limits.maxResultBytes()
        + " THEN error('"
        + OVER_BUDGET
        + "') ELSE true END";
  }

  /** About how many bytes the value takes as JSON text. */
  private static long sizeOf(Object value) {
    if (value == null) {
      return 4;
    }
    if (value instanceof CharSequence text) {
      return text.length() + 2L;
    }
    if (value instanceof Map<?, ?> map) {
      long n = 2;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        n += sizeOf(String.valueOf(e.getKey())) + sizeOf(e.getValue()) + 2;
      }
      return n;
    }
    if (value instanceof Iterable<?> items) {
      long n = 2;
      for (Object item : items) {
        n += sizeOf(item) + 1;
      }
      return n;
    }
    return String.valueOf(value).length();
  }

  /**
   * Cancels now and again every 200 ms until the statement is closed: DuckDB forgets an interrupt
   * that lands before it starts the statement, which a cancel racing the call's start can do.
   */
  private static void cancelUntilClosed(Statement statement) {
    TIMER.scheduleWithFixedDelay(
        () -> {
          if (isClosed(statement)) {
            throw new CancellationException("statement closed"); // ends the repetition
          }
          cancelQuietly(statement);
        },
        0,
        200,
        TimeUnit.MILLISECONDS);
  }

  private static boolean isClosed(Statement statement) {
    try {
      return statement.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  private static void cancelQuietly(Statement statement) {
    try {
      statement.cancel();
    } catch (SQLException e) {
      // the statement ended already
    }
  }

  private static String human(QueryLimits limits) {
    long seconds = limits.timeout().toSeconds();
    return seconds < 120 ? seconds + " s" : limits.timeout().toMinutes() + " min";
  }

  /**
   * DuckDB's own walls say why in their messages; those become refusals, anything else a failed
   * query.
   */
  private static CacheError overBudget(long maxBytes) {
    return new CacheError(
        "The result is larger than " + (maxBytes >> 20) + " MB, more than one answer may hold.",
        "Select fewer or shorter columns (left(text, 200)), aggregate, or lower max_records.");
  }

  /**
   * DuckDB's message without its {@code LINE 1: ...} excerpt: the excerpt quotes the statement
   * {@link #budgeted} wrapped around the agent's (its column names, with a caret into the wrapper),
   * which tells the agent nothing about its own SQL; the message above it names what failed.
   */
  private static String withoutExcerpt(String message) {
    int excerpt = message.indexOf("\nLINE ");
    return (excerpt < 0 ? message : message.substring(0, excerpt)).strip();
  }

  private static CacheError refusalOrFailure(SQLException e, QueryLimits limits) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.contains("disabled by configuration") || message.contains("Permission Error")) {
      return new SqlGuard.SqlRefused(
          "The query was refused because it reaches outside the cache (files or "
              + "network), which this server disables.");
    }
    if (message.contains("read-only mode")) {
      return new SqlGuard.SqlRefused("The query was refused because it writes to the cache.");
    }
    if (message.contains("configuration has been locked")) {
      return new SqlGuard.SqlRefused("The query was refused because it changes settings.");
    }
    if (message.contains(OVER_BUDGET)) {
      return overBudget(limits.maxResultBytes());
    }
    if (message.contains("Out of Memory Error")) {
      return new CacheError(
          "The query needs more memory than the cache may use ("
              + CacheDatabase.MEMORY_LIMIT
              + "): "
              + withoutExcerpt(message),
          "Make the query cheaper: filter early, aggregate, or add LIMIT.",
          e);
    }
    return new CacheError(
        "The query failed: " + withoutExcerpt(message),
        "SHOW TABLES lists the tables and DESCRIBE <table> their columns; the dialect is DuckDB's.",
        e);
  }
}
