package airbytemcp.protocol;

/** The Airbyte protocol's message types, with the field that carries each payload. */
public enum MessageType {
  RECORD("record"),
  STATE("state"),
  LOG("log"),
  SPEC("spec"),
  CONNECTION_STATUS("connectionStatus"),
  CATALOG("catalog"),
  TRACE("trace"),
  CONTROL("control"),
  DESTINATION_CATALOG("destination_catalog"),
  UNKNOWN("");

  private final String payloadField;

  MessageType(String payloadField) {
    this.payloadField = payloadField;
  }

  /** The model class of this type's payload, for the types the server reads. */
  public Class<?> model() {
    return switch (this) {
      case RECORD -> airbytemcp.protocol.model.RecordMessage.class;
      case STATE -> airbytemcp.protocol.model.StateMessage.class;
      case LOG -> airbytemcp.protocol.model.LogMessage.class;
      case SPEC -> airbytemcp.protocol.model.ConnectorSpec.class;
      case CONNECTION_STATUS -> airbytemcp.protocol.model.ConnectionStatus.class;
      case CATALOG -> airbytemcp.protocol.model.Catalog.class;
      case TRACE -> airbytemcp.protocol.model.TraceMessage.class;
      case CONTROL -> airbytemcp.protocol.model.ControlMessage.class;
      case DESTINATION_CATALOG, UNKNOWN -> com.fasterxml.jackson.databind.JsonNode.class;
    };
  }

  public String payloadField() {
    return payloadField;
  }

  public static MessageType fromWire(String type) {
    for (MessageType t : values()) {
      if (t.name().equals(type)) {
        return t;
      }
    }
    return UNKNOWN;
  }
}
