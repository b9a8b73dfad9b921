package airbytemcp.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.testing.FakeConnector;
import airbytemcp.testing.Prerequisites;
import airbytemcp.testing.TestResolvers;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The test connector in a locally built image, run by the Docker executor on the real engine
 * (network none).
 */
class DockerExecutorTest extends ExecutorContract {
  @BeforeAll
  static void image() {
    Prerequisites.require(FakeConnector.dockerReachable(), "A Docker engine");
    FakeConnector.dockerImage();
  }

  @Override
  Connector connector(RunLimits limits) {
    return TestResolvers.create(
            workDir,
            TestResolvers.systemPath(),
            DockerEngine.fromEnvironment(),
            NativeConnectorFactory.unavailable(),
            masker,
            limits)
        .resolve(ConnectorRequest.of(FakeConnector.NAME).withMode(ExecutionMode.DOCKER));
  }

  @AfterEach
  void noContainerIsLeftBehind() {
    assertEquals(List.of(), FakeConnector.leftoverContainers());
  }

  @Test
  void theDefaultImageIsTheRegistryRepositoryAtTheRegistryVersion() {
    ProtocolConnector connector = (ProtocolConnector) connector();
    assertEquals("docker image " + FakeConnector.IMAGE, connector.runner().describe());
  }

  @Test
  void anImageThatCannotBePulledGivesAClearError() {
    String image = FakeConnector.unpullableImage();
    Connector connector =
        TestResolvers.create(
                workDir,
                TestResolvers.systemPath(),
                DockerEngine.fromEnvironment(),
                NativeConnectorFactory.unavailable(),
                masker,
                TestResolvers.LIMITS)
            .resolve(ConnectorRequest.of(FakeConnector.NAME).withDockerImage(image));
    ConnectorError error = assertThrows(ConnectorError.class, connector::spec);
    assertTrue(
        error.getMessage().contains(image + " is not on this machine and could not be pulled"),
        error.getMessage());
  }

  @Test
  void dockerDownGivesAClearError() {
    Connector connector =
        TestResolvers.create(
                workDir,
                TestResolvers.systemPath(),
                TestResolvers.NO_DOCKER,
                NativeConnectorFactory.unavailable(),
                masker,
                TestResolvers.LIMITS)
            .resolve(ConnectorRequest.of(FakeConnector.NAME).withMode(ExecutionMode.DOCKER));
    ConnectorError error = assertThrows(ConnectorError.class, connector::spec);
    assertTrue(
        error.getMessage().startsWith("Docker is not reachable at unix:///nonexistent/docker.sock"),
        error.getMessage());
  }
}
