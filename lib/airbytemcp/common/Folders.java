package airbytemcp.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removing folders the server made for a while (connector run folders, broken venvs, the HTTP
 * server's base folder) without failing the caller.
 */
public final class Folders {
  private static final Logger LOG = LoggerFactory.getLogger(Folders.class);

  private Folders() {}

  public static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", dir, e.getMessage());
    }
  }
}
