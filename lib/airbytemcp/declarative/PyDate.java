package airbytemcp.declarative;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAccessor;

/** A Python {@code date} as templates see it. */
public record PyDate(LocalDate value) implements Comparable<PyDate>, PyCalendarFields {
  public String strftime(String format) {
    return PyDateFormat.format(value.atStartOfDay(ZoneOffset.UTC), format);
  }

  public PyDate minus(IsoDuration d) {
    return new PyDate(d.subtractFrom(value.atStartOfDay(ZoneOffset.UTC)).toLocalDate());
  }

  public PyDate plus(IsoDuration d) {
    return new PyDate(d.addTo(value.atStartOfDay(ZoneOffset.UTC)).toLocalDate());
  }

  public String isoformat() {
    return value.toString();
  }

  @Override
  public TemporalAccessor temporal() {
    return value;
  }

  @Override
  public int compareTo(PyDate o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
