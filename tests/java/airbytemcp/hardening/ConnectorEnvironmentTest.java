package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.testing.FakeConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connector run as a program (on PATH, or from a Python venv) does not inherit the server's own
 * settings, which hold the Cloud client secret, nor the variables listed in
 * AIRBYTE_MCP_SECRET_ENV_NAMES, which it may get only through a config that references them (found
 * by red team m2: it inherited all of them). The rest of the environment still passes (proxies, CA
 * bundles, a cloud SDK's ambient credentials), as the README says. Nor does it inherit any other
 * variable a secret reference resolves: a name the dotenv file declares whose value the environment
 * sets, or a name the dotenv file itself lists in AIRBYTE_MCP_SECRET_ENV_NAMES (red team m3: both
 * were inherited, as only the environment's own list was read).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConnectorEnvironmentTest {
  static final String CLOUD_SECRET_IN_ENV = "cloud-ENV-secret-Vt61Nw28";

  @TempDir Path dir;

  /** A source-fake on the PATH that appends its environment to {@code seen} before it runs. */
  private static Path envDumpingConnector(Path bin, Path seen) {
    return FakeConnector.wrapped(bin, "env >> '" + seen + "'\n");
  }

  /** Runs source-fake's check with a config that references the user's key. */
  private static void validateWithTheUsersKey(InjectedAgentWorld world) {
    world.call(
        "validate_connector_config",
        Map.of(
            "connector_name",
            "source-fake",
            "config",
            Map.of("api_key", "secret_reference::FAKE_API_KEY")));
  }

  @Test
  void aConnectorProgramGetsNeitherTheServersSettingsNorListedEnvironmentSecrets()
      throws Exception {
    Path seen = dir.resolve("connector-env.txt");
    Path bin = envDumpingConnector(dir.resolve("env-bin"), seen);
    InjectedAgentWorld world = new InjectedAgentWorld(dir.resolve("world"));
    world
        .with("AIRBYTE_CLOUD_CLIENT_SECRET", CLOUD_SECRET_IN_ENV)
        .with("AIRBYTE_MCP_SECRET_ENV_NAMES", "PROCESS_ONLY_TOKEN")
        .with("HTTPS_PROXY", "http://127.0.0.1:3128")
        .with("PATH", bin + ":" + world.env.get("PATH"));
    try (world) {
      world.start();
      validateWithTheUsersKey(world);
      assertTrue(Files.exists(seen), "the connector did not run");
      String env = Files.readString(seen);
      assertFalse(
          env.contains(CLOUD_SECRET_IN_ENV),
          "the connector process was given the server's Cloud client secret");
      assertFalse(
          env.contains(InjectedAgentWorld.PROCESS_ONLY),
          "the connector process was given a secret listed in AIRBYTE_MCP_SECRET_ENV_NAMES");
      assertTrue(
          env.contains("HTTPS_PROXY=http://127.0.0.1:3128"),
          "the rest of the environment passes (a proxy): " + env.lines().count() + " variables");
    }
  }

  @Test
  void aVariableListedInTheDotenvFileIsNotInheritedByAConnectorProgram() throws Exception {
    Path seen = dir.resolve("connector-env.txt");
    Path bin = envDumpingConnector(dir.resolve("env-bin"), seen);
    InjectedAgentWorld world = new InjectedAgentWorld(dir.resolve("world"));
    // the user lists the process-only token in the dotenv file, not in the environment
    world
        .withKeyAnd("AIRBYTE_MCP_SECRET_ENV_NAMES=PROCESS_ONLY_TOKEN")
        .with("PATH", bin + ":" + world.env.get("PATH"));
    try (world) {
      world.start();
      // the setting took effect: the name resolves (its value is masked, never shown)
      InjectedAgentWorld.Answer resolved =
          world.call(
              "validate_connector_config",
              Map.of(
                  "connector_name",
                  "source-fake",
                  "config",
                  Map.of("api_key", "secret_reference::PROCESS_ONLY_TOKEN")));
      assertFalse(
          resolved.text().contains("not declared") || resolved.text().contains("not resolvable"),
          "the dotenv file's AIRBYTE_MCP_SECRET_ENV_NAMES did not take effect: " + resolved.text());
      assertTrue(Files.exists(seen), "the connector did not run");
      String env = Files.readString(seen);
      assertFalse(
          env.contains(InjectedAgentWorld.PROCESS_ONLY),
          "the connector process inherited PROCESS_ONLY_TOKEN, which the user listed in "
              + "AIRBYTE_MCP_SECRET_ENV_NAMES in the dotenv file");
    }
  }

  /**
   * A name declared in the dotenv file whose value the process environment sets (the environment's
   * value wins for a declared name, as the README says) is a secret like the file's own values, and
   * is withheld from connector programs too.
   */
  @Test
  void aDeclaredNameWhoseValueTheEnvironmentSetsIsNotInheritedByAConnectorProgram()
      throws Exception {
    Path seen = dir.resolve("connector-env2.txt");
    Path bin = envDumpingConnector(dir.resolve("env-bin2"), seen);
    InjectedAgentWorld world = new InjectedAgentWorld(dir.resolve("world2"));
    world
        .withKeyAnd("DECLARED_TOKEN=set-in-the-environment")
        .with("DECLARED_TOKEN", "env-DECLARED-token-Pq49Wd71Xs")
        .with("PATH", bin + ":" + world.env.get("PATH"));
    try (world) {
      world.start();
      validateWithTheUsersKey(world);
      assertTrue(Files.exists(seen), "the connector did not run");
      assertFalse(
          Files.readString(seen).contains("env-DECLARED-token-Pq49Wd71Xs"),
          "the connector process inherited DECLARED_TOKEN, a secret the dotenv file declares and "
              + "the environment sets, though the config never referenced it");
    }
  }
}
