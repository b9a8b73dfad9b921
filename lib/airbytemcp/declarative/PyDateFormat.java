package airbytemcp.declarative;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code strftime}/{@code strptime} directives, plus the CDK's own {@code %s} (epoch
 * seconds), {@code %ms} (epoch milliseconds), {@code %s_as_float} and {@code %epoch_microseconds}.
 * Times are in UTC unless the text carries an offset.
 */
public final class PyDateFormat {
  private PyDateFormat() {}

  public static String format(ZonedDateTime t, String format) {
    switch (format) {
      case "%s":
        return Long.toString(t.toEpochSecond());
      case "%ms":
        return Long.toString(t.toInstant().toEpochMilli());
      case "%s_as_float":
        return Double.toString(
            t.toInstant().toEpochMilli() / 1000.0 + (t.getNano() % 1_000_000) / 1e9);
      case "%epoch_microseconds":
        return Long.toString(t.toEpochSecond() * 1_000_000 + t.getNano() / 1000);
      default:
        break;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        out.append(c);
        continue;
      }
      char d = format.charAt(++i);
      switch (d) {
        case 'Y' -> out.append(String.format(Locale.ROOT, "%04d", t.getYear()));
        case 'y' -> out.append(String.format(Locale.ROOT, "%02d", t.getYear() % 100));
        case 'm' -> out.append(String.format(Locale.ROOT, "%02d", t.getMonthValue()));
        case 'd' -> out.append(String.format(Locale.ROOT, "%02d", t.getDayOfMonth()));
        case 'H' -> out.append(String.format(Locale.ROOT, "%02d", t.getHour()));
        case 'I' -> out.append(String.format(Locale.ROOT, "%02d", (t.getHour() + 11) % 12 + 1));
        case 'p' -> out.append(t.getHour() < 12 ? "AM" : "PM");
        case 'M' -> out.append(String.format(Locale.ROOT, "%02d", t.getMinute()));
        case 'S' -> out.append(String.format(Locale.ROOT, "%02d", t.getSecond()));
        case 'f' -> out.append(String.format(Locale.ROOT, "%06d", t.getNano() / 1000));
        case 'j' -> out.append(String.format(Locale.ROOT, "%03d", t.getDayOfYear()));
        case 'z' -> out.append(offset(t, false));
        case ':' -> {
          if (i + 1 < format.length() && format.charAt(i + 1) == 'z') {
            i++;
            out.append(offset(t, true));
          } else {
            out.append("%:");
          }
        }
        case 'Z' -> out.append(t.getOffset().getTotalSeconds() == 0 ? "UTC" : t.getZone().getId());
        case 'b' -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        case 'B' -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        case 'a' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        case 'A' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        case 'w' -> out.append(t.getDayOfWeek().getValue() % 7);
        case 'u' -> out.append(t.getDayOfWeek().getValue());
        case 'e' -> out.append(String.format(Locale.ROOT, "%2d", t.getDayOfMonth()));
        case 'F' -> out.append(format(t, "%Y-%m-%d"));
        case 'T' -> out.append(format(t, "%H:%M:%S"));
        case '%' -> out.append('%');
        default -> out.append('%').append(d);
      }
    }
    return out.toString();
  }

  private static String offset(ZonedDateTime t, boolean colon) {
    int secs = t.getOffset().getTotalSeconds();
    int abs = Math.abs(secs);
    return String.format(
        Locale.ROOT,
        colon ? "%s%02d:%02d" : "%s%02d%02d",
        secs < 0 ? "-" : "+",
        abs / 3600,
        (abs % 3600) / 60);
  }

  /**
   * Parses text written in the format; throws {@link IllegalArgumentException} when it does not
   * match.
   */
  public static ZonedDateTime parse(String text, String format) {
    String s = text.strip();
    switch (format) {
      case "%s":
        return Instant.ofEpochSecond(Long.parseLong(s.replaceFirst("\\.0+$", "")))
            .atZone(ZoneOffset.UTC);
      case "%ms":
        return Instant.ofEpochMilli(Long.parseLong(s)).atZone(ZoneOffset.UTC);
      case "%s_as_float":
        double v = Double.parseDouble(s);
        return Instant.ofEpochSecond((long) Math.floor(v), Math.round((v - Math.floor(v)) * 1e9))
            .atZone(ZoneOffset.UTC);
      case "%epoch_microseconds":
        long micros = Long.parseLong(s);
        return Instant.ofEpochSecond(
                Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L)
            .atZone(ZoneOffset.UTC);
      default:
        break;
    }
    List<Character> fields = new ArrayList<>();
    StringBuilder regex = new StringBuilder("^");
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        regex.append(Character.isWhitespace(c) ? "\\s+" : Pattern.quote(String.valueOf(c)));
        continue;
      }
      char d = format.charAt(++i);
      if (d == ':' && i + 1 < format.length() && format.charAt(i + 1) == 'z') {
        i++;
        d = 'z';
      }
      String part =
          switch (d) {
            case 'Y' -> "(\\d{4})";
            case 'y', 'm', 'd', 'H', 'I', 'M', 'S' -> "(\\d{1,2})";
            case 'f' -> "(\\d{1,9})";
            case 'j' -> "(\\d{1,3})";
            case 'z' -> "(Z|[+-]\\d{2}:?\\d{2}(?::?\\d{2})?)";
            case 'Z' -> "([A-Za-z]{1,5})?";
            case 'b', 'B', 'a', 'A', 'p' -> "([A-Za-z]+)";
            case '%' -> "(%)";
            default -> throw new IllegalArgumentException("unsupported directive %" + d);
          };
      fields.add(d);
      regex.append(part);
    }
    Matcher m = Pattern.compile(regex.append("$").toString()).matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' does not match the format '" + format + "'");
    }
    int year = 1900, month = 1, day = 1, hour = 0, minute = 0, second = 0, nano = 0, doy = -1;
    boolean pm = false, twelve = false;
    ZoneOffset offset = ZoneOffset.UTC;
    for (int g = 0; g < fields.size(); g++) {
      String v = m.group(g + 1);
      if (v == null) {
        continue;
      }
      switch (fields.get(g)) {
        case 'Y' -> year = Integer.parseInt(v);
        case 'y' -> year = 2000 + Integer.parseInt(v) - (Integer.parseInt(v) >= 69 ? 100 : 0);
        case 'm' -> month = Integer.parseInt(v);
        case 'd' -> day = Integer.parseInt(v);
        case 'H' -> hour = Integer.parseInt(v);
        case 'I' -> {
          hour = Integer.parseInt(v) % 12;
          twelve = true;
        }
        case 'p' -> pm = v.equalsIgnoreCase("PM");
        case 'M' -> minute = Integer.parseInt(v);
        case 'S' -> second = Integer.parseInt(v);
        case 'f' -> nano = Integer.parseInt((v + "000000000").substring(0, 9));
        case 'j' -> doy = Integer.parseInt(v);
        case 'z' ->
            offset =
                v.equals("Z")
                    ? ZoneOffset.UTC
                    : ZoneOffset.of(v.length() == 5 ? v.substring(0, 3) + ":" + v.substring(3) : v);
        case 'b', 'B' -> month = monthOf(v);
        default -> {}
      }
    }
    if (twelve && pm) {
      hour += 12;
    }
    LocalDateTime local =
        doy > 0
            ? LocalDateTime.of(year, 1, 1, hour, minute, second, nano).withDayOfYear(doy)
            : LocalDateTime.of(year, month, day, hour, minute, second, nano);
    return local.atZone(offset);
  }

  private static int monthOf(String name) {
    for (Month month : Month.values()) {
      String full = month.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      if (full.equalsIgnoreCase(name) || full.substring(0, 3).equalsIgnoreCase(name)) {
        return month.getValue();
      }
    }
    throw new IllegalArgumentException("unknown month " + name);
  }
}
