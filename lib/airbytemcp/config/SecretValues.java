package airbytemcp.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The values {@code secret_reference::NAME} may resolve. A name is resolvable when the user
 * declared it in a dotenv file ({@code AIRBYTE_MCP_ENV_FILE}, then {@code ./.envrc}) or listed it
 * in {@code AIRBYTE_MCP_SECRET_ENV_NAMES} for the process environment; the server's own settings
 * and credentials ({@link SettingsLoader#isServerSetting}) never are, wherever they are set. The
 * process environment's value wins for a declared name, as it does for settings.
 */
public final class SecretValues {
  private final Map<String, String> processEnv;
  private final Map<String, String> dotenv;
  private final Map<String, String> envrc;
  private final Set<String> processEnvNames;

  /**
   * @param processEnvNames names of the process environment the user made resolvable
   */
  public SecretValues(
      Map<String, String> processEnv,
      Map<String, String> dotenv,
      Map<String, String> envrc,
      Set<String> processEnvNames) {
    this.processEnv = Collections.unmodifiableMap(new LinkedHashMap<>(processEnv));
    this.dotenv = Collections.unmodifiableMap(new LinkedHashMap<>(dotenv));
    this.envrc = Collections.unmodifiableMap(new LinkedHashMap<>(envrc));
    this.processEnvNames = Set.copyOf(processEnvNames);
  }

  /** Whether the user made this name resolvable (whether or not it has a value). */
  public boolean resolvable(String name) {
    return !SettingsLoader.isServerSetting(name)
        && (dotenv.containsKey(name) || envrc.containsKey(name) || processEnvNames.contains(name));
  }

  /** Every name a reference may resolve, in the order the user declared them. */
  public Set<String> resolvableNames() {
    Set<String> names = new LinkedHashSet<>();
    names.addAll(dotenv.keySet());
    names.addAll(envrc.keySet());
    names.addAll(processEnvNames);
    names.removeIf(SettingsLoader::isServerSetting);
    return names;
  }

  /**
   * Every name a reference may resolve that has a value, with that value (the process environment's
   * where it has one): what the masker must know from the start, before any reference names it.
   */
  public Map<String, String> resolvableValues() {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map<String, String> source : List.of(envrc, dotenv)) {
      source.keySet().forEach(name -> lookup(name).ifPresent(v -> values.put(name, v)));
    }
    processEnvNames.forEach(name -> lookup(name).ifPresent(v -> values.put(name, v)));
    return values;
  }

  public Optional<String> lookup(String name) {
    if (!resolvable(name)) {
      return Optional.empty();
    }
    for (Map<String, String> source : List.of(processEnv, dotenv, envrc)) {
      String value = source.get(name);
      if (value != null) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
