package airbytemcp.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.registry.RegistryError;
import airbytemcp.secrets.Masker;
import airbytemcp.testing.FakeConnector;
import airbytemcp.testing.Prerequisites;
import airbytemcp.testing.TestResolvers;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the resolver picks a back-end for {@code auto}, honours explicit modes, versions and images.
 */
class ConnectorResolverTest {
  @TempDir Path workDir;

  /**
   * A declarative runtime that exists, for choices only (its connectors are built by the
   * declarative module).
   */
  private static final NativeConnectorFactory NATIVE_PRESENT =
      new NativeConnectorFactory() {
        @Override
        public boolean available() {
          return true;
        }

        @Override
        public Connector create(
            String name, Optional<String> version, Optional<Path> manifestPath) {
          throw new UnsupportedOperationException("not needed to choose");
        }
      };

  private ConnectorResolver resolver(
      HostTools host, DockerEngine docker, NativeConnectorFactory nativeRuntime) {
    return TestResolvers.create(
        workDir, host, docker, nativeRuntime, new Masker(), TestResolvers.LIMITS);
  }

  private ConnectorResolver withoutDocker() {
    return resolver(
        TestResolvers.systemPath(), TestResolvers.NO_DOCKER, NativeConnectorFactory.unavailable());
  }

  private static ExecutionMode chosen(ConnectorResolver resolver, ConnectorRequest request) {
    return resolver.choose(request).mode();
  }

  @Test
  void autoPrefersAProgramNamedLikeTheConnectorOnThePath() {
    ConnectorResolver resolver =
        resolver(
            TestResolvers.pathWithFake(),
            DockerEngine.fromEnvironment(),
            NativeConnectorFactory.unavailable());
    assertEquals(ExecutionMode.LOCAL, chosen(resolver, ConnectorRequest.of(FakeConnector.NAME)));
  }

  @Test
  void autoRunsManifestOnlyConnectorsNativelyWhenTheRuntimeIsThere() {
    ConnectorResolver resolver =
        resolver(TestResolvers.systemPath(), TestResolvers.NO_DOCKER, NATIVE_PRESENT);
    assertEquals(ExecutionMode.NATIVE, chosen(resolver, ConnectorRequest.of("source-manifesty")));
  }

  @Test
  void autoUsesDockerWhenTheEngineAnswers() {
    Prerequisites.require(FakeConnector.dockerReachable(), "A Docker engine");
    ConnectorResolver resolver =
        resolver(
            TestResolvers.systemPath(),
            DockerEngine.fromEnvironment(),
            NativeConnectorFactory.unavailable());
    assertEquals(ExecutionMode.DOCKER, chosen(resolver, ConnectorRequest.of("source-javaonly")));
  }

  @Test
  void autoFallsBackToPythonForAPypiConnectorWhenDockerIsDown() {
    Prerequisites.require(HostTools.fromEnvironment().find("python3").isPresent(), "python3");
    assertEquals(
        ExecutionMode.PYTHON, chosen(withoutDocker(), ConnectorRequest.of(FakeConnector.NAME)));
  }

  @Test
  void autoExplainsWhenNothingHereCanRunTheConnector() {
    ConnectorError error =
        assertThrows(
            ConnectorError.class,
            () -> withoutDocker().choose(ConnectorRequest.of("source-javaonly")));
    assertTrue(
        error.getMessage().startsWith("No way to run source-javaonly on this machine"),
        error.getMessage());
  }

  @Test
  void autoRefusesAConnectorTheRegistryDoesNotKnow() {
    assertThrows(
        RegistryError.class, () -> withoutDocker().choose(ConnectorRequest.of("source-nope")));
  }

  @Test
  void aGivenImageOrManifestDecidesTheMode() {
    assertEquals(
        ExecutionMode.DOCKER,
        chosen(withoutDocker(), ConnectorRequest.of("source-nope").withDockerImage("me/custom:1")));
    assertEquals(
        ExecutionMode.YAML,
        chosen(
            withoutDocker(),
            ConnectorRequest.of("source-nope").withManifestPath(Path.of("/tmp/m.yaml"))));
  }

  @Test
  void anExplicitModeIsHonouredEvenWhenAutoWouldChooseOtherwise() {
    ConnectorResolver resolver =
        resolver(
            TestResolvers.pathWithFake(),
            TestResolvers.NO_DOCKER,
            NativeConnectorFactory.unavailable());
    assertEquals(
        ExecutionMode.DOCKER,
        chosen(resolver, ConnectorRequest.of(FakeConnector.NAME).withMode(ExecutionMode.DOCKER)));
  }

  @Test
  void theDockerImageFollowsTheRegistryUnlessPinnedOrGiven() {
    ConnectorResolver resolver = withoutDocker();
    assertEquals(
        "airbyte/source-fake:0.1.0", resolver.dockerImage(ConnectorRequest.of("source-fake")));
    assertEquals(
        "airbyte/source-fake:0.0.9",
        resolver.dockerImage(ConnectorRequest.of("source-fake").withVersion("0.0.9")));
    assertEquals(
        "me/custom:1",
        resolver.dockerImage(ConnectorRequest.of("source-fake").withDockerImage("me/custom:1")));
    assertEquals(
        "airbyte/source-nope:latest", resolver.dockerImage(ConnectorRequest.of("source-nope")));
  }

  @Test
  void thePythonPackageIsTheRegistrysPypiNamePinnedWhenAsked() {
    ConnectorResolver resolver = withoutDocker();
    assertEquals("airbyte-source-fake", resolver.pythonPackage(ConnectorRequest.of("source-fake")));
    assertEquals(
        "airbyte-source-fake==1.2.3",
        resolver.pythonPackage(ConnectorRequest.of("source-fake").withVersion("1.2.3")));
  }

  @Test
  void theNativeModeSaysSoWhenTheRuntimeIsMissing() {
    ConnectorError error =
        assertThrows(
            ConnectorError.class,
            () ->
                withoutDocker()
                    .resolve(
                        ConnectorRequest.of("source-manifesty").withMode(ExecutionMode.NATIVE)));
    assertTrue(error.getMessage().contains("native runtime"), error.getMessage());
  }

  @Test
  void theLocalModeNeedsAProgramOnThePath() {
    ConnectorError error =
        assertThrows(
            ConnectorError.class,
            () ->
                withoutDocker()
                    .resolve(ConnectorRequest.of("source-fake").withMode(ExecutionMode.LOCAL)));
    assertTrue(
        error.getMessage().startsWith("No program named source-fake is on the PATH"),
        error.getMessage());
  }

  @Test
  @Timeout(value = 1, unit = TimeUnit.MINUTES)
  void aPinnedVersionIsRefusedWhenTheProgramOnThePathWouldRunInstead() {
    ConnectorResolver resolver =
        resolver(
            TestResolvers.pathWithFake(),
            TestResolvers.NO_DOCKER,
            NativeConnectorFactory.unavailable());
    ConnectorError error =
        assertThrows(
            ConnectorError.class,
            () -> resolver.resolve(ConnectorRequest.of(FakeConnector.NAME).withVersion("9.9.9")));
    assertTrue(
        error
            .getMessage()
            .startsWith("version '9.9.9' cannot be applied: source-fake would run as"),
        error.getMessage());
    assertTrue(error.hint().contains("Leave version out"), error.hint());
  }
}
