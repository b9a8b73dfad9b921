package airbytemcp.cloud;

/** Sources and destinations share one API shape; this names the differences. */
public enum ActorKind {
  SOURCE("source", "/sources", "sourceId", "sourceType"),
  DESTINATION("destination", "/destinations", "destinationId", "destinationType");

  final String label;
  final String path;
  final String idField;
  final String typeField;

  ActorKind(String label, String path, String idField, String typeField) {
    this.label = label;
    this.path = path;
    this.idField = idField;
    this.typeField = typeField;
  }

  public String label() {
    return label;
  }

  /** The connector type the API expects, e.g. {@code faker} for {@code source-faker}. */
  String connectorType(String connectorName) {
    String prefix = label + "-";
    return connectorName.startsWith(prefix) ? connectorName.substring(prefix.length()) : connectorName;
  }
}
