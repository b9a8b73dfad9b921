package airbytemcp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.network.EgressRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * AIRBYTE_MCP_EGRESS_HOSTS: read like every setting, empty by default, refused when it cannot be
 * understood.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EgressSettingTest {
  @TempDir Path dir;

  private Settings load(Map<String, String> env) {
    return SettingsLoader.load(env, dir, dir.resolve("home"), Transport.STDIO);
  }

  @Test
  void noLoopbackOrPrivateHostIsGrantedByDefault() {
    assertEquals(EgressRules.NONE, load(Map.of()).connectorRuntime().egress());
  }

  @Test
  void listsHostsAndAddressBlocksFromTheEnvironmentOrTheDotenvFile() throws Exception {
    EgressRules rules =
        load(Map.of(SettingsLoader.EGRESS_HOSTS, "127.0.0.1, localhost,10.0.0.0/8"))
            .connectorRuntime()
            .egress();
    assertEquals(List.of("localhost"), rules.hostNames());
    assertEquals(2, rules.blocks().size());
    Path dotenv = dir.resolve("mcp.env");
    Files.writeString(dotenv, "AIRBYTE_MCP_EGRESS_HOSTS=db.internal\nAPI_KEY=abcdefgh12345\n");
    Settings fromFile = load(Map.of(SettingsLoader.ENV_FILE, dotenv.toString()));
    assertEquals(List.of("db.internal"), fromFile.connectorRuntime().egress().hostNames());
    assertTrue(
        SettingsLoader.NON_SECRET_VARIABLES.contains(SettingsLoader.EGRESS_HOSTS),
        "the setting is not a secret to mask");
  }

  @Test
  void anEntryThatIsNeitherHostNorBlockStopsTheServerWithAHint() {
    ConfigError e =
        assertThrows(
            ConfigError.class, () -> load(Map.of(SettingsLoader.EGRESS_HOSTS, "http://x:1/")));
    assertTrue(e.getMessage().contains(SettingsLoader.EGRESS_HOSTS), e.getMessage());
  }
}
