package airbytemcp.declarative;

import airbytemcp.common.UserError;

/**
 * A failure of the JVM runtime itself (NullPointerException, ClassCastException, ...), not of the
 * config or the API: reported as a bug with the manifest and the component that failed, so nobody
 * goes hunting in their config.
 */
public final class DeclarativeBug extends DeclarativeError {
  private DeclarativeBug(String message, Throwable cause) {
    super(
        message,
        "This is a bug in airbyte-mcp's declarative runtime, not a config problem: report it with the"
            + " manifest named. Meanwhile run the connector with Docker or Python.",
        cause);
  }

  /**
   * Wraps {@code e} unless it is already a failure a user can act on (those pass through
   * unchanged).
   */
  static RuntimeException of(RuntimeException e, Manifest manifest, String where) {
    if (e instanceof UserError) {
      return e;
    }
    return new DeclarativeBug(
        "Internal error "
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
            + " in component "
            + component(e)
            + (where == null ? "" : " while " + where)
            + ", manifest "
            + manifest.source()
            + ".",
        e);
  }

  /** The runtime class (the component's implementation) closest to where it broke. */
  private static String component(Throwable e) {
    for (StackTraceElement frame : e.getStackTrace()) {
      String cls = frame.getClassName();
      if (cls.startsWith(DeclarativeBug.class.getPackageName() + ".")) {
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        return simple.replaceAll("\\$.*", "") + "." + frame.getMethodName();
      }
    }
    return "unknown";
  }
}
