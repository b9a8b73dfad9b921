package airbytemcp.tools;

import airbytemcp.common.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed, checked access to a tool call's arguments. Wrong kinds become {@link ArgumentError}s that
 * name the argument.
 *
 * <p>A tool's handler sees its arguments together with the defaults its input schema declares (see
 * {@link ToolDefinition}). An argument with a declared default is read only through its {@link
 * ToolParam}, which must carry that same default: reading it by bare name, or with another default,
 * is a bug in the tool and fails loudly instead of answering with a second default.
 */
public final class ToolArgs {
  private final Map<String, Object> values;

  /** The declared defaults by argument name; null when the tool's schema is not known here. */
  private final Map<String, Object> declaredDefaults;

  public ToolArgs(Map<String, Object> values) {
    this(values, null);
  }

  private ToolArgs(Map<String, Object> values, Map<String, Object> declaredDefaults) {
    this.values = values == null ? Map.of() : values;
    this.declaredDefaults = declaredDefaults;
  }

  /** These arguments, checked against the defaults declared in a tool's input schema. */
  ToolArgs declaring(Map<String, Object> declaredDefaults) {
    return new ToolArgs(values, Map.copyOf(declaredDefaults));
  }

  /** The defaults an input schema declares, by argument name. */
  static Map<String, Object> declaredDefaults(Map<String, Object> inputSchema) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    if (inputSchema.get("properties") instanceof Map<?, ?> properties) {
      properties.forEach(
          (name, schema) -> {
            if (schema instanceof Map<?, ?> property && property.containsKey("default")) {
              defaults.put((String) name, property.get("default"));
            }
          });
    }
    return defaults;
  }

  /**
   * The value of an argument with a default: the caller's, or the declared default; one outside the
   * argument's bounds is refused (the server's schema check refuses it first, this one holds for
   * every caller).
   */
  public int integer(ToolParam.Int param) {
    int value = integer(checked(param), param.defaultValue());
    if (!param.allows(value)) {
      throw new ArgumentError(
          "Argument '" + param.name() + "' must be " + param.bounds() + ", not " + value + ".",
          "Give a value of "
              + param.bounds()
              + ", or leave it out for "
              + param.defaultValue()
              + ".");
    }
    return value;
  }

  /**
   * A count or an offset with a default: 0 or more. A negative one is refused rather than read as
   * 0, which would answer a question the agent did not ask.
   */
  public int nonNegative(ToolParam.Int param) {
    int value = integer(param);
    if (value < 0) {
      throw negative(param.name(), value);
    }
    return value;
  }

  /** {@link #nonNegative(ToolParam.Int)} for a count without a default. */
  public Optional<Integer> optionalNonNegative(String name) {
    Optional<Integer> value = optionalInteger(name);
    if (value.isPresent() && value.get() < 0) {
      throw negative(name, value.get());
    }
    return value;
  }

  private static ArgumentError negative(String name, int value) {
    return new ArgumentError(
        "Argument '" + name + "' must be 0 or more, not " + value + ".",
        name.endsWith("offset")
            ? "Give 0 for the first page, or the next_offset of the answer before."
            : "Give how many to return, e.g. " + name + "=10.");
  }

  public boolean bool(ToolParam.Flag param) {
    return bool(checked(param), param.defaultValue());
  }

  /** The caller's string (stripped), or the declared default when absent or blank. */
  public String text(ToolParam.Text param) {
    return string(checked(param)).orElse(param.defaultValue());
  }

  /**
   * A string-or-number argument as stripped text (e.g. a support level given as 100 or
   * "certified"), or the declared default when absent or blank.
   */
  public String scalarText(ToolParam.Text param) {
    Object value = values.get(checked(param));
    String text = value == null ? "" : String.valueOf(value).strip();
    return text.isEmpty() ? param.defaultValue() : text;
  }

  /**
   * Whether the caller gave a flag explicitly, and how: for a handler whose behaviour depends on
   * the flag being left out (e.g. a default that yields to another argument).
   */
  public Optional<Boolean> explicit(ToolParam.Flag param) {
    return values.get(checked(param)) == null
        ? Optional.empty()
        : Optional.of(bool(param.name(), param.defaultValue()));
  }

  private String checked(ToolParam<?> param) {
    if (declaredDefaults != null
        && !Objects.equals(declaredDefaults.get(param.name()), param.defaultValue())) {
      throw new IllegalStateException(
          "The handler reads '"
              + param.name()
              + "' with the default "
              + param.defaultValue()
              + ", but the input schema declares "
              + (declaredDefaults.containsKey(param.name())
                  ? "the default " + declaredDefaults.get(param.name())
                  : "no default"));
    }
    return param.name();
  }

  /** Refuses a bare-name read of an argument whose default is declared (it would lose it). */
  private String undefaulted(String name) {
    if (declaredDefaults != null && declaredDefaults.containsKey(name)) {
      throw new IllegalStateException(
          "The handler reads '"
              + name
              + "' by name, but its input schema declares a default; read it through its ToolParam");
    }
    return name;
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
    return string(undefaulted(name));
  }

  private Optional<String> string(String name) {
    Object value = values.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String s)) {
      throw new ArgumentError("Argument '" + name + "' must be a string.", null);
    }
    return s.isBlank() ? Optional.empty() : Optional.of(s.strip());
  }

  /**
   * A whole number, or {@code defaultValue} when absent; for arguments whose schema declares no
   * default, else it must match the declared one (prefer {@link #integer(ToolParam.Int)}).
   */
  public int integer(String name, int defaultValue) {
    Object value = values.get(matching(name, defaultValue));
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
    return values.get(undefaulted(name)) == null ? Optional.empty() : Optional.of(integer(name, 0));
  }

  /**
   * True or false, or {@code defaultValue} when absent; it must match a declared default (prefer
   * {@link #bool(ToolParam.Flag)}).
   */
  public boolean bool(String name, boolean defaultValue) {
    Object value = values.get(matching(name, defaultValue));
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
          return new ToolArgs(Map.of(name, Json.MAPPER.readValue(text, List.class)))
              .stringList(name);
        } catch (IOException e) {
          throw new ArgumentError("Argument '" + name + "' is not a valid JSON list.", null);
        }
      }
      return Arrays.stream(text.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }
    throw new ArgumentError("Argument '" + name + "' must be a string or a list of strings.", null);
  }

  /** The raw value of an argument that may be an object or a string (configs). */
  public Optional<Object> optionalValue(String name) {
    return Optional.ofNullable(values.get(undefaulted(name)));
  }

  /** A default given in code must be the one the schema declares, if it declares one. */
  private String matching(String name, Object defaultValue) {
    if (declaredDefaults != null
        && declaredDefaults.containsKey(name)
        && !Objects.equals(declaredDefaults.get(name), defaultValue)) {
      throw new IllegalStateException(
          "The handler reads '"
              + name
              + "' with the default "
              + defaultValue
              + ", but the input schema declares "
              + declaredDefaults.get(name));
    }
    return name;
  }
}
