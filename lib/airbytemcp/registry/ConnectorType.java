package airbytemcp.registry;

import java.util.Locale;

/** Source or destination, told by the name's prefix. */
public enum ConnectorType {
  SOURCE,
  DESTINATION;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The plural used by Airbyte's docs site paths. */
  public String docsSegment() {
    return id() + "s";
  }
}
