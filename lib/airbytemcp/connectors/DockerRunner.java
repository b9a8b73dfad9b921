package airbytemcp.connectors;

import airbytemcp.common.CallScope;
import airbytemcp.common.UserError;
import airbytemcp.protocol.LineSplitter;
import airbytemcp.protocol.LineTooLong;
import airbytemcp.protocol.StopReading;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a connector in a fresh container of its image: the run folder (config, catalog, state)
 * mounted read-only, output streamed, the container removed afterwards whatever happened.
 */
public final class DockerRunner implements CommandRunner {
  private static final Logger LOG = LoggerFactory.getLogger(DockerRunner.class);
  static final String MOUNT = "/airbyte/run";
  static final String LABEL = "dev.airbytemcp.connector";

  private final DockerEngine engine;
  private final String image;
  private final String networkMode;
  private final Duration pullTimeout;
  private volatile boolean imageReady;

  /**
   * @param networkMode the container network ({@code none}, {@code host}, ...); null for the
   *     engine's default
   */
  public DockerRunner(DockerEngine engine, String image, String networkMode, Duration pullTimeout) {
    this.engine = engine;
    this.image = image;
    this.networkMode = networkMode;
    this.pullTimeout = pullTimeout;
  }

  public String image() {
    return image;
  }

  @Override
  public String describe() {
    return "docker image " + image;
  }

  @Override
  public boolean readsFilesAsAnotherUser() {
    return true;
  }

  @Override
  public String pathOf(Path runDir, Path file) {
    return MOUNT + "/" + runDir.relativize(file).toString().replace('\\', '/');
  }

  @Override
  public RunOutcome run(Invocation invocation) {
    DockerClient docker = engine.requireClient();
    engine.removeOrphans(docker);
    if (!imageReady) {
      engine.ensureImage(image, pullTimeout);
      imageReady = true;
    }
    boolean withStdin = invocation.stdin() != null;
    HostConfig host =
        HostConfig.newHostConfig()
            .withBinds(
                new Bind(
                    invocation.runDir().toAbsolutePath().toString(),
                    new Volume(MOUNT),
                    AccessMode.ro));
    if (networkMode != null) {
      host.withNetworkMode(networkMode);
    }
    CreateContainerCmd create =
        docker
            .createContainerCmd(image)
            .withCmd(invocation.args())
            .withHostConfig(host)
            .withLabels(Map.of(LABEL, "true"))
            .withTty(false)
            .withAttachStdout(true)
            .withAttachStderr(true)
            .withAttachStdin(withStdin)
            .withStdinOpen(withStdin)
            .withStdInOnce(withStdin);
    String id;
    try {
      id = create.exec().getId();
    } catch (RuntimeException e) {
      throw new ConnectorError(
          "Docker could not create a container of " + image + ": " + e.getMessage(),
          "Check the image (docker image inspect "
              + image
              + ") and the engine at "
              + engine.host()
              + ".",
          e);
    }
    AtomicBoolean timedOut = new AtomicBoolean();
    boolean stopped = false;
    RunningConnectors.containerStarted(id, () -> removeQuietly(docker, id));
    try (RawAttach attach = RawAttach.open(engine.host(), id, withStdin)) {
      docker.startContainerCmd(id).exec();
      // registered once started, so a call cancelled before runs the kill now, on a container that
      // can be killed
      CallScope.Registration cancel = CallScope.current().onCancel(() -> killQuietly(docker, id));
      if (withStdin) {
        Threads.daemon(
            "container-stdin",
            () -> {
              try {
                attach.writeStdin(invocation.stdin().iterator());
              } catch (IOException e) {
                LOG.debug("stdin of container {} closed early: {}", id, e.getMessage());
              }
            });
      }
      Thread watchdog =
          Threads.daemon(
              "container-timeout",
              () -> {
                try {
                  Thread.sleep(invocation.timeout().toMillis());
                  timedOut.set(true);
                  killQuietly(docker, id);
                } catch (InterruptedException e) {
                  // finished in time
                }
              });
      LineSplitter out =
          new LineSplitter(invocation.stdout(), LineSplitter.MAX_LINE_BYTES, "stdout");
      LineSplitter err =
          new LineSplitter(invocation.stderr(), LineSplitter.MAX_LINE_BYTES, "stderr");
      try {
        attach.readFrames(
            (stderr, bytes, offset, length) -> (stderr ? err : out).accept(bytes, offset, length));
        out.finish();
        err.finish();
      } catch (StopReading e) {
        stopped = true;
        killQuietly(docker, id);
      } catch (LineTooLong e) {
        killQuietly(docker, id);
        throw ProcessRunner.lineTooLong(describe(), e);
      } finally {
        watchdog.interrupt();
        cancel.close();
      }
      if (CallScope.current().isCancelled()) {
        throw new ConnectorError(describe() + " was stopped because the call was cancelled.", null);
      }
      Integer code = docker.waitContainerCmd(id).start().awaitStatusCode(60, TimeUnit.SECONDS);
      return new RunOutcome(code == null ? -1 : code, timedOut.get(), stopped);
    } catch (IOException e) {
      throw lostEngine(e);
    } catch (RuntimeException e) {
      if (e instanceof UserError || !isEngineFailure(e)) {
        throw e;
      }
      throw lostEngine(e);
    } finally {
      if (!removeQuietly(docker, id)) {
        engine.rememberOrphan(id);
      }
      RunningConnectors.containerEnded(id);
    }
  }

  private ConnectorError lostEngine(Exception e) {
    return new ConnectorError(
        "Lost the connection to the Docker engine at "
            + engine.host()
            + " while running "
            + image
            + ": "
            + e.getMessage(),
        "Check that the Docker engine is running and healthy (docker info), then retry.",
        e);
  }

  /** docker-java's own failures, and transport failures it wraps in unchecked exceptions. */
  private static boolean isEngineFailure(RuntimeException e) {
    return e instanceof DockerException || e.getCause() instanceof IOException;
  }

  private static void killQuietly(DockerClient docker, String id) {
    try {
      docker.killContainerCmd(id).exec();
    } catch (RuntimeException e) {
      LOG.debug("kill of container {}: {}", id, e.getMessage());
    }
  }

  private static boolean removeQuietly(DockerClient docker, String id) {
    try {
      docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
      return true;
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not remove container {} now (removed on the next run): {}", id, e.getMessage());
      return false;
    }
  }
}
