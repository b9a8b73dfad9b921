package airbytemcp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.DockerClientFactory;

/**
 * After every other test class (see {@link RunsLast}): no container of this test session is left on
 * the engine, whether Testcontainers started it or a connector ran in it from a test image.
 */
@RunsLast
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainersLeftBehindTest {
  @BeforeAll
  static void docker() {
    TestContainers.requireDocker();
  }

  @Test
  @Order(1)
  void theCheckSeesAContainerWithTheSessionLabel() {
    DockerClient docker = DockerClientFactory.lazyClient();
    String id =
        docker
            .createContainerCmd(FakeConnector.dockerImage())
            .withCmd("spec")
            .withLabels(Map.of(TestContainers.SESSION_LABEL, TestContainers.SESSION))
            .exec()
            .getId();
    try {
      assertTrue(
          TestContainers.leftovers().stream().anyMatch(c -> id.startsWith(c.split(" ")[0])),
          "a created, never started container with the label is listed: "
              + TestContainers.leftovers());
    } finally {
      docker.removeContainerCmd(id).withForce(true).exec();
    }
  }

  @Test
  @Order(2)
  void noContainerOfThisTestSessionRemains() {
    List<String> left = TestContainers.leftovers();
    assertEquals(
        List.of(),
        left,
        "containers labelled "
            + TestContainers.SESSION_LABEL
            + "="
            + TestContainers.SESSION
            + " outlived the tests that started them");
  }
}
