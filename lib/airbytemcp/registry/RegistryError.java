package airbytemcp.registry;

import airbytemcp.common.UserError;

/** The registry or a connector in it cannot be had. */
public final class RegistryError extends UserError {
  public RegistryError(String message, String hint) {
    super(message, hint);
  }

  public static RegistryError notFound(String name) {
    return new RegistryError(
        "Connector '" + name + "' is not in the Airbyte registry.",
        "Use the full name with its prefix (e.g. source-faker, destination-duckdb); list_connectors with a "
            + "keyword_filter finds the exact name.");
  }
}
