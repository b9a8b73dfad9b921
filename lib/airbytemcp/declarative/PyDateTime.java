package airbytemcp.declarative;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * A Python {@code datetime} as templates see it: {@code strftime}, {@code isoformat}, {@code
 * timestamp}, ...
 */
public record PyDateTime(ZonedDateTime value) implements Comparable<PyDateTime>, PyCalendarFields {
  public String strftime(String format) {
    return PyDateFormat.format(value, format);
  }

  public String isoformat() {
    String base =
        value
            .toLocalDateTime()
            .format(
                value.getNano() == 0
                    ? DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT)
                    : DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS", Locale.ROOT));
    return base + PyDateFormat.format(value, "%:z");
  }

  public double timestamp() {
    return value.toEpochSecond() + value.getNano() / 1e9;
  }

  /** {@code dt - duration(...)} (templates are rewritten to call this). */
  public PyDateTime minus(IsoDuration d) {
    return new PyDateTime(d.subtractFrom(value));
  }

  public PyDateTime plus(IsoDuration d) {
    return new PyDateTime(d.addTo(value));
  }

  public PyDate date() {
    return new PyDate(value.toLocalDate());
  }

  public PyDateTime astimezone() {
    return new PyDateTime(value.withZoneSameInstant(ZoneOffset.UTC));
  }

  @Override
  public TemporalAccessor temporal() {
    return value;
  }

  public int getHour() {
    return value.getHour();
  }

  public int getMinute() {
    return value.getMinute();
  }

  public int getSecond() {
    return value.getSecond();
  }

  @Override
  public int compareTo(PyDateTime o) {
    return value.toInstant().compareTo(o.value.toInstant());
  }

  /** Python's {@code str(datetime)}: {@code 2024-01-02 03:04:05+00:00}. */
  @Override
  public String toString() {
    return isoformat().replace('T', ' ');
  }
}
