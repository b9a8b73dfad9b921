package airbytemcp.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Secret lookup by name over the sources SPEC section 4 names, in order: the process environment, the
 * {@code AIRBYTE_MCP_ENV_FILE} dotenv, then {@code ./.envrc}.
 */
public final class SecretValues {
  private final Map<String, String> processEnv;
  private final Map<String, String> dotenv;
  private final Map<String, String> envrc;

  public SecretValues(Map<String, String> processEnv, Map<String, String> dotenv, Map<String, String> envrc) {
    this.processEnv = Collections.unmodifiableMap(new LinkedHashMap<>(processEnv));
    this.dotenv = Collections.unmodifiableMap(new LinkedHashMap<>(dotenv));
    this.envrc = Collections.unmodifiableMap(new LinkedHashMap<>(envrc));
  }

  public Optional<String> lookup(String name) {
    for (Map<String, String> source : java.util.List.of(processEnv, dotenv, envrc)) {
      String value = source.get(name);
      if (value != null) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
