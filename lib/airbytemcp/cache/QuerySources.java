package airbytemcp.cache;

import airbytemcp.common.CloseNames;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a statement reads from, checked on DuckDB's own parse tree ({@code json_serialize_sql}), so
 * quoting, string literals and comments hide nothing: every table, view, common table expression,
 * table function and function call, however deeply nested. A query may read the cache's tables and
 * views, the catalog views that describe them, its own CTEs and a few table functions that make
 * rows from values. Anything else could be a file: a table function that reads files or runs SQL
 * given as text ({@code query}, {@code query_table}), or a name DuckDB would read as a file when no
 * table has it (a replacement scan).
 */
final class QuerySources {
  /**
   * Table functions that only turn their arguments into rows ({@code test_all_types} makes constant
   * rows of every type): they read no file, run no SQL, change nothing and show no setting. Every
   * other one is refused; DuckDB's list holds file readers ({@code read_*}, {@code glob}, {@code
   * parquet_*}), SQL runners ({@code query}, {@code query_table}, {@code
   * json_execute_serialized_sql}), maintenance ({@code checkpoint}) and metadata that shows paths,
   * settings or secrets ({@code duckdb_databases}, {@code duckdb_settings}, {@code
   * duckdb_secrets}).
   */
  static final Set<String> TABLE_FUNCTIONS =
      Set.of("range", "generate_series", "unnest", "json_each", "json_tree", "test_all_types");

  /**
   * Names of functions that read files or run SQL text. No scalar function of DuckDB 1.4 does;
   * refusing these names in any position keeps a later build's scalar twin out too.
   */
  private static final Pattern FILE_OR_SQL_FUNCTION =
      Pattern.compile(
          "read_.*|glob|.*_scan|parquet_.*|sniff_csv|load_.*|query|query_table|json_execute_serialized_sql",
          Pattern.CASE_INSENSITIVE);

  /**
   * DuckDB's views of its catalog that show tables and columns, not files, paths or settings: all
   * of {@code information_schema}, {@code pg_catalog} but {@code pg_settings}, and these of {@code
   * main}.
   */
  private static final Set<String> CATALOG_VIEWS_OF_MAIN =
      Set.of(
          "duckdb_columns",
          "duckdb_constraints",
          "duckdb_indexes",
          "duckdb_schemas",
          "duckdb_tables",
          "duckdb_types",
          "duckdb_views",
          "sqlite_master",
          "sqlite_schema",
          "sqlite_temp_master",
          "sqlite_temp_schema");

  /** The names SHOW TABLES, SHOW ALL TABLES and SHOW DATABASES parse to. */
  private static final Set<String> SHOW_NAMES =
      Set.of("\"tables\"", "\"databases\"", "__show_tables_expanded");

  /**
   * Characters of a file path or URL: a name holding one may be read as a file when nothing else
   * has it. Names of the cache's tables (letters, digits, {@code _}) and of DuckDB's views hold
   * none.
   */
  private static final Pattern PATH_LIKE = Pattern.compile("[/\\\\.:*?~]");

  private final Connection connection;
  private List<Relation> relations;

  private QuerySources(Connection connection) {
    this.connection = connection;
  }

  /**
   * Refuses the statement, whose parse tree is {@code parsed}, when it reads anything but what a
   * query may read.
   */
  static void check(JsonNode parsed, Connection connection) throws SQLException {
    QuerySources sources = new QuerySources(connection);
    for (JsonNode statement : parsed.path("statements")) {
      sources.walk(statement, List.of());
    }
  }

  /** Checks every node of the tree; {@code ctes} are the names of the CTEs in scope. */
  private void walk(JsonNode node, List<String> ctes) throws SQLException {
    if (node.isArray()) {
      for (JsonNode child : node) {
        walk(child, ctes);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    List<String> inScope = ctes;
    JsonNode cteMap = node.path("cte_map").path("map");
    for (JsonNode cte : cteMap) {
      // a CTE sees those before it and, when recursive, itself
      List<String> seen = new ArrayList<>(inScope);
      if (cte.path("value")
          .path("query")
          .path("node")
          .path("type")
          .asText()
          .equals("RECURSIVE_CTE_NODE")) {
        seen.add(cte.path("key").asText());
      }
      walk(cte.path("value"), seen);
      inScope = new ArrayList<>(inScope);
      inScope.add(cte.path("key").asText());
    }
    switch (node.path("type").asText()) {
      case "BASE_TABLE" -> checkTable(node, inScope);
      case "TABLE_FUNCTION" -> checkTableFunction(node.path("function"));
      case "SHOW_REF" -> checkShow(node);
      default -> {}
    }
    if (node.path("class").asText().equals("FUNCTION")
        && FILE_OR_SQL_FUNCTION.matcher(node.path("function_name").asText()).matches()) {
      throw refusedFunction(node.path("function_name").asText());
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getKey().equals("cte_map")) {
        walk(field.getValue(), inScope);
      }
    }
  }

  private void checkTable(JsonNode table, List<String> ctes) throws SQLException {
    String name = table.path("table_name").asText();
    String schema = table.path("schema_name").asText();
    String catalog = table.path("catalog_name").asText();
    if (PATH_LIKE.matcher(name).find() || PATH_LIKE.matcher(schema + catalog).find()) {
      throw new SqlGuard.SqlRefused(
          "The query was refused because it reads files: a quoted path where a table belongs is a "
              + "file to DuckDB, and only the cache's tables may be queried.");
    }
    boolean cte =
        schema.isEmpty()
            && catalog.isEmpty()
            && ctes.stream().anyMatch(c -> c.equalsIgnoreCase(name));
    if (!cte && relations().stream().noneMatch(r -> r.answers(catalog, schema, name))) {
      List<String> meant =
          CloseNames.closest(
              name,
              relations().stream()
                  .filter(r -> !r.isCatalogView())
                  .map(Relation::name)
                  .distinct()
                  .toList(),
              3);
      throw new SqlGuard.SqlRefused(
          "The query names the table "
              + TableNames.quote(name)
              + ", which is neither one of the cache's tables nor a view of DuckDB's catalog"
              + (meant.isEmpty()
                  ? "."
                  : "; did you mean "
                      + String.join(" or ", meant.stream().map(TableNames::quote).toList())
                      + "?"));
    }
  }

  private static void checkTableFunction(JsonNode function) {
    String name = function.path("function_name").asText().toLowerCase(Locale.ROOT);
    String schema = function.path("schema").asText();
    String catalog = function.path("catalog").asText();
    boolean builtIn =
        (schema.isEmpty() || schema.equalsIgnoreCase("main"))
            && (catalog.isEmpty() || catalog.equalsIgnoreCase("system"));
    if (!builtIn || !TABLE_FUNCTIONS.contains(name)) {
      throw refusedFunction(function.path("function_name").asText());
    }
  }

  private static void checkShow(JsonNode show) {
    String name = show.path("table_name").asText();
    if (!name.isEmpty() && !SHOW_NAMES.contains(name)) {
      throw new SqlGuard.SqlRefused(
          "The query was refused because it shows something other than the cache's tables.");
    }
  }

  private static SqlGuard.SqlRefused refusedFunction(String name) {
    return new SqlGuard.SqlRefused(
        "The query was refused because the function "
            + name
            + " may reach outside the cache (it reads files or runs SQL of its own); only the "
            + "cache's tables may be queried, with "
            + String.join(", ", TABLE_FUNCTIONS.stream().sorted().toList())
            + " to make rows from values.");
  }

  /**
   * The cache's own tables and views and DuckDB's catalog views, read once per statement and only
   * when it names a table.
   */
  private List<Relation> relations() throws SQLException {
    if (relations == null) {
      relations = new ArrayList<>();
      try (Statement s = connection.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT database_name, schema_name, table_name, internal FROM duckdb_tables() "
                      + "UNION ALL SELECT database_name, schema_name, view_name, internal FROM duckdb_views()")) {
        while (rs.next()) {
          Relation relation =
              new Relation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4));
          if (!relation.internal() || relation.isCatalogView()) {
            relations.add(relation);
          }
        }
      }
    }
    return relations;
  }

  /** A table or view a query may name. */
  private record Relation(String database, String schema, String name, boolean internal) {
    boolean isCatalogView() {
      return schema.equals("information_schema")
          || schema.equals("pg_catalog") && !name.equals("pg_settings")
          || schema.equals("main") && CATALOG_VIEWS_OF_MAIN.contains(name);
    }

    /**
     * Whether DuckDB may bind {@code catalog.schema.table} to this relation; the qualifier of a
     * two-part name may be a schema or a database.
     */
    boolean answers(String catalog, String qualifier, String table) {
      return name.equalsIgnoreCase(table)
          && (catalog.isEmpty() || catalog.equalsIgnoreCase(database))
          && (qualifier.isEmpty()
              || qualifier.equalsIgnoreCase(schema)
              || catalog.isEmpty() && qualifier.equalsIgnoreCase(database));
    }
  }
}
