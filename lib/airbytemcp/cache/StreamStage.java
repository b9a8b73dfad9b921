package airbytemcp.cache;

import static airbytemcp.cache.TableNames.quote;

import airbytemcp.protocol.RecordFields;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Where one stream's records wait during a sync before they reach the stream's table.
 *
 * <p>Records are appended as text through DuckDB's appender into a connection-local temporary table
 * (no per-row statements, no compression, invisible to readers, gone if the process dies). DuckDB
 * then types them in bulk with {@code TRY_CAST} (a value that does not fit its column becomes NULL
 * instead of failing the sync) and gives each a UUIDv7 {@code _airbyte_raw_id}. Typed rows go
 * straight into the stream's table when the sync checkpoints; when too many pile up first (a source
 * that sends no state for long, or a replaced stream, which is only swapped in at the end), they
 * are held in a typed table {@code _airbyte_tmp_<table>} so memory stays bounded.
 */
final class StreamStage implements AutoCloseable {
  static final String HELD_PREFIX = "_airbyte_tmp_";
  private static final String STAGE_PREFIX = "_airbyte_stage_";
  private static final String SEQ = "_airbyte_seq";

  private final StreamPlan plan;
  private final List<Column> columns;
  private final Map<String, Integer> indexByColumn = new HashMap<>();
  private final Map<String, Integer> indexByField = new HashMap<>();
  private final String[] row;
  private final DuckDBAppender appender;
  private final String stage;
  private final String held;
  private final String table;
  private boolean heldCreated;
  private long seq;
  private long staged;
  private long heldRows;

  private StreamStage(StreamPlan plan, List<Column> columns, DuckDBAppender appender) {
    this.plan = plan;
    this.columns = List.copyOf(columns);
    this.appender = appender;
    this.row = new String[columns.size()];
    this.stage = "temp.main." + quote(STAGE_PREFIX + plan.tableName());
    this.held = "main." + quote(HELD_PREFIX + plan.tableName());
    this.table = "main." + quote(plan.tableName());
    for (int i = 0; i < columns.size(); i++) {
      indexByColumn.put(columns.get(i).name(), i);
    }
  }

  /** Creates the stage of a stream whose table stores {@code columns}. */
  static StreamStage create(DuckDBConnection connection, StreamPlan plan, List<Column> columns)
      throws SQLException {
    List<String> definitions = new ArrayList<>();
    for (Column c : columns) {
      definitions.add(quote(c.name()) + " VARCHAR");
    }
    definitions.add(CacheTables.EXTRACTED_AT + " BIGINT");
    definitions.add(CacheTables.META + " VARCHAR");
    definitions.add(SEQ + " BIGINT");
    String name = STAGE_PREFIX + plan.tableName();
    try (Statement s = connection.createStatement()) {
      s.execute(
          "CREATE OR REPLACE TEMP TABLE "
              + quote(name)
              + " ("
              + String.join(", ", definitions)
              + ")");
    }
    return new StreamStage(plan, columns, connection.createAppender("temp", "main", name));
  }

  StreamPlan plan() {
    return plan;
  }

  /** Rows waiting in memory (not yet held or applied). */
  long staged() {
    return staged;
  }

  /** Stages one record. Fields the schema does not declare are left out, as PyAirbyte does. */
  void append(RecordFields record) throws SQLException {
    Arrays.fill(row, null);
    for (int i = 0; i < record.size(); i++) {
      int index = indexOf(record.name(i));
      if (index >= 0) {
        String value = record.value(i);
        row[index] =
            record.isString(i) && columns.get(index).type().isJson()
                ? RecordFields.quoted(value)
                : value;
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
    Long emittedAt = record.emittedAt();
    appender.append(emittedAt != null ? emittedAt : System.currentTimeMillis());
    if (record.metaJson() != null) {
      appender.append(record.metaJson());
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

  /**
   * Moves the staged rows, typed, into the held table (created on first use), freeing their memory.
   */
  void hold(Statement s) throws SQLException {
    flush();
    if (!heldCreated) {
      s.execute("CREATE OR REPLACE TABLE " + held + " " + heldDefinition());
      heldCreated = true;
    }
    if (staged > 0) {
      s.execute("INSERT INTO " + held + " " + typedSelect());
      s.execute("DELETE FROM " + stage);
      heldRows += staged;
      staged = 0;
    }
  }

  /**
   * Moves every waiting row into the stream's table, upserting on the key (MERGE) or adding them
   * (APPEND).
   */
  void apply(Statement s) throws SQLException {
    flush();
    if (staged == 0 && heldRows == 0) {
      return;
    }
    String source;
    if (heldRows == 0) {
      source = "(" + typedSelect() + ")";
    } else {
      hold(s);
      source = held;
    }
    String names = String.join(", ", finalColumnNames());
    if (plan.strategy() == WriteStrategy.MERGE) {
      List<String> keys = plan.primaryKey().stream().map(TableNames::quote).toList();
      List<String> matches = keys.stream().map(k -> "t." + k + " = s." + k).toList();
      s.execute(
          "DELETE FROM "
              + table
              + " AS t USING (SELECT DISTINCT "
              + String.join(", ", keys)
              + " FROM "
              + source
              + ") AS s WHERE "
              + String.join(" AND ", matches));
      s.execute(
          "INSERT INTO "
              + table
              + " ("
              + names
              + ") SELECT "
              + names
              + " FROM "
              + source
              + " QUALIFY row_number() OVER (PARTITION BY "
              + String.join(", ", keys)
              + " ORDER BY "
              + SEQ
              + " DESC) = 1");
    } else {
      s.execute("INSERT INTO " + table + " (" + names + ") SELECT " + names + " FROM " + source);
    }
    s.execute("DELETE FROM " + stage);
    if (heldRows > 0) {
      s.execute("DELETE FROM " + held);
    }
    staged = 0;
    heldRows = 0;
  }

  /**
   * Makes everything this sync staged the stream's table (REPLACE): the held table is renamed into
   * its place.
   */
  void replaceTable(Statement s) throws SQLException {
    hold(s);
    s.execute("ALTER TABLE " + held + " DROP COLUMN " + SEQ);
    s.execute("DROP TABLE IF EXISTS " + table);
    s.execute("ALTER TABLE " + held + " RENAME TO " + quote(plan.tableName()));
    heldCreated = false;
    heldRows = 0;
  }

  private String heldDefinition() {
    String definition = CacheTables.tableDefinition(columns);
    return definition.substring(0, definition.length() - 1) + ", " + SEQ + " BIGINT)";
  }

  private List<String> finalColumnNames() {
    List<String> names = new ArrayList<>();
    columns.forEach(c -> names.add(quote(c.name())));
    names.add(CacheTables.RAW_ID);
    names.add(CacheTables.EXTRACTED_AT);
    names.add(CacheTables.META);
    return names;
  }

  /** The staged rows with their final names and types, plus the sequence that orders duplicates. */
  private String typedSelect() {
    List<String> values = new ArrayList<>();
    for (Column c : columns) {
      values.add(typed(c) + " AS " + quote(c.name()));
    }
    values.add("uuidv7()::VARCHAR AS " + CacheTables.RAW_ID);
    values.add(
        "timezone('UTC', epoch_ms("
            + CacheTables.EXTRACTED_AT
            + ")) AS "
            + CacheTables.EXTRACTED_AT);
    values.add(metaExpression() + " AS " + CacheTables.META);
    values.add(SEQ);
    return "SELECT " + String.join(", ", values) + " FROM " + stage;
  }

  /**
   * {@code _airbyte_meta} as Airbyte destinations write it: {@code {"changes": [...]}} with the
   * record's own changes plus one {@code NULLED} change per value that did not fit its column.
   */
  private String metaExpression() {
    String meta = CacheTables.META;
    List<String> checks = new ArrayList<>();
    for (Column c : columns) {
      if (c.type() != SqlType.VARCHAR) {
        checks.add(
            "CASE WHEN "
                + quote(c.name())
                + " IS NOT NULL AND "
                + typed(c)
                + " IS NULL THEN "
                + TableNames.literal(c.name())
                + " END");
      }
    }
    String sourceChanges =
        "COALESCE(json_extract(TRY_CAST(" + meta + " AS JSON), '$.changes[*]'), []::JSON[])";
    if (checks.isEmpty()) {
      return "CASE WHEN "
          + meta
          + " IS NULL THEN '{\"changes\":[]}'::JSON ELSE json_object('changes', "
          + sourceChanges
          + ") END";
    }
    String nulled = "list_filter([" + String.join(", ", checks) + "], f -> f IS NOT NULL)";
    return "CASE WHEN "
        + meta
        + " IS NULL AND len("
        + nulled
        + ") = 0 THEN '{\"changes\":[]}'::JSON "
        + "ELSE json_object('changes', list_concat("
        + sourceChanges
        + ", list_transform("
        + nulled
        + ", f -> "
        + "json_object('field', f, 'change', 'NULLED', 'reason', 'DESTINATION_SERIALIZATION_ERROR')))) END";
  }

  private static String typed(Column c) {
    String column = quote(c.name());
    if (c.type() == SqlType.VARCHAR) {
      return column;
    }
    if (c.type() == SqlType.DECIMAL) {
      // parsing text straight into a 38-digit decimal is very slow in DuckDB; most values fit 18
      // digits
      return "COALESCE(TRY_CAST("
          + column
          + " AS DECIMAL(18,9)), TRY_CAST("
          + column
          + " AS "
          + c.type().ddl()
          + "))";
    }
    return "TRY_CAST(" + column + " AS " + c.type().ddl() + ")";
  }

  @Override
  public void close() throws SQLException {
    appender.close();
  }
}
