package airbytemcp.cloud;

/**
 * The kinds of Cloud objects the safe-mode ledger tells apart (an id is only ever matched with its
 * own kind).
 */
public enum CloudObject {
  SOURCE("source"),
  DESTINATION("destination"),
  CONNECTION("connection"),
  SYNC_JOB("sync job"),
  CUSTOM_SOURCE_DEFINITION("custom source definition");

  private final String label;

  CloudObject(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
