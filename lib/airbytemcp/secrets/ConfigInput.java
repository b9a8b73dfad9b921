package airbytemcp.secrets;

import java.util.Optional;

/**
 * The ways a tool call can give a connector config: {@code config} (an object, a JSON string or an
 * absolute file path), {@code config_file} (an absolute JSON/YAML path) and {@code
 * config_secret_name} (a secret whose value is a whole config, merged on top).
 */
public record ConfigInput(
    Optional<Object> config, Optional<String> configFile, Optional<String> configSecretName) {
  public static ConfigInput none() {
    return new ConfigInput(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Whether {@code config} names a file: text that is no JSON object is read as a path. */
  public boolean configIsPath() {
    return config.filter(ConfigInput::isPath).isPresent();
  }

  /** Whether a config argument's value would be read as a file path. */
  public static boolean isPath(Object value) {
    return value instanceof String text && !text.strip().isEmpty() && !text.strip().startsWith("{");
  }
}
