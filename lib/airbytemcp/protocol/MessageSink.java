package airbytemcp.protocol;

/**
 * Receives a connector's messages one at a time, as they are produced (never a whole stream at
 * once). A sink that needs no more throws {@link StopReading}; the executor then stops the
 * connector and returns normally.
 */
@FunctionalInterface
public interface MessageSink {
  void accept(AirbyteMessage message);
}
