package airbytemcp.cache;

import airbytemcp.protocol.AirbyteMessage;
import airbytemcp.protocol.MessageReader;
import java.util.List;

/** Protocol lines of a stream named {@code items}, as a connector writes them. */
final class ItemsLines {
  private ItemsLines() {}

  /** The columns of {@code items} as a sync types them: one of each typed kind. */
  static final List<Column> COLUMNS =
      List.of(
          new Column("id", SqlType.BIGINT),
          new Column("name", SqlType.VARCHAR),
          new Column("price", SqlType.DECIMAL),
          new Column("active", SqlType.BOOLEAN));

  /** A RECORD line holding {@code data} (a JSON object). */
  static String recordLine(String data) {
    return "{\"type\":\"RECORD\",\"record\":{\"stream\":\"items\",\"data\":"
        + data
        + ",\"emitted_at\":1700000000000}}";
  }

  /** {@link #recordLine} parsed as the connector's reader parses it. */
  static AirbyteMessage record(String data) {
    return MessageReader.parseLine(recordLine(data));
  }

  /** A per-stream STATE whose cursor is {@code id}. */
  static AirbyteMessage state(int id) {
    return MessageReader.parseLine(
        "{\"type\":\"STATE\",\"state\":{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":"
            + "{\"name\":\"items\"},\"stream_state\":{\"id\":"
            + id
            + "}}}}");
  }
}
