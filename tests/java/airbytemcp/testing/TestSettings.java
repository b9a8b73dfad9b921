package airbytemcp.testing;

import airbytemcp.config.Settings;
import airbytemcp.config.SettingsLoader;
import airbytemcp.config.Transport;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Settings as the server would load them from a given environment, with folders in a temp dir. */
public final class TestSettings {
  private final Map<String, String> env = new HashMap<>();
  private final Path dir;
  private Transport transport = Transport.STDIO;

  private TestSettings(Path dir) {
    this.dir = dir;
    env.put(SettingsLoader.PROJECT_DIR, dir.resolve("project").toString());
  }

  public static TestSettings in(Path tempDir) {
    return new TestSettings(tempDir);
  }

  public TestSettings env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public TestSettings transport(Transport value) {
    transport = value;
    return this;
  }

  public Map<String, String> environment() {
    return env;
  }

  public Settings load() {
    return SettingsLoader.load(env, dir, dir.resolve("home"), transport);
  }
}
