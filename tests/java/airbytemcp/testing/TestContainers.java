package airbytemcp.testing;

import airbytemcp.connectors.DockerEngine;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * What every container and image the tests create shares: Docker through Testcontainers, one label
 * that names this test JVM, and removal at the latest when the JVM exits (Ryuk does it when it can
 * run; this hook does it when it cannot, e.g. with no registry to pull Ryuk from). {@code
 * ContainersLeftBehindTest} checks the label at the end.
 */
public final class TestContainers {
  /**
   * Label on every test container, and on every test image (so the connector containers run from it
   * carry it).
   */
  public static final String SESSION_LABEL = "dev.airbytemcp.test.session";

  public static final String SESSION = UUID.randomUUID().toString();

  private static Boolean available;

  private TestContainers() {}

  /**
   * Whether Docker answers, both where the product looks (DOCKER_HOST or the local socket) and for
   * Testcontainers.
   */
  public static synchronized boolean dockerAvailable() {
    if (available == null) {
      available = DockerEngine.fromEnvironment().isReachable() && testcontainersReachesDocker();
      if (available) {
        Runtime.getRuntime()
            .addShutdownHook(new Thread(TestContainers::removeLeftovers, "remove-test-containers"));
      }
    }
    return available;
  }

  private static boolean testcontainersReachesDocker() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** Skips (fails in CI) a test that needs Docker when no engine answers. */
  public static void requireDocker() {
    Prerequisites.require(
        dockerAvailable(),
        "A Docker engine (DOCKER_HOST, else /var/run/docker.sock; none answered)");
  }

  private static final Map<GenericContainer<?>, String> IMAGES =
      Collections.synchronizedMap(new IdentityHashMap<>());

  /**
   * A container of {@code image}, with this session's label so it is found and removed whatever
   * happens to the test; {@link DockerRequired} checks the image can be had before Testcontainers
   * starts it.
   */
  public static <T extends GenericContainer<?>> T labelled(
      String image, Function<DockerImageName, T> create) {
    T container = create.apply(DockerImageName.parse(image));
    container.withLabel(SESSION_LABEL, SESSION);
    IMAGES.put(container, image);
    return container;
  }

  /** Skips (fails in CI) when the container's image is neither on this machine nor pullable. */
  static void requireImage(GenericContainer<?> container) {
    String image = IMAGES.get(container);
    if (image == null || imageIsLocal(image)) {
      return;
    }
    if (!pullsAllowed()) {
      Prerequisites.require(
          false,
          "The Docker image "
              + image
              + " (not on this machine, and AIRBYTE_MCP_TEST_NO_PULL=true;"
              + " build it locally, e.g. .ci/postgres-image, or name another image, see the README's Development section)");
    }
    try {
      container.getDockerImageName(); // pulls it, within testcontainers.properties' pull.timeout
    } catch (RuntimeException e) {
      Prerequisites.require(
          false,
          "The Docker image "
              + image
              + " (it is not on this machine and pulling it failed: "
              + e.getMessage()
              + ")");
    }
  }

  /**
   * The Dockerfile line that puts this session's label on an image (containers inherit image
   * labels).
   */
  public static String labelLine() {
    return "LABEL " + SESSION_LABEL + "=\"" + SESSION + "\"\n";
  }

  /** Containers of this test JVM still on the engine, running or not, as "id image status". */
  public static List<String> leftovers() {
    return ours().stream()
        .map(c -> c.getId().substring(0, 12) + " " + c.getImage() + " " + c.getStatus())
        .toList();
  }

  private static List<Container> ours() {
    DockerClient docker = DockerClientFactory.lazyClient();
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(SESSION_LABEL, SESSION))
        .exec();
  }

  private static void removeLeftovers() {
    try {
      DockerClient docker = DockerClientFactory.lazyClient();
      for (Container c : ours()) {
        docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
      }
    } catch (RuntimeException e) {
      System.err.println(
          "could not remove the test containers labelled "
              + SESSION_LABEL
              + "="
              + SESSION
              + ": "
              + e);
    }
  }

  /**
   * An image name a test uses: the system property or environment variable when set (an offline
   * machine points it at a locally built image), else the usual public name, pulled on first use
   * where a registry is reachable.
   */
  public static String image(String property, String env, String usualName) {
    return Optional.ofNullable(System.getProperty(property))
        .filter(s -> !s.isBlank())
        .or(() -> Optional.ofNullable(System.getenv(env)).filter(s -> !s.isBlank()))
        .orElse(usualName);
  }

  /** Whether {@code image} is already on the engine (no pull needed). */
  public static boolean imageIsLocal(String image) {
    try {
      DockerClientFactory.lazyClient().inspectImageCmd(image).exec();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Whether tests may pull images (AIRBYTE_MCP_TEST_NO_PULL=true turns pulls off, as on an offline
   * CI).
   */
  public static boolean pullsAllowed() {
    return !"true".equalsIgnoreCase(System.getenv("AIRBYTE_MCP_TEST_NO_PULL"))
        && !Boolean.getBoolean("airbytemcp.test.noPull");
  }
}
