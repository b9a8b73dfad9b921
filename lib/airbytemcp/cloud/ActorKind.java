package airbytemcp.cloud;

/** Sources and destinations share one API shape; this names the differences. */
public enum ActorKind {
  SOURCE("source", "/sources", "sourceId", "sourceType", CloudObject.SOURCE),
  DESTINATION(
      "destination", "/destinations", "destinationId", "destinationType", CloudObject.DESTINATION);

  final String label;
  final String path;
  final String idField;
  final String typeField;
  final CloudObject object;

  ActorKind(String label, String path, String idField, String typeField, CloudObject object) {
    this.object = object;
    this.label = label;
    this.path = path;
    this.idField = idField;
    this.typeField = typeField;
  }

  public String label() {
    return label;
  }

  public CloudObject object() {
    return object;
  }

  /** The tool argument naming an id of this kind, e.g. {@code source_id}. */
  public String idArgument() {
    return label + "_id";
  }

  /** Checks an id of this kind before it goes into a path. */
  public String id(String value) {
    return CloudIds.uuid(idArgument(), value);
  }

  /** The connector type the API expects, e.g. {@code faker} for {@code source-faker}. */
  String connectorType(String connectorName) {
    String prefix = label + "-";
    return connectorName.startsWith(prefix)
        ? connectorName.substring(prefix.length())
        : connectorName;
  }
}
