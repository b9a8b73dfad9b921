package airbytemcp.declarative;

import java.time.Duration;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO 8601 duration ({@code P1D}, {@code PT1H}, {@code P1M}, {@code P1W}), calendar part and
 * clock part.
 */
public record IsoDuration(Period period, Duration time) {
  private static final Pattern ISO =
      Pattern.compile(
          "^([-+]?)P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:[.,]\\d+)?)S)?)?$");

  public static IsoDuration parse(String text) {
    Matcher m = ISO.matcher(text.strip().toUpperCase(Locale.ROOT));
    if (!m.matches()
        || text.strip().equalsIgnoreCase("P")
        || text.strip().toUpperCase(Locale.ROOT).endsWith("T")) {
      // a manifest's mistake, refused by the CDK's isodate too: not a bug in this runtime
      throw new DeclarativeError(
          "'" + text + "' is not an ISO 8601 duration such as P1D or PT1H.",
          "Write the manifest's duration (step, lookback_window, expiration_duration, ...) in ISO"
              + " 8601, e.g. PT2H for 7200 seconds.");
    }
    int sign = "-".equals(m.group(1)) ? -1 : 1;
    Period p = Period.of(num(m.group(2)), num(m.group(3)), num(m.group(4)) * 7 + num(m.group(5)));
    Duration d = Duration.ofHours(num(m.group(6))).plusMinutes(num(m.group(7)));
    if (m.group(8) != null) {
      d = d.plusNanos(Math.round(Double.parseDouble(m.group(8).replace(',', '.')) * 1e9));
    }
    return sign < 0 ? new IsoDuration(p.negated(), d.negated()) : new IsoDuration(p, d);
  }

  private static int num(String s) {
    return s == null ? 0 : Integer.parseInt(s);
  }

  public ZonedDateTime addTo(ZonedDateTime t) {
    return t.plus(period).plus(time);
  }

  public ZonedDateTime subtractFrom(ZonedDateTime t) {
    return t.minus(period).minus(time);
  }

  /** Approximate seconds (months as 30 days), as Python's {@code total_seconds} of a timedelta. */
  public double total_seconds() {
    return (period.toTotalMonths() * 30L + period.getDays()) * 86400.0 + time.toNanos() / 1e9;
  }

  /** Python's {@code str(timedelta)}: {@code 1 day, 2:00:00}. */
  @Override
  public String toString() {
    long seconds = (long) total_seconds();
    long days = Math.floorDiv(seconds, 86400);
    long rest = Math.floorMod(seconds, 86400);
    String clock =
        String.format(Locale.ROOT, "%d:%02d:%02d", rest / 3600, (rest % 3600) / 60, rest % 60);
    return days == 0 ? clock : days + (Math.abs(days) == 1 ? " day, " : " days, ") + clock;
  }
}
