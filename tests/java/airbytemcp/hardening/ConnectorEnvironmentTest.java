package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.testing.FakeConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * bundles, a cloud SDK's ambient credentials), as the README says.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConnectorEnvironmentTest {
  static final String CLOUD_SECRET_IN_ENV = "cloud-ENV-secret-Vt61Nw28";

  @TempDir Path dir;

  @Test
  void aConnectorProgramGetsNeitherTheServersSettingsNorListedEnvironmentSecrets()
      throws Exception {
    Path bin = Files.createDirectories(dir.resolve("env-bin"));
    Path seen = dir.resolve("connector-env.txt");
    Path program = bin.resolve("source-fake");
    Files.writeString(
        program,
        "#!/bin/sh\nenv >> '" + seen + "'\nexec '" + FakeConnector.program() + "' \"$@\"\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
    InjectedAgentWorld world = new InjectedAgentWorld(dir.resolve("world"));
    world
        .with("AIRBYTE_CLOUD_CLIENT_SECRET", CLOUD_SECRET_IN_ENV)
        .with("AIRBYTE_MCP_SECRET_ENV_NAMES", "PROCESS_ONLY_TOKEN")
        .with("HTTPS_PROXY", "http://127.0.0.1:3128")
        .with("PATH", bin + ":" + world.env.get("PATH"));
    try (world) {
      world.start();
      world.call(
          "validate_connector_config",
          Map.of(
              "connector_name",
              "source-fake",
              "config",
              Map.of("api_key", "secret_reference::FAKE_API_KEY")));
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
}
