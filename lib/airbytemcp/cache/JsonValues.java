package airbytemcp.cache;

import airbytemcp.common.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBStruct;
import org.duckdb.JsonNode;

/**
 * Turns DuckDB result values into plain JSON values: numbers stay numbers (non-finite floats become
 * strings), times become ISO-8601 text, JSON columns become JSON structures, lists and structs
 * nest, bytes become Base64.
 */
final class JsonValues {
  private JsonValues() {}

  static Object of(Object value) throws SQLException {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger
        || value instanceof BigDecimal) {
      return value;
    }
    if (value instanceof Double d) {
      return Double.isFinite(d) ? d : d.toString();
    }
    if (value instanceof Float f) {
      return Float.isFinite(f) ? f.doubleValue() : f.toString();
    }
    if (value instanceof JsonNode json) {
      return Json.MAPPER.convertValue(Json.parse(json.toString()), Object.class);
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof java.sql.Blob blob) {
      return Base64.getEncoder().encodeToString(blob.getBytes(1, (int) blob.length()));
    }
    if (value instanceof Array array) {
      List<Object> items = new ArrayList<>();
      for (Object item : (Object[]) array.getArray()) {
        items.add(of(item));
      }
      return items;
    }
    if (value instanceof DuckDBStruct struct) {
      return of(struct.getMap());
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put(String.valueOf(e.getKey()), of(e.getValue()));
      }
      return out;
    }
    if (value instanceof java.sql.Timestamp ts) {
      return ts.toLocalDateTime().toString();
    }
    return value.toString();
  }
}
