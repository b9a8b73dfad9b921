package airbytemcp.bench;

import airbytemcp.secrets.Masker;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

/**
 * Cost of masking a large tool answer: 10 MB of JSON-like text against 500 registered secrets (a
 * few of them in the text), beside a plain copy of the same text; and of the check a sync makes on
 * each record line it stages as bytes, over the same text line by line. Not a test: run it with
 * {@code make bench}. Wall and CPU time are both printed: on a loaded machine the wall time mostly
 * shows the wait for a core.
 */
public final class MaskingBench {
  private static final int SECRETS = 500;
  private static final int TEXT_CHARS = 10_000_000;

  public static void main(String[] args) {
    Random random = new Random(42);
    Masker masker = new Masker();
    String[] secrets = new String[SECRETS];
    for (int i = 0; i < SECRETS; i++) {
      secrets[i] = token(random, 16 + random.nextInt(32));
      masker.register(secrets[i]);
    }
    String text = answer(random, secrets);
    long registered = System.nanoTime();
    masker.mask("warm the automaton up");
    double buildMs = (System.nanoTime() - registered) / 1e6;

    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double best = Double.MAX_VALUE;
    double bestCpu = Double.MAX_VALUE;
    double bestCopy = Double.MAX_VALUE;
    double bestLines = Double.MAX_VALUE;
    int masks = 0;
    int linesWithSecrets = 0;
    for (int round = 0; round < 15; round++) {
      long cpu = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      // as a plain-text answer or an error is masked: with a key's ends around elisions too
      String masked = masker.maskMessage(text);
      best = Math.min(best, (System.nanoTime() - start) / 1e6);
      bestCpu = Math.min(bestCpu, (threads.getCurrentThreadCpuTime() - cpu) / 1e6);
      masks = count(masked, Masker.MASK);
      start = System.nanoTime();
      String copy = new StringBuilder(text).toString();
      bestCopy = Math.min(bestCopy, (System.nanoTime() - start) / 1e6);
      if (copy.length() != text.length()) {
        throw new AssertionError("copy");
      }
      cpu = threads.getCurrentThreadCpuTime();
      linesWithSecrets = linesWithSecrets(masker, bytes);
      bestLines = Math.min(bestLines, (threads.getCurrentThreadCpuTime() - cpu) / 1e6);
    }
    String jit =
        ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:TieredStopAtLevel=1")
            ? "C1 only, as the server runs"
            : "default JIT";
    System.out.printf(
        Locale.ROOT,
        "masking %.0f MB against %d secrets (%s): %.1f ms, CPU %.1f ms (plain copy of the same text:"
            + " %.1f ms; %d secrets masked; patterns indexed in %.0f ms)%n",
        TEXT_CHARS / 1e6,
        SECRETS,
        jit,
        best,
        bestCpu,
        bestCopy,
        masks,
        buildMs);
    System.out.printf(
        Locale.ROOT,
        "  the same text as record lines, each checked for secrets as a sync stages it (%s): CPU"
            + " %.1f ms (%d lines hold one)%n",
        jit,
        bestLines,
        linesWithSecrets);
  }

  private static int linesWithSecrets(Masker masker, byte[] text) {
    int found = 0;
    int start = 0;
    for (int i = 0; i < text.length; i++) {
      if (text[i] == '\n') {
        if (masker.revealsSecretInAscii(text, start, i)) {
          found++;
        }
        start = i + 1;
      }
    }
    return found;
  }

  private static String answer(Random random, String[] secrets) {
    StringBuilder out = new StringBuilder(TEXT_CHARS + 200);
    int row = 0;
    while (out.length() < TEXT_CHARS) {
      out.append("{\"id\": ")
          .append(row)
          .append(", \"name\": \"")
          .append(token(random, 12))
          .append("\", \"note\": \"Lorem ipsum dolor sit amet, ")
          .append(token(random, 20))
          .append("\"");
      if (row % 20_000 == 0) {
        out.append(", \"leak\": \"").append(secrets[random.nextInt(secrets.length)]).append('"');
      }
      out.append("},\n");
      row++;
    }
    return out.toString();
  }

  private static String token(Random random, int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }
}
