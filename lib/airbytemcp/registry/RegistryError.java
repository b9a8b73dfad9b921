package airbytemcp.registry;

import airbytemcp.common.CloseNames;
import airbytemcp.common.UserError;
import java.util.Collection;
import java.util.List;

/** The registry or a connector in it cannot be had. */
public final class RegistryError extends UserError {
  public RegistryError(String message, String hint) {
    super(message, hint);
  }

  public static RegistryError notFound(String name) {
    return notFound(name, List.of());
  }

  /** Not found, naming up to three close registry names ("did you mean"). */
  public static RegistryError notFound(String name, Collection<String> known) {
    List<String> close = CloseNames.closest(name, known, 3);
    if (!close.isEmpty()) {
      return new RegistryError(
          "Connector '"
              + name
              + "' is not in the Airbyte registry. Did you mean: "
              + String.join(", ", close)
              + "?",
          "Use one of these exact names; list_connectors with a keyword_filter " + "finds others.");
    }
    return new RegistryError(
        "Connector '" + name + "' is not in the Airbyte registry.",
        "Use the full name with its prefix (e.g. source-faker, destination-duckdb); list_connectors with a "
            + "keyword_filter finds the exact name.");
  }
}
