package airbytemcp.tools;

import java.util.Objects;

/**
 * A tool argument that has a default, declared once: {@link InputSchema} advertises the default
 * from it and {@link ToolArgs} applies the same default when the argument is left out, so the
 * schema and the handler cannot disagree. Arguments without a default are plain names.
 */
public sealed interface ToolParam<T> permits ToolParam.Int, ToolParam.Flag, ToolParam.Text {
  String name();

  T defaultValue();

  static Int integer(String name, int defaultValue) {
    return new Int(name, defaultValue);
  }

  static Flag flag(String name, boolean defaultValue) {
    return new Flag(name, defaultValue);
  }

  static Text text(String name, String defaultValue) {
    return new Text(name, defaultValue);
  }

  record Int(String name, Integer defaultValue) implements ToolParam<Integer> {
    public Int {
      Objects.requireNonNull(name);
      Objects.requireNonNull(defaultValue);
    }
  }

  record Flag(String name, Boolean defaultValue) implements ToolParam<Boolean> {
    public Flag {
      Objects.requireNonNull(name);
      Objects.requireNonNull(defaultValue);
    }
  }

  record Text(String name, String defaultValue) implements ToolParam<String> {
    public Text {
      Objects.requireNonNull(name);
      Objects.requireNonNull(defaultValue);
    }
  }
}
