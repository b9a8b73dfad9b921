package airbytemcp.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.network.EgressRules;
import airbytemcp.registry.RegistryError;
import airbytemcp.secrets.ConfigInput;
import airbytemcp.secrets.Masker;
import airbytemcp.secrets.SecretError;
import airbytemcp.testing.FakeConnector;
import airbytemcp.testing.TestResolvers;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which programs run as connectors and which connectors get secrets: only connector names from the
 * PATH, only the registry's Python package, and secrets only for connectors whose code comes from
 * the registry.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentConnectorsTest {
  @TempDir Path dir;

  /**
   * A PATH folder whose programs only leave a mark when run, named like well-known tools and a
   * stray connector.
   */
  private HostTools trappedPath(List<String> names) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String name : names) {
      Path program = bin.resolve(name);
      Files.writeString(
          program, "#!/bin/sh\necho ran >> '" + dir.resolve("ran-" + name) + "'\nexit 1\n");
      Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return HostTools.ofPath(bin + ":" + FakeConnector.binDir());
  }

  private ConnectorResolver resolver(HostTools host, Set<String> extraPythonPackages) {
    return new ConnectorResolver(
        new ConnectorResolver.Backends(
            TestResolvers::registry,
            host,
            TestResolvers.NO_DOCKER,
            new PythonVenvs(
                dir.resolve("venvs"),
                host,
                ConnectorEnvironment.NO_USER_SECRETS,
                Map.of(),
                new Masker(),
                TestResolvers.LIMITS.install()),
            NativeConnectorFactory.unavailable(),
            dir.resolve("run"),
            new Masker(),
            TestResolvers.LIMITS,
            "none",
            EgressRules.NONE,
            ConnectorEnvironment.NO_USER_SECRETS),
        extraPythonPackages);
  }

  private boolean ran(String name) {
    return Files.exists(dir.resolve("ran-" + name));
  }

  @Test
  void onlyConnectorNamesAndNeverToolNamesMayRunFromThePath() {
    for (String name : List.of("source-faker", "destination-duckdb", "source-my-api.v2")) {
      assertTrue(ConnectorNames.mayRunFromPath(name), name);
    }
    for (String name :
        List.of(
            "npx",
            "python3",
            "uname",
            "yes",
            "sh",
            "node",
            "source",
            "source-",
            "sourcefaker",
            "Source-Faker",
            "my-source-x",
            "destination")) {
      assertFalse(ConnectorNames.mayRunFromPath(name), name);
    }
  }

  @Test
  void autoNeverPicksAToolOnThePathAndTheLocalModeRefusesIt() throws IOException {
    List<String> tools = List.of("npx", "uname", "yes", "python3", "node");
    ConnectorResolver resolver = resolver(trappedPath(tools), Set.of());
    for (String tool : tools) {
      assertThrows(
          RegistryError.class,
          () -> resolver.choose(ConnectorRequest.of(tool)),
          tool + " is not a registry connector, and auto does not run it from the PATH");
      ConnectorError local =
          assertThrows(
              ConnectorError.class,
              () -> resolver.resolve(ConnectorRequest.of(tool).withMode(ExecutionMode.LOCAL)));
      assertTrue(local.getMessage().contains("not a connector name"), local.getMessage());
      assertFalse(ran(tool), tool + " was run");
    }
    assertEquals(
        ExecutionMode.LOCAL,
        resolver.choose(ConnectorRequest.of(FakeConnector.NAME)).mode(),
        "a program named like a connector is still used");
  }

  @Test
  void pythonModeInstallsOnlyTheRegistrysPackageUnlessTheUserListedAnother() throws IOException {
    HostTools host = trappedPath(List.of("python3", "uv"));
    ConnectorError refused =
        assertThrows(
            ConnectorError.class,
            () ->
                resolver(host, Set.of())
                    .resolve(
                        ConnectorRequest.of("source-notlisted").withMode(ExecutionMode.PYTHON)));
    assertTrue(refused.getMessage().contains("names no PyPI package"), refused.getMessage());
    assertTrue(refused.hint().contains("AIRBYTE_MCP_PYTHON_PACKAGES"), refused.hint());
    assertFalse(ran("python3") || ran("uv"), "no installer ran for an unlisted package");
    assertFalse(Files.exists(dir.resolve("venvs/.venv-source-notlisted")), "no venv was made");

    assertEquals(
        "airbyte-source-notlisted",
        resolver(host, Set.of("airbyte-source-notlisted"))
            .pythonPackage(ConnectorRequest.of("source-notlisted")),
        "a package the user listed may be installed");
    assertEquals(
        "airbyte-source-fake",
        resolver(host, Set.of()).pythonPackage(ConnectorRequest.of("source-fake")));
  }

  @Test
  void aNameNothingRunsIsAnsweredAsAMisspeltRegistryName() throws IOException {
    ConnectorResolver resolver = resolver(trappedPath(List.of()), Set.of());

    RegistryError e =
        assertThrows(
            RegistryError.class, () -> resolver.agentSupplied(ConnectorRequest.of("fake")));
    assertTrue(e.getMessage().contains("Did you mean: source-fake?"), e.getMessage());
  }

  @Test
  void aProgramOnThePathNamedCloseToARegistryNameIsAgentSuppliedAndSaysWhichWasMeant()
      throws IOException {
    String why =
        resolver(trappedPath(List.of("source-fakes")), Set.of())
            .agentSupplied(ConnectorRequest.of("source-fakes"))
            .orElseThrow();
    assertTrue(why.contains("did you mean source-fake"), why);
  }

  @Test
  void aConnectorIsAgentSuppliedWhenItsCodeDoesNotComeFromTheRegistry() throws IOException {
    ConnectorResolver resolver = resolver(trappedPath(List.of("source-evil")), Set.of());
    assertEquals(Optional.empty(), resolver.agentSupplied(ConnectorRequest.of(FakeConnector.NAME)));
    assertTrue(
        resolver
            .agentSupplied(
                ConnectorRequest.of(FakeConnector.NAME).withManifestPath(dir.resolve("m.yaml")))
            .orElseThrow()
            .contains("manifest_path"),
        "expected manifest_path in resolver.agentSupplied(ConnectorRequest.of(FakeConnector....");
    assertTrue(
        resolver
            .agentSupplied(ConnectorRequest.of(FakeConnector.NAME).withDockerImage("evil/image:1"))
            .orElseThrow()
            .contains("docker_image"),
        "expected docker_image in resolver.agentSupplied(ConnectorRequest.of(FakeConnector....");
    assertTrue(
        resolver
            .agentSupplied(ConnectorRequest.of("source-evil"))
            .orElseThrow()
            .contains("registry"),
        "expected registry in resolver.agentSupplied(ConnectorRequest.of(\"source-evil\")...");
    assertEquals(
        Optional.empty(),
        resolver.agentSupplied(
            ConnectorRequest.of(FakeConnector.NAME).withDockerImage("airbyte/source-fake:0.0.9")),
        "the registry's own repository at another tag");
    assertTrue(
        resolver
            .agentSupplied(
                ConnectorRequest.of(FakeConnector.NAME)
                    .withDockerImage("evil.example/airbyte/source-fake:0.1.0"))
            .isPresent(),
        "a look-alike repository");
  }

  @Test
  void secretsAreRefusedForAgentSuppliedConnectorsUnlessTheUserTrustsThem() throws IOException {
    ConnectorResolver resolver = resolver(trappedPath(List.of("source-evil")), Set.of());
    JsonNode withReference = Json.parse("{\"api_key\": \"secret_reference::STRIPE_KEY\"}");
    JsonNode plain = Json.parse("{\"count\": 3}");
    ConfigInput none = ConfigInput.none();
    ConfigInput secretConfig =
        new ConfigInput(Optional.empty(), Optional.empty(), Optional.of("SOURCE_EVIL_CONFIG"));
    ConnectorRequest evil = ConnectorRequest.of("source-evil");
    SecretScope strict = new SecretScope(resolver, false, new Masker());

    SecretError e = assertThrows(SecretError.class, () -> strict.check(evil, withReference, none));
    assertTrue(e.hint().contains("AIRBYTE_MCP_TRUST_AGENT_CONNECTORS=1"), e.hint());
    assertThrows(
        SecretError.class, () -> strict.check(evil, plain, secretConfig), "config_secret_name too");
    strict.check(evil, plain, none);
    strict.check(ConnectorRequest.of(FakeConnector.NAME), withReference, secretConfig);
    new SecretScope(resolver, true, new Masker()).check(evil, withReference, secretConfig);
    assertFalse(ran("source-evil"), "deciding never runs the connector");
  }
}
