package airbytemcp.cache;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The DuckDB column types a stream's JSON schema maps to, following PyAirbyte's conversion (Airbyte
 * type first, then JSON type and format; anything ambiguous is stored as text).
 */
public enum SqlType {
  VARCHAR("VARCHAR"),
  BIGINT("BIGINT"),
  DECIMAL("DECIMAL(38,9)"),
  BOOLEAN("BOOLEAN"),
  DATE("DATE"),
  TIMESTAMPTZ("TIMESTAMP WITH TIME ZONE"),
  TIMESTAMP("TIMESTAMP"),
  TIME("TIME"),
  JSON("JSON");

  private final String ddl;

  SqlType(String ddl) {
    this.ddl = ddl;
  }

  public String ddl() {
    return ddl;
  }

  /** True when values are stored as JSON text (so strings must be quoted before casting). */
  public boolean isJson() {
    return this == JSON;
  }

  /** The type for one property of a stream's JSON schema. */
  public static SqlType of(JsonNode property) {
    String airbyteType = property.path("airbyte_type").asText("");
    switch (airbyteType) {
      case "integer", "big_integer":
        return BIGINT;
      case "timestamp_with_timezone":
        return TIMESTAMPTZ;
      case "timestamp_without_timezone":
        return TIMESTAMP;
      case "time_with_timezone", "time_without_timezone":
        return TIME;
      default:
        break;
    }
    String type = singleType(property.get("type"));
    String format = property.path("format").asText("");
    if (type == null) {
      return VARCHAR;
    }
    return switch (type) {
      case "string" ->
          switch (format) {
            case "date" -> DATE;
            case "date-time" -> TIMESTAMPTZ;
            case "time" -> TIME;
            default -> VARCHAR;
          };
      case "integer" -> BIGINT;
      case "number" -> DECIMAL;
      case "boolean" -> BOOLEAN;
      case "object", "array" -> JSON;
      default -> VARCHAR;
    };
  }

  /** The one non-null type of {@code "type"}, or null when there is none or several. */
  private static String singleType(JsonNode type) {
    if (type == null) {
      return null;
    }
    if (type.isTextual()) {
      return type.asText();
    }
    List<String> nonNull = new ArrayList<>();
    type.forEach(
        t -> {
          if (!"null".equals(t.asText())) {
            nonNull.add(t.asText());
          }
        });
    return nonNull.size() == 1 ? nonNull.get(0) : null;
  }

  /** The type of an existing column as DuckDB describes it; unknown types are treated as text. */
  public static SqlType fromDuckDb(String described) {
    String d = described.toUpperCase(Locale.ROOT);
    for (SqlType t : values()) {
      if (t.ddl.equals(d)) {
        return t;
      }
    }
    if (d.startsWith("DECIMAL")) {
      return DECIMAL;
    }
    return switch (d) {
      case "INTEGER", "SMALLINT", "TINYINT", "HUGEINT" -> BIGINT;
      case "TIMESTAMPTZ" -> TIMESTAMPTZ;
      case "DOUBLE", "FLOAT" -> DECIMAL;
      default -> VARCHAR;
    };
  }
}
