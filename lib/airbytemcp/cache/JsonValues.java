package airbytemcp.cache;

import airbytemcp.common.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import org.duckdb.DuckDBStruct;
import org.duckdb.JsonNode;

/**
 * Turns DuckDB result values into plain JSON values: numbers stay numbers (non-finite floats become
 * strings, a DECIMAL drops the zeros its scale adds), times become ISO-8601 text with their
 * seconds, JSON columns become JSON structures, lists and structs nest, bytes become Base64. A
 * value the JDBC driver cannot convert becomes a note that says so instead of failing the whole
 * answer.
 */
final class JsonValues {
  /** Timestamps without a zone: read as {@link LocalDateTime}, which keeps years before 1 AD. */
  private static final Set<String> LOCAL_TIMESTAMPS =
      Set.of("TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS");

  /**
   * ISO-8601 with the seconds always written ({@code 12:30:00}, where {@code toString()} of
   * java.time writes {@code 12:30}) and a fraction only as long as it needs to be, as DuckDB prints
   * it.
   */
  private static final DateTimeFormatter WITH_SECONDS = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

  private JsonValues() {}

  /**
   * A DECIMAL as one would write it: without the zeros its scale pads it with ({@code 1.5}, not
   * {@code 1.500000000}), and a whole number without a fraction or an exponent ({@code 100}, not
   * {@code 1E+2}).
   */
  static BigDecimal asWritten(BigDecimal decimal) {
    BigDecimal stripped = decimal.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /**
   * The JSON value of one column of the current row. The driver throws unchecked exceptions for
   * values Java's types cannot hold (TIME '24:00:00' is one); such a cell becomes a note, the rest
   * of the row stays.
   *
   * @param type DuckDB's name of the column's type, e.g. {@code TIMESTAMP_NS}
   */
  static Object cell(ResultSet rs, int column, String type) throws SQLException {
    try {
      if (LOCAL_TIMESTAMPS.contains(type)) {
        LocalDateTime time = rs.getObject(column, LocalDateTime.class);
        return time == null ? null : WITH_SECONDS.format(time);
      }
      return of(rs.getObject(column));
    } catch (DateTimeException e) {
      if (type.equals("TIME")) {
        return "24:00:00"; // the one DuckDB TIME beyond java.time.LocalTime's range
      }
      return unreadable(type, e);
    } catch (RuntimeException e) {
      return unreadable(type, e);
    }
  }

  static String unreadable(String type, RuntimeException cause) {
    return "(a "
        + type
        + " value the server cannot convert: "
        + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage())
        + "; CAST the column AS VARCHAR to see it as DuckDB prints it)";
  }

  static Object of(Object value) throws SQLException {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      return value;
    }
    if (value instanceof BigDecimal decimal) {
      return asWritten(decimal);
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
    if (value instanceof Blob blob) {
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
    if (value instanceof Timestamp ts) {
      return WITH_SECONDS.format(localDateTime(ts));
    }
    if (value instanceof OffsetDateTime time) {
      // the driver hands TIMESTAMPTZ over in the JVM's zone; the answer must not depend on the host
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
          time.withOffsetSameInstant(ZoneOffset.UTC));
    }
    if (value instanceof LocalTime time) {
      return DateTimeFormatter.ISO_LOCAL_TIME.format(time);
    }
    if (value instanceof OffsetTime time) {
      return DateTimeFormatter.ISO_OFFSET_TIME.format(time);
    }
    return value.toString();
  }

  /**
   * A timestamp inside a list or struct (the driver builds {@link Timestamp}s there): its fields as
   * they were, with the year of a date before 1 AD as ISO counts it (1 BC is year 0).
   */
  static LocalDateTime localDateTime(Timestamp ts) {
    LocalDateTime fields = ts.toLocalDateTime();
    // the zone and calendar the driver built the timestamp in
    GregorianCalendar calendar = new GregorianCalendar(TimeZone.getDefault(), Locale.ROOT);
    calendar.setTime(ts);
    return calendar.get(Calendar.ERA) == GregorianCalendar.BC
        ? fields.withYear(1 - fields.getYear())
        : fields;
  }
}
