package airbytemcp.declarative;

import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DatetimeBasedCursor: cuts [start, end] into slices of {@code step} (less {@code
 * cursor_granularity} at the end of each), starts a later run from the state less {@code
 * lookback_window}, and keeps the state as the newest cursor value it saw (or the end of the slice
 * when a slice had no records), written in {@code datetime_format}.
 */
final class DatetimeCursor implements Cursor {
  private final JsonNode def;
  private final Tpl t;
  private final String cursorField;
  private final String format;
  private final List<String> parseFormats = new ArrayList<>();
  private final Masker masker;

  DatetimeCursor(JsonNode def, Scope scope, Masker masker) {
    this.def = def;
    this.masker = masker;
    this.t = new Tpl(def);
    this.cursorField = t.text("cursor_field", scope);
    this.format = def.path("datetime_format").asText("%Y-%m-%dT%H:%M:%S.%f%z");
    def.path("cursor_datetime_formats").forEach(f -> parseFormats.add(f.asText()));
    parseFormats.add(format);
  }

  @Override
  public String cursorField() {
    return cursorField;
  }

  String startField() {
    return def.path("partition_field_start").asText("start_time");
  }

  String endField() {
    return def.path("partition_field_end").asText("end_time");
  }

  /**
   * The slices to read, given the stream's (or partition's) state for this cursor; state may be
   * null.
   */
  @Override
  public List<Map<String, Object>> slices(JsonNode state, Scope scope) {
    ZonedDateTime start = bound("start_datetime", scope);
    ZonedDateTime end =
        def.hasNonNull("end_datetime")
            ? bound("end_datetime", scope)
            : TemplateMacros.now_utc().value();
    if (state != null && state.hasNonNull(cursorField)) {
      ZonedDateTime fromState = parse(state.get(cursorField).asText());
      String lookback = t.text("lookback_window", scope);
      SecretsAsValues.refuse(lookback, "lookback_window", masker);
      if (!lookback.isEmpty()) {
        fromState = IsoDuration.parse(lookback).subtractFrom(fromState);
      }
      if (fromState.isAfter(start)) {
        start = fromState;
      }
    }
    String stepText = t.text("step", scope);
    String granText = t.text("cursor_granularity", scope);
    SecretsAsValues.refuse(stepText, "step", masker);
    SecretsAsValues.refuse(granText, "cursor_granularity", masker);
    IsoDuration step = stepText.isEmpty() ? null : IsoDuration.parse(stepText);
    IsoDuration granularity = granText.isEmpty() ? null : IsoDuration.parse(granText);
    List<Map<String, Object>> out = new ArrayList<>();
    ZonedDateTime cur = start;
    while (!cur.isAfter(end)) {
      ZonedDateTime next = step == null ? end.plusYears(1000) : step.addTo(cur);
      ZonedDateTime sliceEnd = granularity == null ? next : granularity.subtractFrom(next);
      if (sliceEnd.isAfter(end)) {
        sliceEnd = end;
      }
      Map<String, Object> slice = new LinkedHashMap<>();
      slice.put(startField(), PyDateFormat.format(cur, format));
      slice.put(endField(), PyDateFormat.format(sliceEnd, format));
      out.add(slice);
      if (!next.isAfter(cur) || step == null) {
        break;
      }
      cur = next;
    }
    return out;
  }

  private ZonedDateTime bound(String field, Scope scope) {
    JsonNode spec = def.get(field);
    if (spec == null || spec.isNull()) {
      return TemplateMacros.now_utc().value();
    }
    if (spec.isTextual()) {
      return parse(evaluated(t, spec, field, scope));
    }
    Tpl m = new Tpl(spec);
    String ownFormat = spec.path("datetime_format").asText("");
    ZonedDateTime value = parse(evaluated(m, spec.get("datetime"), field, scope), ownFormat);
    String min = evaluated(m, spec.get("min_datetime"), field, scope);
    if (!min.isEmpty() && parse(min, ownFormat).isAfter(value)) {
      value = parse(min, ownFormat);
    }
    String max = evaluated(m, spec.get("max_datetime"), field, scope);
    if (!max.isEmpty() && parse(max, ownFormat).isBefore(value)) {
      value = parse(max, ownFormat);
    }
    return value;
  }

  /**
   * A bound as the CDK's interpolated string evaluates it: the rendered text read as a Python
   * literal, so a template that prints a quoted date ({@code "2024-01-02"}) yields the date.
   */
  private String evaluated(Tpl tpl, JsonNode spec, String field, Scope scope) {
    // checked as printed: read as a literal first, 4096_7731_2209 would be 409677312209 already
    SecretsAsValues.refuse(tpl.text(spec, scope), field, masker);
    Object v = tpl.value(spec, scope);
    return v == null ? "" : PyValues.str(v);
  }

  ZonedDateTime parse(String text) {
    return parse(text, "");
  }

  private ZonedDateTime parse(String text, String preferred) {
    List<String> formats = new ArrayList<>();
    if (!preferred.isEmpty()) {
      formats.add(preferred);
    }
    formats.addAll(parseFormats);
    for (String f : formats) {
      try {
        return PyDateFormat.parse(text, f);
      } catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeException ignored) {
        // try the next format
      }
    }
    try {
      return LenientDates.parse(text);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new DeclarativeError(
          "The date '" + text + "' matches none of the formats " + formats + ".",
          "Check the date values in the config (e.g. start_date).");
    }
  }

  @Override
  public Long position(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    try {
      ZonedDateTime t = parse(value.asText());
      return t.toEpochSecond() * 1_000_000L + t.getNano() / 1000;
    } catch (DeclarativeError e) {
      return null;
    }
  }

  @Override
  public JsonNode stateValue(long position) {
    ZonedDateTime t =
        Instant.ofEpochSecond(
                Math.floorDiv(position, 1_000_000L), Math.floorMod(position, 1_000_000L) * 1000L)
            .atZone(ZoneOffset.UTC);
    return JsonNodeFactory.instance.textNode(format(t));
  }

  @Override
  public Long sliceStart(Map<String, Object> slice) {
    return position(PyValues.toJson(slice.get(startField())));
  }

  @Override
  public Long sliceEnd(Map<String, Object> slice) {
    return position(PyValues.toJson(slice.get(endField())));
  }

  @Override
  public boolean global() {
    return def.path("global_substream_cursor").asBoolean(false);
  }

  @Override
  public boolean dataFeed() {
    return def.path("is_data_feed").asBoolean(false);
  }

  @Override
  public boolean clientSide() {
    return def.path("is_client_side_incremental").asBoolean(false);
  }

  @Override
  public Map<String, Object> splitAt(Map<String, Object> slice, long position) {
    Map<String, Object> out = new LinkedHashMap<>(slice);
    out.put(startField(), stateValue(position).asText());
    return out;
  }

  String format(ZonedDateTime t) {
    return PyDateFormat.format(t, format);
  }

  @Override
  public void inject(RequestParts parts, Map<String, Object> slice, Scope scope) {
    parts.inject(def.get("start_time_option"), slice.get(startField()), scope);
    parts.inject(def.get("end_time_option"), slice.get(endField()), scope);
  }
}
