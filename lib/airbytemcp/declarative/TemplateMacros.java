package airbytemcp.declarative;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

/** The CDK's template macros (global functions), with the CDK's argument conventions. */
public final class TemplateMacros {
  /** What now_utc and friends read; tests may fix it. */
  static volatile Clock clock = Clock.systemUTC();

  // A clock fixed for the renderings one thread compares (SecretDecoys), so the time they read
  // cannot hide that they differ for another reason.
  private static final ThreadLocal<Clock> PINNED = new ThreadLocal<>();

  private TemplateMacros() {}

  private static Clock clock() {
    Clock pinned = PINNED.get();
    return pinned != null ? pinned : clock;
  }

  /** What {@code render} returns with the time fixed, on this thread, at the current instant. */
  static <T> T atOneInstant(Supplier<T> render) {
    if (PINNED.get() != null) {
      return render.get();
    }
    PINNED.set(Clock.fixed(clock.instant(), ZoneOffset.UTC));
    try {
      return render.get();
    } finally {
      PINNED.remove();
    }
  }

  public static PyDateTime now_utc() {
    return new PyDateTime(ZonedDateTime.now(clock()).withZoneSameInstant(ZoneOffset.UTC));
  }

  public static PyDate today_utc() {
    return new PyDate(LocalDate.now(clock().withZone(ZoneOffset.UTC)));
  }

  public static PyDate today_with_timezone(String zone) {
    if (zone == null) { // pytz refuses None as well
      throw new IllegalArgumentException("today_with_timezone needs a time zone name, got None");
    }
    return new PyDate(LocalDate.now(clock().withZone(ZoneId.of(zone))));
  }

  /** Epoch seconds of a date-time (text or value); numbers are truncated to whole seconds. */
  public static long timestamp(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String s && s.strip().matches("-?\\d+(\\.\\d+)?")) {
      return (long) Double.parseDouble(s.strip());
    }
    return LenientDates.parse(value).toEpochSecond();
  }

  public static Object max(Object... values) {
    return extreme(values, 1);
  }

  public static Object min(Object... values) {
    return extreme(values, -1);
  }

  private static Object extreme(Object[] values, int sign) {
    List<Object> items = new ArrayList<>();
    if (values.length == 1 && values[0] instanceof Iterable<?> it) {
      it.forEach(items::add);
    } else {
      items.addAll(Arrays.asList(values));
    }
    Object best = null;
    for (Object v : items) {
      if (best == null || sign * compare(v, best) > 0) {
        best = v;
      }
    }
    return best;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof Comparable c && a.getClass() == b.getClass()) {
      return c.compareTo(b);
    }
    return PyValues.str(a).compareTo(PyValues.str(b));
  }

  /** Now plus some days, formatted (default {@code %Y-%m-%dT%H:%M:%S.%f%z}). */
  public static String day_delta(Object... args) {
    long days = ((Number) args[0]).longValue();
    String format = args.length > 1 ? String.valueOf(args[1]) : "%Y-%m-%dT%H:%M:%S.%f%z";
    return PyDateFormat.format(now_utc().value().plusDays(days), format);
  }

  public static IsoDuration duration(String iso) {
    return IsoDuration.parse(iso);
  }

  /** A date-time (or its text, read with the optional input format) in the output format. */
  public static String format_datetime(Object... args) {
    Object dt = args[0];
    if (dt == null) {
      throw new JinjaUndefined("format_datetime of an undefined value");
    }
    String format = String.valueOf(args[1]);
    ZonedDateTime t =
        dt instanceof String s && args.length > 2 && args[2] != null
            ? PyDateFormat.parse(s, String.valueOf(args[2]))
            : LenientDates.parse(dt);
    return PyDateFormat.format(t, format);
  }

  public static PyDateTime str_to_datetime(String text) {
    return new PyDateTime(LenientDates.parse(text));
  }

  public static String camel_case_to_snake_case(String value) {
    return value
        .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
        .replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
        .toLowerCase(Locale.ROOT);
  }

  public static String sanitize_url(String url) {
    return url.replaceAll("(?<=//)[^/@]*@", "");
  }

  public static String generate_uuid() {
    return UUID.randomUUID().toString();
  }
}
