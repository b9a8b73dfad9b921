package airbytemcp.hardening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The hostile world's dotenv file alone, for tests that run the server in this JVM. */
final class HostileWorldFiles {
  private HostileWorldFiles() {}

  static Path dotenv(Path dir) {
    try {
      Files.createDirectories(dir);
      Path dotenv = dir.resolve("secrets.env");
      Files.writeString(
          dotenv,
          "FAKE_API_KEY="
              + HostileWorld.DOTENV_KEY
              + "\n"
              + "SOURCE_FAKE_CONFIG={\"api_key\": \""
              + HostileWorld.CONFIG_KEY
              + "\"}\n");
      return dotenv;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
