package airbytemcp.declarative;

import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Python's {@code .year}, {@code .month}, {@code .day} on dates and date-times (Jinjava reads them
 * as getters).
 */
public interface PyCalendarFields {
  TemporalAccessor temporal();

  default int getYear() {
    return temporal().get(ChronoField.YEAR);
  }

  default int getMonth() {
    return temporal().get(ChronoField.MONTH_OF_YEAR);
  }

  default int getDay() {
    return temporal().get(ChronoField.DAY_OF_MONTH);
  }
}
