package airbytemcp.testing;

import airbytemcp.common.Json;
import airbytemcp.connectors.ConnectorEnvironment;
import airbytemcp.connectors.ConnectorResolver;
import airbytemcp.connectors.DockerEngine;
import airbytemcp.connectors.HostTools;
import airbytemcp.connectors.NativeConnectorFactory;
import airbytemcp.connectors.PythonVenvs;
import airbytemcp.connectors.RunLimits;
import airbytemcp.network.EgressRules;
import airbytemcp.registry.ConnectorRegistry;
import airbytemcp.secrets.Masker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Resolvers wired to the test connector: its registry entry, a chosen PATH and Docker, offline pip,
 * no network.
 */
public final class TestResolvers {
  public static final RunLimits LIMITS =
      new RunLimits(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofMinutes(3));

  /** A Docker host where nothing listens: Docker "down". */
  public static final DockerEngine NO_DOCKER =
      new DockerEngine(URI.create("unix:///nonexistent/docker.sock"));

  private TestResolvers() {}

  public static ConnectorRegistry registry() {
    try {
      return ConnectorRegistry.parse(
          Json.MAPPER.readTree(TestResources.resource("fake-connector/registry.json").toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ConnectorResolver create(
      Path workDir,
      HostTools host,
      DockerEngine docker,
      NativeConnectorFactory nativeRuntime,
      Masker masker,
      RunLimits limits) {
    return create(
        workDir, host, docker, nativeRuntime, masker, limits, registry(), EgressRules.NONE);
  }

  /** A resolver with its own registry and the user's egress grants. */
  public static ConnectorResolver create(
      Path workDir,
      HostTools host,
      DockerEngine docker,
      NativeConnectorFactory nativeRuntime,
      Masker masker,
      RunLimits limits,
      ConnectorRegistry registry,
      EgressRules egress) {
    return new ConnectorResolver(
        new ConnectorResolver.Backends(
            () -> registry,
            host,
            docker,
            new PythonVenvs(
                workDir.resolve("venvs"),
                host,
                ConnectorEnvironment.NO_USER_SECRETS,
                FakeConnector.offlinePip(),
                masker,
                limits.install()),
            nativeRuntime,
            workDir.resolve("run"),
            masker,
            limits,
            "none",
            egress,
            ConnectorEnvironment.NO_USER_SECRETS));
  }

  /** PATH with the fake program's folder first, then the system's (python3, docker). */
  public static HostTools pathWithFake() {
    return HostTools.ofPath(FakeConnector.binDir() + ":" + System.getenv("PATH"));
  }

  public static HostTools systemPath() {
    return HostTools.fromEnvironment();
  }
}
