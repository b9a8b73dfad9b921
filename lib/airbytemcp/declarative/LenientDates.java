package airbytemcp.declarative;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Reads a date or time written in any common ISO-like way, as Python's dateutil does; naive times
 * are UTC.
 */
final class LenientDates {
  private static final DateTimeFormatter FLEX =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd")
          .optionalStart()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .appendPattern("HH:mm")
          .optionalStart()
          .appendPattern(":ss")
          .optionalEnd()
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .optionalStart()
          .appendLiteral("UTC")
          .optionalEnd()
          .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
          .toFormatter(Locale.ROOT);

  private LenientDates() {}

  static ZonedDateTime parse(Object value) {
    if (value instanceof PyDateTime dt) {
      return dt.value();
    }
    if (value instanceof PyDate d) {
      return d.value().atStartOfDay(ZoneOffset.UTC);
    }
    if (value instanceof Number n) {
      return Instant.ofEpochMilli(Math.round(n.doubleValue() * 1000)).atZone(ZoneOffset.UTC);
    }
    String s = String.valueOf(value).strip();
    if (s.matches("-?\\d{9,}(\\.\\d+)?")) {
      return Instant.ofEpochMilli(Math.round(Double.parseDouble(s) * 1000)).atZone(ZoneOffset.UTC);
    }
    try {
      var parsed = FLEX.parseBest(s, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
      if (parsed instanceof OffsetDateTime o) {
        return o.toZonedDateTime();
      }
      if (parsed instanceof LocalDateTime l) {
        return l.atZone(ZoneOffset.UTC);
      }
      return ((LocalDate) parsed).atStartOfDay(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      for (String format :
          new String[] {
            "%Y-%m", "%Y", "%d %b %Y", "%b %d %Y", "%Y/%m/%d", "%a, %d %b %Y %H:%M:%S %Z"
          }) {
        try {
          return PyDateFormat.parse(s, format);
        } catch (IllegalArgumentException ignored) {
          // try the next shape
        }
      }
      throw new IllegalArgumentException("'" + s + "' is not a date or time this runtime can read");
    }
  }
}
