package airbytemcp.cache;

import airbytemcp.common.CloseNames;
import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether a query may run: exactly one statement, and one that only reads (SELECT and its
 * DuckDB shorthands, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN of those), confirmed by DuckDB's own
 * parser, and reads only the cache's tables ({@link QuerySources}, on the parse tree). Everything
 * else is refused with the reason. This is the first of three walls: the query then runs in a
 * read-only transaction on a database opened with file access disabled (but for the sync's staging
 * folder) and its configuration locked.
 */
final class SqlGuard {
  private static final Map<String, String> REFUSED_KEYWORDS =
      Map.ofEntries(
          Map.entry("INSERT", "it writes data"),
          Map.entry("UPDATE", "it writes data"),
          Map.entry("DELETE", "it writes data"),
          Map.entry("MERGE", "it writes data"),
          Map.entry("UPSERT", "it writes data"),
          Map.entry("TRUNCATE", "it writes data"),
          Map.entry("CREATE", "it changes the schema (DDL)"),
          Map.entry("DROP", "it changes the schema (DDL)"),
          Map.entry("ALTER", "it changes the schema (DDL)"),
          Map.entry("COMMENT", "it changes the schema (DDL)"),
          Map.entry("ATTACH", "it attaches another database"),
          Map.entry("DETACH", "it detaches a database"),
          Map.entry("USE", "it switches databases"),
          Map.entry("COPY", "it reads or writes files"),
          Map.entry("EXPORT", "it writes files"),
          Map.entry("IMPORT", "it reads files"),
          Map.entry("PRAGMA", "it runs a PRAGMA (settings and maintenance)"),
          Map.entry("SET", "it changes settings"),
          Map.entry("RESET", "it changes settings"),
          Map.entry("INSTALL", "it installs extensions"),
          Map.entry("LOAD", "it loads extensions"),
          Map.entry("FORCE", "it installs extensions"));
  private static final List<String> READ_KEYWORDS =
      List.of(
          "SELECT",
          "WITH",
          "FROM",
          "VALUES",
          "TABLE",
          "DESCRIBE",
          "DESC",
          "SHOW",
          "SUMMARIZE",
          "EXPLAIN",
          "(");

  private SqlGuard() {}

  /**
   * The statement to run (without a trailing semicolon), or a {@link SqlRefused} saying why not.
   */
  static String check(String sql, Connection connection) throws SQLException {
    List<String> statements = Statements.split(sql);
    if (statements.isEmpty()) {
      throw new SqlRefused("The query is empty.");
    }
    if (statements.size() > 1) {
      throw new SqlRefused(
          "The query holds " + statements.size() + " statements; only one may run per call.");
    }
    String statement = statements.get(0);
    String code = Statements.withoutCommentsAndStrings(statement);
    String keyword = firstKeyword(code);
    String reason = REFUSED_KEYWORDS.get(keyword);
    if (reason != null) {
      throw new SqlRefused(
          "The query was refused because " + reason + "; only read-only queries may run.");
    }
    if (!READ_KEYWORDS.contains(keyword)) {
      List<String> meant = CloseNames.closest(keyword, READ_KEYWORDS, 1);
      if (!meant.isEmpty()) {
        throw new SqlRefused(
            "The query is not valid SQL: it starts with "
                + keyword
                + ", which is no statement; did you mean "
                + meant.get(0)
                + "?");
      }
      throw new SqlRefused(
          "The query was refused because a " + keyword + " statement is not a read-only query.");
    }
    confirmSelect(keyword.equals("EXPLAIN") ? afterExplain(statement) : statement, connection);
    return statement;
  }

  /**
   * Whether the checked statement is a query whose rows can be selected from (not DESCRIBE, SHOW,
   * ...).
   */
  static boolean isQuery(String statement) {
    return List.of("SELECT", "WITH", "FROM", "VALUES", "TABLE", "(")
        .contains(firstKeyword(Statements.withoutCommentsAndStrings(statement)));
  }

  /**
   * Asks DuckDB's parser whether the text is exactly one SELECT (DESCRIBE, SHOW and SUMMARIZE parse
   * as one), then checks on its parse tree what it reads ({@link QuerySources}).
   */
  private static void confirmSelect(String statement, Connection connection) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
      s.setString(1, statement);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        JsonNode parsed = Json.parse(rs.getString(1));
        if (parsed.path("error").asBoolean(false)) {
          String message = parsed.path("error_message").asText("");
          if (message.contains("Only SELECT")) {
            throw new SqlRefused(
                "The query was refused because DuckDB does not parse it as a read-only query.");
          }
          throw new SqlRefused("The query is not valid SQL: " + message);
        }
        if (parsed.path("statements").size() != 1) {
          throw new SqlRefused(
              "The query holds more than one statement; only one may run per call.");
        }
        QuerySources.check(parsed, connection);
      }
    }
  }

  private static String afterExplain(String statement) {
    String rest =
        Statements.withoutComments(statement).strip().substring("EXPLAIN".length()).strip();
    if (rest.toUpperCase(Locale.ROOT).startsWith("ANALYZE")) {
      rest = rest.substring("ANALYZE".length()).strip();
    }
    return rest;
  }

  private static String firstKeyword(String code) {
    String text = code.strip();
    if (text.startsWith("(")) {
      return "(";
    }
    int end = 0;
    while (end < text.length() && Character.isLetter(text.charAt(end))) {
      end++;
    }
    return text.substring(0, end).toUpperCase(Locale.ROOT);
  }

  /** A query the guard will not run; the message says why. */
  static final class SqlRefused extends CacheError {
    SqlRefused(String message) {
      super(
          message,
          "Only one read-only statement over the cache's tables may run: SELECT (or WITH/FROM), "
              + "DESCRIBE, SHOW, SUMMARIZE or EXPLAIN. SHOW TABLES lists the tables.");
    }
  }

  /** Splits SQL text into statements on semicolons outside quotes and comments. */
  static final class Statements {
    private Statements() {}

    static List<String> split(String sql) {
      List<String> statements = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      scan(
          sql,
          (c, kind) -> {
            if (kind == Kind.CODE && c == ';') {
              addIfCode(statements, current.toString());
              current.setLength(0);
            } else {
              current.append(c);
            }
          });
      addIfCode(statements, current.toString());
      return statements;
    }

    private static void addIfCode(List<String> statements, String statement) {
      if (!withoutComments(statement).isBlank()) {
        statements.add(statement.strip());
      }
    }

    static String withoutComments(String sql) {
      StringBuilder out = new StringBuilder();
      scan(sql, (c, kind) -> out.append(kind == Kind.COMMENT ? ' ' : c));
      return out.toString();
    }

    /** The code alone: comments become spaces and string literals become {@code ''}. */
    static String withoutCommentsAndStrings(String sql) {
      StringBuilder out = new StringBuilder();
      scan(sql, (c, kind) -> out.append(kind == Kind.CODE || kind == Kind.IDENTIFIER ? c : ' '));
      return out.toString();
    }

    enum Kind {
      CODE,
      STRING,
      IDENTIFIER,
      COMMENT
    }

    interface Visitor {
      void visit(char c, Kind kind);
    }

    /**
     * Walks the text, telling each character's kind (quotes and comment markers count as their own
     * kind).
     */
    static void scan(String sql, Visitor visitor) {
      int i = 0;
      int n = sql.length();
      while (i < n) {
        char c = sql.charAt(i);
        if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
          while (i < n && sql.charAt(i) != '\n') {
            visitor.visit(sql.charAt(i++), Kind.COMMENT);
          }
        } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
          int end = sql.indexOf("*/", i + 2);
          end = end < 0 ? n : end + 2;
          while (i < end) {
            visitor.visit(sql.charAt(i++), Kind.COMMENT);
          }
        } else if (c == '\'' || c == '"') {
          Kind kind = c == '\'' ? Kind.STRING : Kind.IDENTIFIER;
          visitor.visit(c, kind);
          i++;
          while (i < n) {
            char d = sql.charAt(i);
            visitor.visit(d, kind);
            i++;
            if (d == c) {
              if (i < n && sql.charAt(i) == c) {
                visitor.visit(sql.charAt(i++), kind); // doubled quote inside the literal
              } else {
                break;
              }
            }
          }
        } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
          int tagEnd = dollarTagEnd(sql, i);
          String tag = sql.substring(i, tagEnd);
          int close = sql.indexOf(tag, tagEnd);
          int end = close < 0 ? n : close + tag.length();
          while (i < end) {
            visitor.visit(sql.charAt(i++), Kind.STRING);
          }
        } else {
          visitor.visit(c, Kind.CODE);
          i++;
        }
      }
    }

    /** The end of a dollar-quote opening tag ({@code $$} or {@code $tag$}) at {@code i}, or -1. */
    private static int dollarTagEnd(String sql, int i) {
      int j = i + 1;
      while (j < sql.length()
          && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
        j++;
      }
      return j < sql.length() && sql.charAt(j) == '$' ? j + 1 : -1;
    }
  }
}
