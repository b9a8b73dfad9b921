package airbytemcp.connectors;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How to run a connector; {@code AUTO} lets the resolver choose. {@code YAML} and {@code NATIVE}
 * are the same runtime.
 */
public enum ExecutionMode {
  AUTO,
  DOCKER,
  PYTHON,
  YAML,
  NATIVE,
  LOCAL;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(ExecutionMode::id).toList();
  }

  public static Optional<ExecutionMode> fromId(String id) {
    return Arrays.stream(values()).filter(m -> m.id().equalsIgnoreCase(id.strip())).findFirst();
  }
}
