package airbytemcp.tools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, checked access to a tool call's arguments. Wrong kinds become {@link ArgumentError}s that
 * name the argument.
 */
public final class ToolArgs {
  private final Map<String, Object> values;

  public ToolArgs(Map<String, Object> values) {
    this.values = values == null ? Map.of() : values;
  }

  public Map<String, Object> raw() {
    return values;
  }

  public boolean has(String name) {
    return values.get(name) != null;
  }

  public String requiredString(String name) {
    return optionalString(name)
        .orElseThrow(
            () ->
                new ArgumentError(
                    "Argument '" + name + "' is required.", "Pass " + name + " as a string."));
  }

  public Optional<String> optionalString(String name) {
    Object value = values.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String s)) {
      throw new ArgumentError("Argument '" + name + "' must be a string.", null);
    }
    return s.isBlank() ? Optional.empty() : Optional.of(s.strip());
  }

  public int integer(String name, int defaultValue) {
    Object value = values.get(name);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    if (value instanceof String s) {
      try {
        return Integer.parseInt(s.strip());
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new ArgumentError("Argument '" + name + "' must be a whole number.", null);
  }

  public Optional<Integer> optionalInteger(String name) {
    return values.get(name) == null ? Optional.empty() : Optional.of(integer(name, 0));
  }

  public boolean bool(String name, boolean defaultValue) {
    Object value = values.get(name);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    throw new ArgumentError("Argument '" + name + "' must be true or false.", null);
  }

  /**
   * A list of strings given as a JSON array, a JSON array in a string, or a comma-separated string;
   * empty when absent.
   */
  public List<String> stringList(String name) {
    Object value = values.get(name);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object item : list) {
        if (!(item instanceof String s)) {
          throw new ArgumentError("Argument '" + name + "' must be a list of strings.", null);
        }
        if (!s.isBlank()) {
          out.add(s.strip());
        }
      }
      return out;
    }
    if (value instanceof String s) {
      String text = s.strip();
      if (text.startsWith("[")) {
        try {
          return new ToolArgs(
                  Map.of(name, airbytemcp.common.Json.MAPPER.readValue(text, List.class)))
              .stringList(name);
        } catch (java.io.IOException e) {
          throw new ArgumentError("Argument '" + name + "' is not a valid JSON list.", null);
        }
      }
      return Arrays.stream(text.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }
    throw new ArgumentError("Argument '" + name + "' must be a string or a list of strings.", null);
  }

  /** The raw value of an argument that may be an object or a string (configs). */
  public Optional<Object> optionalValue(String name) {
    return Optional.ofNullable(values.get(name));
  }
}
