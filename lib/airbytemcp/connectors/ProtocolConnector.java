package airbytemcp.connectors;

import airbytemcp.common.Folders;
import airbytemcp.common.Json;
import airbytemcp.common.PrivateFiles;
import airbytemcp.network.CallNamedHosts;
import airbytemcp.network.EgressRefused;
import airbytemcp.network.UnwatchedEgress;
import airbytemcp.protocol.AirbyteMessage;
import airbytemcp.protocol.LineSplitter;
import airbytemcp.protocol.MessageReader;
import airbytemcp.protocol.MessageSink;
import airbytemcp.protocol.MessageType;
import airbytemcp.protocol.Messages;
import airbytemcp.protocol.RawLineSink;
import airbytemcp.protocol.TraceError;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connector that speaks the Airbyte protocol through a {@link CommandRunner}: writes config,
 * catalog and state to a private run folder, runs the command, turns stdout into messages and
 * failures into clear errors (TRACE ERROR first, then the exit code with the tail of stderr), all
 * masked.
 */
public final class ProtocolConnector implements Connector {
  private static final Logger LOG = LoggerFactory.getLogger(ProtocolConnector.class);
  private static final int STDERR_TAIL = 30;

  private final String name;
  private final CommandRunner runner;
  private final Path runRoot;
  private final Masker masker;
  private final RunLimits limits;
  private final ConcurrentMap<String, ObjectNode> specCache;
  private final UnwatchedEgress egress;

  /**
   * @param runRoot where run folders are created (and deleted after each command)
   * @param specCache specs by {@link CommandRunner#describe()}, shared so a spec is asked once per
   *     runner
   * @param egress checked on each config before the program starts, since the server cannot watch
   *     the program's connections
   */
  public ProtocolConnector(
      String name,
      CommandRunner runner,
      Path runRoot,
      Masker masker,
      RunLimits limits,
      ConcurrentMap<String, ObjectNode> specCache,
      UnwatchedEgress egress) {
    this.name = name;
    this.runner = runner;
    this.runRoot = runRoot;
    this.masker = masker;
    this.limits = limits;
    this.specCache = specCache;
    this.egress = egress;
  }

  @Override
  public String name() {
    return name;
  }

  public CommandRunner runner() {
    return runner;
  }

  @Override
  public ObjectNode spec() {
    ObjectNode cached = specCache.get(runner.describe());
    if (cached != null) {
      return cached.deepCopy();
    }
    ObjectNode spec = single("spec", Map.of(), MessageType.SPEC);
    specCache.put(runner.describe(), spec);
    return spec.deepCopy();
  }

  @Override
  public ObjectNode check(JsonNode config) {
    return single("check", Map.of("config", config), MessageType.CONNECTION_STATUS);
  }

  @Override
  public ObjectNode discover(JsonNode config) {
    return single("discover", Map.of("config", config), MessageType.CATALOG);
  }

  @Override
  public void read(
      JsonNode config, JsonNode configuredCatalog, Optional<JsonNode> state, MessageSink sink) {
    Map<String, JsonNode> files = new LinkedHashMap<>();
    files.put("config", config);
    files.put("catalog", configuredCatalog);
    state.ifPresent(s -> files.put("state", s));
    run("read", files, null, sink, limits.data());
  }

  @Override
  public void write(
      JsonNode config, JsonNode configuredCatalog, Iterable<String> input, MessageSink sink) {
    run(
        "write",
        Map.of("config", config, "catalog", configuredCatalog),
        input,
        sink,
        limits.data());
  }

  private ObjectNode single(String verb, Map<String, JsonNode> files, MessageType wanted) {
    List<ObjectNode> found = new ArrayList<>(1);
    run(
        verb,
        files,
        null,
        m -> {
          if (m.type() == wanted && found.isEmpty()) {
            found.add((ObjectNode) m.payload());
          }
        },
        limits.metadata());
    if (found.isEmpty()) {
      throw new ConnectorError(
          name
              + " ("
              + runner.describe()
              + ") ended its "
              + verb
              + " without a "
              + wanted
              + " message.",
          "The program does not speak the Airbyte protocol as expected; check the connector and its version.");
    }
    return found.get(0);
  }

  private void run(
      String verb,
      Map<String, JsonNode> files,
      Iterable<String> stdin,
      MessageSink sink,
      Duration timeout) {
    JsonNode config = files.get("config");
    if (config != null) {
      refuseCallNamedHosts(config);
    }
    Path runDir = createRunDir();
    try {
      List<String> args = new ArrayList<>(List.of(verb));
      for (Map.Entry<String, JsonNode> file : files.entrySet()) {
        Path path = writePrivate(runDir, file.getKey() + ".json", file.getValue());
        args.add("--" + file.getKey());
        args.add(runner.pathOf(runDir, path));
      }
      Deque<String> stderrTail = new ArrayDeque<>();
      // only lines the sink does not take as bytes are messages: logs and traces are never taken
      RawLineSink raw = sink instanceof RawLineSink r ? r : null;
      TraceError[] traceError = new TraceError[1];
      MessageSink tracking =
          message -> {
            if (message.type() == MessageType.LOG) {
              LOG.debug("{}: {}", name, masker.mask(message.payload().path("message").asText()));
            }
            Messages.traceError(message)
                .ifPresent(
                    e -> {
                      if (traceError[0] == null) {
                        traceError[0] = e;
                      }
                    });
            sink.accept(message);
          };
      CommandRunner.RunOutcome outcome =
          runner.run(
              new CommandRunner.Invocation(
                  args,
                  runDir,
                  stdin,
                  new LineSplitter.Lines() {
                    @Override
                    public void accept(byte[] bytes, int offset, int length, boolean plain) {
                      if (plain && raw != null && raw.acceptPlainLine(bytes, offset, length)) {
                        return; // a record stored as its bytes: no string, no message
                      }
                      AirbyteMessage message =
                          MessageReader.parseLine(
                              new String(bytes, offset, length, StandardCharsets.UTF_8));
                      if (message != null) {
                        tracking.accept(message);
                      }
                    }

                    @Override
                    public int takeLines(byte[] bytes, int from, int end) {
                      return raw == null ? from : raw.takePlainLines(bytes, from, end);
                    }
                  },
                  line -> {
                    synchronized (stderrTail) {
                      stderrTail.addLast(line);
                      if (stderrTail.size() > STDERR_TAIL) {
                        stderrTail.removeFirst();
                      }
                    }
                    LOG.debug("{} stderr: {}", name, masker.mask(line));
                  },
                  timeout));
      failIfFailed(verb, outcome, traceError[0], stderrTail, timeout);
    } finally {
      Folders.deleteQuietly(runDir);
      RunningConnectors.runDirDeleted(runDir);
    }
  }

  private void failIfFailed(
      String verb,
      CommandRunner.RunOutcome outcome,
      TraceError traceError,
      Deque<String> stderrTail,
      Duration timeout) {
    String what = name + " " + verb + " (" + runner.describe() + ")";
    if (outcome.timedOut()) {
      throw new ConnectorError(
          what + " did not finish within " + human(timeout) + " and was stopped.",
          "The source may be slow or stuck: narrow the request (fewer streams or records) or check its logs.");
    }
    if (outcome.stopped()) {
      return;
    }
    if (traceError != null) {
      String detail =
          traceError.internalMessage() == null ? "" : " (" + traceError.internalMessage() + ")";
      throw new ConnectorError(
          masker.mask(what + " failed: " + traceError.message() + detail),
          traceError.isConfigError()
              ? "The connector says the config is wrong: fix it and validate it with validate_connector_config."
              : "See the connector's message above; retry if it was transient.");
    }
    if (outcome.exitCode() != 0) {
      String tail;
      synchronized (stderrTail) {
        tail = String.join("\n", stderrTail);
      }
      throw new ConnectorError(
          masker.mask(
              what
                  + " failed with exit code "
                  + outcome.exitCode()
                  + "."
                  + (tail.isBlank() ? "" : " Last lines of its error output:\n" + tail)),
          "Check the config and the connector version; the server log has the connector's own log lines.");
    }
  }

  /**
   * Refuses, before the program starts, a config that would have it send a secret to a host the
   * call chose (see {@link UnwatchedEgress}). A value the spec offers is the connector author's
   * choice; the spec is asked only when such a value needs telling apart.
   */
  private void refuseCallNamedHosts(JsonNode config) {
    ObjectNode[] spec = new ObjectNode[1];
    try {
      egress.check(
          config,
          masker::isUserValue,
          (path, value) -> {
            if (spec[0] == null) {
              spec[0] = spec();
            }
            return CallNamedHosts.specOffers(spec[0].path("connectionSpecification"), path, value);
          });
    } catch (EgressRefused e) {
      throw new ConnectorError(name + " was not started: " + e.getMessage(), UnwatchedEgress.HINT);
    }
  }

  private Path createRunDir() {
    try {
      // the run root is this server's alone: private even when an older version created it open
      PrivateFiles.createDirectories(runRoot);
      PrivateFiles.restrict(runRoot);
      Path dir = PrivateFiles.createTempDirectory(runRoot, RunningConnectors.runDirPrefix());
      if (runner.readsFilesAsAnotherUser()) {
        // a container's user must reach the files through the mount; the private run root keeps
        // others out
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
      }
      RunningConnectors.runDirCreated(dir);
      return dir;
    } catch (IOException e) {
      throw new ConnectorError(
          "Could not create a run folder under " + runRoot + ": " + e.getMessage(),
          "Check that AIRBYTE_PROJECT_DIR is writable.");
    } catch (UnsupportedOperationException e) {
      throw new UncheckedIOException(new IOException("POSIX file permissions are required", e));
    }
  }

  private Path writePrivate(Path dir, String fileName, JsonNode content) {
    try {
      Path file = PrivateFiles.writeString(dir.resolve(fileName), Json.write(content));
      // read-only; readable by a container's non-root user only when the runner needs that
      Files.setPosixFilePermissions(
          file,
          PosixFilePermissions.fromString(
              runner.readsFilesAsAnotherUser() ? "r--r--r--" : "r--------"));
      return file;
    } catch (IOException e) {
      throw new ConnectorError(
          "Could not write " + fileName + " for the connector: " + e.getMessage(), null);
    }
  }

  private static String human(Duration d) {
    return d.toSeconds() < 120 ? d.toSeconds() + " s" : d.toMinutes() + " min";
  }
}
