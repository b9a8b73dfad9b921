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
    return new Int(name, defaultValue, null, null);
  }

  static Flag flag(String name, boolean defaultValue) {
    return new Flag(name, defaultValue);
  }

  static Text text(String name, String defaultValue) {
    return new Text(name, defaultValue);
  }

  /**
   * A whole number, with the least and most it may be ({@code min}, {@code max}; null for no
   * bound): the schema advertises them, and a value outside them is refused, never clamped, since
   * an answer to a question the agent did not ask reads like the answer to the one it did.
   */
  record Int(String name, Integer defaultValue, Integer min, Integer max)
      implements ToolParam<Integer> {
    public Int {
      Objects.requireNonNull(name);
      Objects.requireNonNull(defaultValue);
      if (!within(defaultValue, min, max)) {
        throw new IllegalArgumentException(name + ": the default is outside the bounds");
      }
    }

    /** The same argument, allowed from {@code least} to {@code most}. */
    public Int between(int least, int most) {
      return new Int(name, defaultValue, least, most);
    }

    /** The same argument, allowed from {@code least} up. */
    public Int atLeast(int least) {
      return new Int(name, defaultValue, least, null);
    }

    /** Whether a value is within the bounds. */
    public boolean allows(int value) {
      return within(value, min, max);
    }

    private static boolean within(int value, Integer min, Integer max) {
      return (min == null || value >= min) && (max == null || value <= max);
    }

    /** The bounds in words: {@code 1 to 500}, {@code 0 or more}. */
    public String bounds() {
      return inWords(min, max);
    }

    /**
     * Bounds in words, as a schema's {@code minimum} and {@code maximum} state them (either may be
     * null); empty when there are none.
     */
    public static String inWords(Object min, Object max) {
      if (min != null && max != null) {
        return min + " to " + max;
      }
      return min != null ? min + " or more" : max != null ? "at most " + max : "";
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
