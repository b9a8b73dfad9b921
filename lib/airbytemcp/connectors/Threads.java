package airbytemcp.connectors;

/** Helper threads of a running connector: daemons, so a stuck one never keeps the server alive. */
final class Threads {
  private Threads() {}

  static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
