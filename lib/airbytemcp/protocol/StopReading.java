package airbytemcp.protocol;

/**
 * Thrown by a {@link MessageSink} that has seen enough (e.g. the first N records): the executor
 * stops the connector and the read ends normally.
 */
public final class StopReading extends RuntimeException {
  public StopReading() {
    super("enough messages read", null, false, false);
  }
}
