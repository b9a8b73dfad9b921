package airbytemcp.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The conversions of DuckDB values the JDBC driver hands over into JSON values. */
@Timeout(60)
class JsonValuesTest {
  private Connection connection;
  private Statement statement;

  @BeforeEach
  void open() throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
    statement = connection.createStatement();
  }

  @AfterEach
  void close() throws SQLException {
    statement.close();
    connection.close();
  }

  /** The value of the first column of a one-row query, converted as run_sql_query does. */
  private Object cell(String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      assertTrue(rs.next(), "the query returns a row: " + sql);
      return JsonValues.cell(rs, 1, rs.getMetaData().getColumnTypeName(1));
    }
  }

  @Test
  void aTimestampIsIsoText() throws SQLException {
    assertEquals("2024-01-02T03:04:05", cell("SELECT TIMESTAMP '2024-01-02 03:04:05'"));
  }

  @Test
  void aTimestampWithZoneReadsAsUtcWhateverTheJvmZone() throws SQLException {
    TimeZone before = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
      statement.execute("SET TimeZone = 'UTC'");
      assertEquals(
          "2024-01-02T03:04:05Z",
          cell("SELECT TIMESTAMPTZ '2024-01-02 03:04:05+00'"),
          "the same instant, in UTC, on a host whose zone is New York");
    } finally {
      TimeZone.setDefault(before);
    }
  }

  @Test
  void aTimestampBeforeOneAdKeepsItsEraAsAnIsoYear() throws SQLException {
    assertEquals(
        "-0043-03-15T12:00:00", cell("SELECT '0044-03-15 (BC) 12:00:00'::TIMESTAMP"), "44 BC");
    assertEquals(
        "-290308-12-22T00:00:00",
        cell("SELECT '290309-12-22 (BC) 00:00:00'::TIMESTAMP_S"),
        "the first second of TIMESTAMP_S");
  }

  @Test
  void aTimestampInsideAListKeepsItsEraToo() throws SQLException {
    assertEquals(
        List.of("-0043-03-15T12:00:00", "1500-01-02T03:04:05"),
        cell("SELECT ['0044-03-15 (BC) 12:00:00'::TIMESTAMP, TIMESTAMP '1500-01-02 03:04:05']"));
  }

  @Test
  void theDriversTimestampOfABcDateIsReadWithItsEra() {
    Timestamp bc = Timestamp.valueOf(LocalDateTime.of(-43, 3, 15, 12, 0));
    assertEquals(LocalDateTime.of(-43, 3, 15, 12, 0), JsonValues.localDateTime(bc), "44 BC");
    Timestamp ad = Timestamp.valueOf(LocalDateTime.of(1, 1, 1, 0, 0));
    assertEquals(LocalDateTime.of(1, 1, 1, 0, 0), JsonValues.localDateTime(ad), "1 AD");
  }

  @Test
  void aDecimalReadsAsWrittenWithoutTheZerosOfItsScale() throws SQLException {
    assertEquals(
        "1.5",
        String.valueOf(cell("SELECT 1.5::DECIMAL(10,9)")),
        "DECIMAL(10,9) pads 1.5 to 1.500000000");
    assertEquals(
        "100", String.valueOf(cell("SELECT 100.00::DECIMAL(10,2)")), "a whole number, no 1E+2");
    assertEquals("0", String.valueOf(cell("SELECT 0.000::DECIMAL(5,3)")), "zero");
    assertEquals(
        List.of("1.5"),
        ((List<?>) cell("SELECT [1.50::DECIMAL(4,2)]")).stream().map(String::valueOf).toList(),
        "a DECIMAL inside a list");
  }

  @Test
  void timesAndTimestampsKeepTheirSecondsWhenTheyAreZero() throws SQLException {
    assertEquals("12:30:00", cell("SELECT TIME '12:30:00'"), "a TIME");
    assertEquals("12:30:00.5", cell("SELECT TIME '12:30:00.5'"), "a TIME with a fraction");
    assertEquals("12:30:00+02:00", cell("SELECT '12:30:00+02'::TIMETZ"), "a TIMETZ");
    assertEquals("2024-01-02T03:04:00", cell("SELECT TIMESTAMP '2024-01-02 03:04:00'"));
    assertEquals(
        "2024-01-02T03:04:00", cell("SELECT TIMESTAMP_S '2024-01-02 03:04:00'"), "TIMESTAMP_S");
    assertEquals(
        List.of("2024-01-02T03:04:00", "03:04:00"),
        List.of(
            ((List<?>) cell("SELECT [TIMESTAMP '2024-01-02 03:04:00']")).get(0),
            ((List<?>) cell("SELECT [TIME '03:04:00']")).get(0)),
        "a TIMESTAMP and a TIME inside a list");
  }

  @Test
  void aTimestampWithZoneKeepsItsSecondsWhenTheyAreZero() throws SQLException {
    statement.execute("SET TimeZone = 'UTC'");
    assertEquals(
        "2024-01-02T03:04:00Z", cell("SELECT TIMESTAMPTZ '2024-01-02 03:04:00+00'"), "TIMESTAMPTZ");
  }

  @Test
  void theEndOfTheDayIsATime() throws SQLException {
    assertEquals("24:00:00", cell("SELECT TIME '24:00:00'"));
    assertEquals("23:59:59", cell("SELECT TIME '23:59:59'"));
  }

  @Test
  void aTimeWithZoneAtTheEndOfTheDayBecomesANote() throws SQLException {
    Object note = cell("SELECT '24:00:00+02'::TIMETZ");
    assertTrue(
        String.valueOf(note).startsWith("(a TIME WITH TIME ZONE value the server cannot convert"),
        "a note instead of a failure: " + note);
  }

  @Test
  void hugeIntegersStayNumbersAndOtherTypesBecomeText() throws SQLException {
    assertEquals(
        new BigInteger("170141183460469231731687303715884105727"),
        cell("SELECT 170141183460469231731687303715884105727::HUGEINT"));
    assertEquals(
        "00000000-0000-0000-0000-000000000001",
        cell("SELECT '00000000-0000-0000-0000-000000000001'::UUID"));
    assertEquals("1 day", cell("SELECT INTERVAL 1 DAY"));
    assertEquals("+5881580-07-10", cell("SELECT '5881580-07-10'::DATE"));
  }

  @Test
  void aNoteNamesTheTypeAndTheCause() {
    String note = JsonValues.unreadable("TIMETZ", new DateTimeException("out of range"));
    assertEquals(
        "(a TIMETZ value the server cannot convert: out of range; CAST the column AS VARCHAR to see"
            + " it as DuckDB prints it)",
        note);
  }
}
