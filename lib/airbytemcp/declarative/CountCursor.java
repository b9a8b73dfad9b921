package airbytemcp.declarative;

import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IncrementingCountCursor: an ever-growing integer field (an id, a sequence number). One slice
 * starting at the state (or {@code start_value}), sent through {@code start_value_option}; the
 * state is the largest value seen.
 */
final class CountCursor implements Cursor {
  private static final String START = "start";
  private final JsonNode def;
  private final Tpl t;
  private final String cursorField;
  private final Masker masker;

  CountCursor(JsonNode def, Scope scope, Masker masker) {
    this.def = def;
    this.masker = masker;
    this.t = new Tpl(def);
    this.cursorField = t.text("cursor_field", scope);
  }

  @Override
  public String cursorField() {
    return cursorField;
  }

  @Override
  public List<Map<String, Object>> slices(JsonNode state, Scope scope) {
    // checked as printed: read as a literal first, 4096_7731_2209 would be 409677312209 already
    SecretsAsValues.refuse(t.text("start_value", scope), "start_value", masker);
    Long start = position(PyValues.toJson(t.value("start_value", scope)));
    Long fromState = state == null ? null : position(state.get(cursorField));
    if (fromState != null && (start == null || fromState > start)) {
      start = fromState;
    }
    Map<String, Object> slice = new LinkedHashMap<>();
    if (start != null) {
      slice.put(START, start);
    }
    return List.of(slice);
  }

  @Override
  public void inject(RequestParts parts, Map<String, Object> slice, Scope scope) {
    parts.inject(def.get("start_value_option"), slice.get(START), scope);
  }

  @Override
  public Long position(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      return value.longValue();
    }
    try {
      return Long.parseLong(value.asText().strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public JsonNode stateValue(long position) {
    return JsonNodeFactory.instance.numberNode(position);
  }

  @Override
  public Long sliceStart(Map<String, Object> slice) {
    return slice.get(START) instanceof Number n ? n.longValue() : null;
  }

  @Override
  public Long sliceEnd(Map<String, Object> slice) {
    return null;
  }
}
