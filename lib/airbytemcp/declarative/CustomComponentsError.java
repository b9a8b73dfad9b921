package airbytemcp.declarative;

import airbytemcp.connectors.NativeConnectorFactory;
import java.util.List;

/**
 * The manifest relies on custom Python components ({@code components.py}, {@code Custom*} types or
 * {@code class_name}), which only the Python CDK can run. Resolvers catch this to fall back to
 * Docker or Python.
 */
public final class CustomComponentsError extends DeclarativeError
    implements NativeConnectorFactory.Unsupported {
  private final List<String> locations;

  public CustomComponentsError(String connector, List<String> locations) {
    super(
        connector
            + " needs custom Python components, which the JVM runtime cannot run: "
            + String.join(", ", locations.subList(0, Math.min(5, locations.size())))
            + (locations.size() > 5 ? " and " + (locations.size() - 5) + " more" : "")
            + ".",
        "Run it with the Docker or Python executor (executor auto does this by itself).");
    this.locations = List.copyOf(locations);
  }

  /** Where the custom components are, as {@code /json/pointer (Type)} strings. */
  public List<String> locations() {
    return locations;
  }
}
