package airbytemcp.cloud;

import airbytemcp.common.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Failure messages and log events as an agent should get them from Airbyte: stack traces removed
 * and marked, and anything longer than {@link #LIMIT} characters cut and marked, so one failure
 * cannot flood the context.
 */
public final class CappedText {
  public static final int LIMIT = 2000;
  public static final String TRUNCATED = "[truncated]";
  public static final String STACK_TRACE_REMOVED = "[stack trace removed]";

  /**
   * Java frames, "... 12 more", Python frames ("File "x.py", line 3, in f") and their source lines.
   */
  private static final Pattern JAVA_FRAME = Pattern.compile("^\\s+at \\S+\\(.*\\)\\s*$");

  private static final Pattern OMITTED =
      Pattern.compile("^\\s*\\.\\.\\. \\d+ (more|common frames omitted)\\s*$");
  private static final Pattern PYTHON_START =
      Pattern.compile("^\\s*Traceback \\(most recent call last\\):\\s*$");
  private static final Pattern PYTHON_FRAME = Pattern.compile("^\\s+File \".*\", line \\d+.*$");

  private CappedText() {}

  /** Masked before it is cut, so no secret across the cut leaves a prefix. */
  public static String cap(String text, Redactor redactor) {
    if (text == null) {
      return null;
    }
    return redactor.maskedHead(withoutStackTraces(text), LIMIT, " " + TRUNCATED);
  }

  /** One plain log line: masked, then cut to {@link #LIMIT} (its trace lines stay). */
  static String capLine(String line, Redactor redactor) {
    return redactor.maskedHead(line, LIMIT, " " + TRUNCATED);
  }

  static String withoutStackTraces(String text) {
    List<String> out = new ArrayList<>();
    boolean inTrace = false;
    boolean inPython = false;
    for (String line : text.split("\n", -1)) {
      boolean frame =
          JAVA_FRAME.matcher(line).matches()
              || OMITTED.matcher(line).matches()
              || PYTHON_START.matcher(line).matches()
              || PYTHON_FRAME.matcher(line).matches()
              || (inPython && line.startsWith("    "));
      if (PYTHON_START.matcher(line).matches()) {
        inPython = true;
      } else if (!frame) {
        inPython = false;
      }
      if (frame) {
        if (!inTrace) {
          out.add(STACK_TRACE_REMOVED);
        }
        inTrace = true;
      } else {
        inTrace = false;
        out.add(line);
      }
    }
    return String.join("\n", out);
  }
}
