package airbytemcp.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Chromium run headless on a local page: its DOM after the scripts ran, or a screenshot.
 * Each run gets a fresh profile and no network extras (no sync, updates or background fetches).
 */
public final class HeadlessChromium {
  /**
   * Time the page's scripts get before the DOM is dumped or the picture taken (virtual time: runs
   * fast).
   */
  private static final int SCRIPT_BUDGET_MS = 5000;

  private final Path executable;
  private final Path workDir;

  private HeadlessChromium(Path executable, Path workDir) {
    this.executable = executable;
    this.workDir = workDir;
  }

  /**
   * Chromium from {@code CHROMIUM} or the usual Debian paths; skips (fails in CI) when there is
   * none.
   */
  public static HeadlessChromium require(Path workDir) {
    Optional<Path> found =
        Stream.of(System.getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser")
            .filter(p -> p != null && !p.isBlank())
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst();
    Prerequisites.require(found.isPresent(), "Chromium (Debian: apt-get install chromium)");
    return new HeadlessChromium(found.get(), workDir);
  }

  /** The page's DOM, serialized after its scripts had their time. */
  public String dumpDom(Path page, int width, int height) throws IOException, InterruptedException {
    return run(page, width, height, List.of("--dump-dom"));
  }

  public void screenshot(Path page, Path png, int width, int height)
      throws IOException, InterruptedException {
    Files.deleteIfExists(png);
    run(page, width, height, List.of("--screenshot=" + png.toAbsolutePath()));
    if (!Files.exists(png)) {
      throw new AssertionError("Chromium wrote no screenshot to " + png);
    }
  }

  private String run(Path page, int width, int height, List<String> action)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(workDir, "chromium-profile");
    Path out = Files.createTempFile(workDir, "chromium", ".out");
    Path err = Files.createTempFile(workDir, "chromium", ".err");
    List<String> command =
        new ArrayList<>(
            List.of(
                executable.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height,
                "--virtual-time-budget=" + SCRIPT_BUDGET_MS,
                // Virtual time does not wait for messages to a sandboxed iframe in another process;
                // keep such frames
                // in the page's process (they stay sandboxed, with an opaque origin).
                "--disable-features=IsolateSandboxedIframes"));
    command.addAll(action);
    command.add(page.toUri().toString());
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "Chromium did not finish within 90 s; stderr: " + Files.readString(err));
    }
    if (process.exitValue() != 0) {
      throw new AssertionError(
          "Chromium exited with " + process.exitValue() + "; stderr: " + Files.readString(err));
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
