package airbytemcp.connectors;

import airbytemcp.common.Folders;
import airbytemcp.common.Plural;
import airbytemcp.secrets.Masker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One virtualenv per Python connector, {@code <root>/.venv-<connector>}, created with uv when it is
 * on the PATH, else with {@code python3 -m venv} and pip. A venv remembers the package spec it was
 * built for and is rebuilt when another is asked (a version change); a failed install leaves
 * nothing behind.
 */
public final class PythonVenvs {
  private static final Logger LOG = LoggerFactory.getLogger(PythonVenvs.class);
  private static final String MARKER = ".airbyte-mcp-package";

  private final Path root;
  private final HostTools host;
  private final ConnectorEnvironment inherited;
  private final Map<String, String> environment;
  private final Masker masker;
  private final Duration timeout;

  /**
   * @param inherited what of the server's environment the installer may not inherit
   * @param environment added to the installer's environment (e.g. PIP_INDEX_URL, PIP_FIND_LINKS,
   *     PIP_NO_INDEX)
   */
  public PythonVenvs(
      Path root,
      HostTools host,
      ConnectorEnvironment inherited,
      Map<String, String> environment,
      Masker masker,
      Duration timeout) {
    this.root = root;
    this.host = host;
    this.inherited = inherited;
    this.environment = Map.copyOf(environment);
    this.masker = masker;
    this.timeout = timeout;
  }

  public boolean pythonAvailable() {
    return host.find("uv").isPresent() || host.find("python3").isPresent();
  }

  public Path venvOf(String connector) {
    return root.resolve(".venv-" + connector);
  }

  /**
   * The connector's entry point, installing {@code packageSpec} (a pip requirement) first when
   * needed.
   */
  public synchronized Path ensureInstalled(String connector, String packageSpec) {
    Path venv = venvOf(connector);
    Path executable = venv.resolve("bin").resolve(connector);
    if (Files.isExecutable(executable) && packageSpec.equals(readMarker(venv))) {
      return executable;
    }
    Folders.deleteQuietly(venv);
    try {
      install(venv, packageSpec);
      if (!Files.isExecutable(executable)) {
        throw new ConnectorError(
            "Installing " + packageSpec + " gave no '" + connector + "' program in " + venv + ".",
            "The package does not provide the connector's entry point; use override_execution_mode=docker.");
      }
      Files.writeString(venv.resolve(MARKER), packageSpec);
      return executable;
    } catch (IOException | RuntimeException e) {
      Folders.deleteQuietly(venv);
      if (e instanceof ConnectorError c) {
        throw c;
      }
      throw new ConnectorError("Could not install " + packageSpec + ": " + e.getMessage(), null, e);
    }
  }

  private void install(Path venv, String packageSpec) throws IOException {
    Files.createDirectories(root);
    Path python = venv.resolve("bin").resolve("python");
    if (host.find("uv").isPresent()) {
      String uv = host.find("uv").get().toString();
      exec(List.of(uv, "venv", "--quiet", venv.toString()), "create the virtualenv");
      exec(
          List.of(uv, "pip", "install", "--quiet", "--python", python.toString(), packageSpec),
          "install " + packageSpec);
      return;
    }
    String python3 =
        host.find("python3")
            .orElseThrow(
                () ->
                    new ConnectorError(
                        "Python 3 is not installed here (neither uv nor python3 is on the PATH).",
                        "Install Python 3.10+ (or uv), or run the connector in Docker with override_execution_mode=docker."))
            .toString();
    exec(List.of(python3, "-m", "venv", venv.toString()), "create the virtualenv");
    exec(
        List.of(
            python.toString(),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            packageSpec),
        "install " + packageSpec);
  }

  private void exec(List<String> command, String what) throws IOException {
    LOG.info("Python connector setup: {}", String.join(" ", command));
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
    inherited.withhold(builder.environment());
    builder.environment().putAll(environment);
    builder.environment().put("PATH", host.pathVariable());
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] output;
    try (InputStream in = process.getInputStream()) {
      output = in.readAllBytes();
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new ConnectorError(
            "Could not " + what + " within " + Plural.of(timeout.toMinutes(), "minute") + ".",
            null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new ConnectorError("Interrupted while trying to " + what + ".", null);
    }
    if (process.exitValue() != 0) {
      throw new ConnectorError(
          "Could not "
              + what
              + " (exit code "
              + process.exitValue()
              + "): "
              + tail(masker.mask(new String(output, StandardCharsets.UTF_8).strip())),
          "Check the package name and version, and that this machine can reach the package index "
              + "(pip honours PIP_INDEX_URL); or use override_execution_mode=docker.");
    }
  }

  /** The end of the output, cut after it was masked (a secret across the cut stays hidden). */
  private static String tail(String text) {
    return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
  }

  private static String readMarker(Path venv) {
    try {
      return Files.readString(venv.resolve(MARKER)).strip();
    } catch (IOException e) {
      return null;
    }
  }
}
