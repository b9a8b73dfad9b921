package airbytemcp.network;

import java.net.UnknownHostException;

/**
 * A connection the egress rules refused before its socket opened. An {@link UnknownHostException}
 * (an I/O error that HTTP clients do not retry on another route, and that a DNS lookup may throw)
 * so it travels through HTTP clients and JDBC drivers; callers look for it in the cause chain and
 * do not retry it.
 */
public final class EgressRefused extends UnknownHostException {
  public EgressRefused(String message) {
    super(message);
  }

  /** The refusal somewhere in {@code e}'s causes (and suppressed exceptions), or null. */
  public static EgressRefused in(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EgressRefused refused) {
        return refused;
      }
      for (Throwable s : t.getSuppressed()) {
        if (s instanceof EgressRefused refused) {
          return refused;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
