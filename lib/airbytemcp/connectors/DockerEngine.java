package airbytemcp.connectors;

import airbytemcp.common.Plural;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The Docker engine connectors run on, reached through docker-java (DOCKER_HOST, else the local
 * Unix socket). Created lazily: a machine without Docker pays nothing until a connector needs it.
 */
public final class DockerEngine {
  private final URI host;
  private volatile DockerClient client;
  private volatile boolean reachable;

  /**
   * Containers that could not be removed (the engine was gone); removed on the next run that
   * reaches it.
   */
  private final Set<String> orphans = ConcurrentHashMap.newKeySet();

  public DockerEngine(URI host) {
    this.host = host;
  }

  /** The engine DOCKER_HOST names, or the default local socket. */
  public static DockerEngine fromEnvironment() {
    String env = System.getenv("DOCKER_HOST");
    return new DockerEngine(
        URI.create(env == null || env.isBlank() ? "unix:///var/run/docker.sock" : env.strip()));
  }

  /** Remembers a container to remove once the engine answers again. */
  void rememberOrphan(String containerId) {
    orphans.add(containerId);
  }

  /**
   * Removes the containers left behind while the engine was unreachable; those it still cannot
   * remove stay listed.
   */
  void removeOrphans(DockerClient docker) {
    for (String id : List.copyOf(orphans)) {
      try {
        docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        orphans.remove(id);
      } catch (NotFoundException e) {
        orphans.remove(id);
      } catch (RuntimeException e) {
        return; // still unreachable; try again next run
      }
    }
  }

  public URI host() {
    return host;
  }

  /** Whether the engine answers a ping (remembered once it has). */
  public boolean isReachable() {
    if (reachable) {
      return true;
    }
    try {
      client().pingCmd().exec();
      reachable = true;
    } catch (RuntimeException e) {
      return false;
    }
    return true;
  }

  /** The client, after checking the engine answers; a clear error when it does not. */
  public DockerClient requireClient() {
    if (!isReachable()) {
      throw new ConnectorError(
          "Docker is not reachable at " + host + ".",
          "Start the Docker engine (or set DOCKER_HOST), or run the connector another way with "
              + "override_execution_mode (python, local, yaml).");
    }
    return client();
  }

  /** Makes sure {@code image} is on this machine, pulling it when absent. */
  public void ensureImage(String image, Duration timeout) {
    DockerClient docker = requireClient();
    try {
      docker.inspectImageCmd(image).exec();
      return;
    } catch (NotFoundException e) {
      // pull below
    }
    try {
      boolean done =
          pullCommand(docker, image)
              .exec(new ResultCallback.Adapter<PullResponseItem>())
              .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        throw new ConnectorError(
            "Pulling the Docker image "
                + image
                + " did not finish within "
                + Plural.of(timeout.toMinutes(), "minute")
                + ".",
            "Pull it yourself with `docker pull " + image + "` and retry.");
      }
      docker.inspectImageCmd(image).exec();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectorError("Interrupted while pulling " + image + ".", null);
    } catch (ConnectorError e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ConnectorError(
          "The Docker image "
              + image
              + " is not on this machine and could not be pulled: "
              + firstLine(e)
              + ".",
          "Check the connector name and version (get_connector_version_history lists versions) and the network, "
              + "or build the image locally and pass it as docker_image.");
    }
  }

  /** Pulls exactly the tag asked for (a reference without one means latest, never every tag). */
  private static PullImageCmd pullCommand(DockerClient docker, String image) {
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    if (image.contains("@") || colon < slash) {
      return image.contains("@")
          ? docker.pullImageCmd(image)
          : docker.pullImageCmd(image).withTag("latest");
    }
    return docker.pullImageCmd(image.substring(0, colon)).withTag(image.substring(colon + 1));
  }

  private DockerClient client() {
    DockerClient current = client;
    if (current == null) {
      synchronized (this) {
        if (client == null) {
          DockerClientConfig config =
              DefaultDockerClientConfig.createDefaultConfigBuilder()
                  .withDockerHost(host.toString())
                  .build();
          ApacheDockerHttpClient http =
              new ApacheDockerHttpClient.Builder()
                  .dockerHost(config.getDockerHost())
                  .sslConfig(config.getSSLConfig())
                  .maxConnections(32)
                  .connectionTimeout(Duration.ofSeconds(10))
                  .build();
          client = DockerClientImpl.getInstance(config, http);
        }
        current = client;
      }
    }
    return current;
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
