package airbytemcp.cache;

import static airbytemcp.cache.TableNames.quote;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The staging table of one stream during a sync. Records are appended as text through DuckDB's appender (no
 * per-row statements), and DuckDB types them in bulk with {@code TRY_CAST} when they move to the stream's table;
 * a value that does not fit its column becomes NULL instead of failing the sync. Staged rows are invisible to
 * readers of the stream's table until {@link #apply} or {@link #replaceTable} runs in a committed transaction.
 */
final class StreamStage implements AutoCloseable {
  static final String SCHEMA = "_airbyte_staging";
  private static final String SEQ = "_airbyte_seq";

  private final StreamPlan plan;
  private final List<Column> columns;
  private final Map<String, Integer> indexByColumn = new HashMap<>();
  private final Map<String, Integer> indexByField = new HashMap<>();
  private final String[] row;
  private final DuckDBAppender appender;
  private final String staging;
  private long seq;
  private long staged;

  private StreamStage(StreamPlan plan, List<Column> columns, DuckDBAppender appender) {
    this.plan = plan;
    this.columns = List.copyOf(columns);
    this.appender = appender;
    this.row = new String[columns.size()];
    this.staging = SCHEMA + "." + quote(plan.tableName());
    for (int i = 0; i < columns.size(); i++) {
      indexByColumn.put(columns.get(i).name(), i);
    }
  }

  /** Creates the staging table of a stream whose table stores {@code columns}. */
  static StreamStage create(DuckDBConnection connection, StreamPlan plan, List<Column> columns) throws SQLException {
    List<String> definitions = new ArrayList<>();
    for (Column c : columns) {
      definitions.add(quote(c.name()) + " VARCHAR");
    }
    definitions.add(CacheTables.RAW_ID + " VARCHAR");
    definitions.add(CacheTables.EXTRACTED_AT + " BIGINT");
    definitions.add(CacheTables.META + " VARCHAR");
    definitions.add(SEQ + " BIGINT");
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE " + SCHEMA + "." + quote(plan.tableName()) + " (" + String.join(", ", definitions) + ")");
    }
    return new StreamStage(plan, columns, connection.createAppender(SCHEMA, plan.tableName()));
  }

  StreamPlan plan() {
    return plan;
  }

  long staged() {
    return staged;
  }

  /** Stages one RECORD payload. Fields the schema does not declare are left out, as PyAirbyte does. */
  void append(JsonNode record) throws SQLException {
    Arrays.fill(row, null);
    Iterator<Map.Entry<String, JsonNode>> fields = record.path("data").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      int index = indexOf(field.getKey());
      JsonNode value = field.getValue();
      if (index >= 0 && !value.isNull()) {
        row[index] = value.isTextual() && !columns.get(index).type().isJson() ? value.asText() : value.toString();
      }
    }
    appender.beginRow();
    for (String value : row) {
      if (value == null) {
        appender.appendNull();
      } else {
        appender.append(value);
      }
    }
    appender.append(RawIds.next());
    JsonNode emittedAt = record.get("emitted_at");
    appender.append(emittedAt != null && emittedAt.canConvertToLong() ? emittedAt.asLong() : System.currentTimeMillis());
    JsonNode meta = record.get("meta");
    if (meta != null && meta.isObject()) {
      appender.append(meta.toString());
    } else {
      appender.appendNull();
    }
    appender.append(seq++);
    appender.endRow();
    staged++;
  }

  private int indexOf(String field) {
    Integer index = indexByField.get(field);
    if (index == null) {
      String normalized;
      try {
        normalized = TableNames.normalize(field);
      } catch (CacheError e) {
        normalized = "";
      }
      index = indexByColumn.getOrDefault(normalized, -1);
      indexByField.put(field, index);
    }
    return index;
  }

  void flush() throws SQLException {
    appender.flush();
  }

  /** Moves the staged rows into the stream's table (MERGE or APPEND) and empties the stage. */
  void apply(Statement s) throws SQLException {
    flush();
    if (staged == 0) {
      return;
    }
    String table = "main." + quote(plan.tableName());
    if (plan.strategy() == WriteStrategy.MERGE) {
      List<String> keys = new ArrayList<>();
      List<String> matches = new ArrayList<>();
      for (int i = 0; i < plan.primaryKey().size(); i++) {
        String key = plan.primaryKey().get(i);
        keys.add(typed(columns.get(indexByColumn.get(key))) + " AS k" + i);
        matches.add("t." + quote(key) + " = s.k" + i);
      }
      s.execute("DELETE FROM " + table + " AS t USING (SELECT DISTINCT " + String.join(", ", keys) + " FROM "
          + staging + ") AS s WHERE " + String.join(" AND ", matches));
      List<String> partition = plan.primaryKey().stream().map(k -> typed(columns.get(indexByColumn.get(k)))).toList();
      s.execute(insertInto(table) + " QUALIFY row_number() OVER (PARTITION BY " + String.join(", ", partition)
          + " ORDER BY " + SEQ + " DESC) = 1");
    } else {
      s.execute(insertInto(table));
    }
    s.execute("DELETE FROM " + staging);
    staged = 0;
  }

  /** Replaces the stream's table with everything staged in this sync. */
  void replaceTable(Statement s) throws SQLException {
    flush();
    String table = "main." + quote(plan.tableName());
    s.execute("DROP TABLE IF EXISTS " + table);
    s.execute("CREATE TABLE " + table + " " + CacheTables.tableDefinition(columns));
    s.execute(insertInto(table));
    s.execute("DELETE FROM " + staging);
    staged = 0;
  }

  private String insertInto(String table) {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Column c : columns) {
      names.add(quote(c.name()));
      values.add(typed(c));
    }
    names.add(CacheTables.RAW_ID);
    values.add(CacheTables.RAW_ID);
    names.add(CacheTables.EXTRACTED_AT);
    values.add("timezone('UTC', epoch_ms(" + CacheTables.EXTRACTED_AT + "))");
    names.add(CacheTables.META);
    values.add("COALESCE(TRY_CAST(" + CacheTables.META + " AS JSON), '{}'::JSON)");
    return "INSERT INTO " + table + " (" + String.join(", ", names) + ") SELECT " + String.join(", ", values)
        + " FROM " + staging;
  }

  private static String typed(Column c) {
    return c.type() == SqlType.VARCHAR
        ? quote(c.name())
        : "TRY_CAST(" + quote(c.name()) + " AS " + c.type().ddl() + ")";
  }

  @Override
  public void close() throws SQLException {
    appender.close();
  }
}
