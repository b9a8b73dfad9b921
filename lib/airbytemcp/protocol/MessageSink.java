package airbytemcp.protocol;

/** Receives a connector's messages one at a time, as they are produced (never a whole stream at once). */
@FunctionalInterface
public interface MessageSink {
  void accept(AirbyteMessage message);
}
