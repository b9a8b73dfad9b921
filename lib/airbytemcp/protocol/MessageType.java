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
