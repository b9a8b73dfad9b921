package airbytemcp.cache;

import airbytemcp.protocol.LineSplitter;
import airbytemcp.secrets.Masker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.duckdb.DuckDBConnection;

/**
 * The reader's cost per record as records widen: lines of 25, 100 and 200 integer keys through a
 * sync's reader (staged, not loaded), with every key present or with one left out at random (a
 * sparse record, which moves the keys after it). A cost per key that stays level says the check is
 * linear in the number of columns. Not a test: run it with {@code make bench}.
 */
public final class WideRecordsBench {
  private static final int LINES = 20_000;
  private static final int ROUNDS = 5;

  public static void main(String[] args) throws Exception {
    DriverManager.getConnection("jdbc:duckdb:").close();
    // under target/, which make clean removes, like the other benches' files
    Path dir = Files.createDirectories(Path.of("target", "bench", "wide-records"));
    StringBuilder report = new StringBuilder();
    for (boolean sparse : new boolean[] {false, true}) {
      report.append(sparse ? "; one key left out per line:" : "reader cost per record, every key:");
      for (int keys : new int[] {25, 100, 200}) {
        double seconds = minSeconds(keys, sparse, dir);
        report.append(
            String.format(
                Locale.ROOT,
                " %d keys %.1f us (%.0f ns a key)",
                keys,
                seconds * 1e6 / LINES,
                seconds * 1e9 / LINES / keys));
      }
    }
    System.out.println(report);
  }

  private static double minSeconds(int keys, boolean sparse, Path dir) throws Exception {
    List<Column> columns = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      columns.add(new Column("k" + k, SqlType.BIGINT));
    }
    StreamPlan plan =
        new StreamPlan("wide", "wide", columns, List.of(), WriteStrategy.APPEND, null);
    byte[] lines = lines(keys, sparse);
    List<Double> times = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
          StreamStage stage = StreamStage.create(plan, columns, dir, "w" + round)) {
        SyncRun run =
            new SyncRun(
                (DuckDBConnection) c,
                "source-wide",
                Map.of("wide", stage),
                new SyncOptions(
                    Long.MAX_VALUE, Duration.ofDays(1), Long.MAX_VALUE, Duration.ofDays(1)),
                SyncListener.NONE,
                System.nanoTime(),
                new Masker());
        LineSplitter splitter =
            new LineSplitter(
                new LineSplitter.Lines() {
                  @Override
                  public int takeLines(byte[] b, int from, int end) {
                    return run.takePlainLines(b, from, end);
                  }

                  @Override
                  public void accept(byte[] b, int off, int len, boolean plain) {
                    if (!plain || !run.acceptPlainLine(b, off, len)) {
                      throw new IllegalStateException("a bench line was not plain");
                    }
                  }
                },
                LineSplitter.MAX_LINE_BYTES,
                "stdout");
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        splitter.readAll(new ByteArrayInputStream(lines));
        times.add((ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1e9);
      }
    }
    return Collections.min(times);
  }

  private static byte[] lines(int keys, boolean sparse) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Random random = new Random(keys);
    for (int i = 0; i < LINES; i++) {
      StringBuilder line =
          new StringBuilder("{\"type\":\"RECORD\",\"record\":{\"stream\":\"wide\",\"data\":{");
      int leftOut = sparse ? random.nextInt(keys) : -1;
      boolean first = true;
      for (int k = 0; k < keys; k++) {
        if (k != leftOut) {
          line.append(first ? "" : ",").append("\"k").append(k).append("\":").append(i + k);
          first = false;
        }
      }
      line.append("},\"emitted_at\":1700000000000}}\n");
      out.writeBytes(line.toString().getBytes(StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }
}
