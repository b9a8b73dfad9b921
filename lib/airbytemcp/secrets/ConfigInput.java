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
}
