package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The start-up primer runs beside the protocol: it must never write to stdout or stderr. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ProtocolPrimerTest {
  @Test
  void primingWritesNothingToStdoutOrStderr() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(written, true, StandardCharsets.UTF_8);
    try {
      System.setOut(capture);
      System.setErr(capture);
      ProtocolPrimer.prime();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertEquals(
        "",
        written.toString(StandardCharsets.UTF_8),
        "priming wrote to stdout or stderr (stdout is the protocol channel)");
  }
}
