package airbytemcp.declarative;

import airbytemcp.testing.SharedData;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The shared corpus of real manifests (../shared/airbyte/manifest-corpus.tar.gz), unpacked once
 * into target/manifest-corpus for tests; never copied into the project.
 */
final class ManifestCorpus {
  private static Path dir;

  private ManifestCorpus() {}

  /** The folder holding the manifests, metadata files and INDEX.csv. */
  static synchronized Path dir() {
    if (dir == null) {
      Path archive = SharedData.airbyte("manifest-corpus.tar.gz");
      Path target = SharedData.projectRoot().resolve("target").resolve("manifest-corpus");
      try {
        untar(archive, target);
        try (var found = Files.walk(target)) {
          dir =
              found
                  .filter(p -> p.getFileName().toString().equals("INDEX.csv"))
                  .findFirst()
                  .orElseThrow(() -> new IllegalStateException("no INDEX.csv in " + archive))
                  .getParent();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  /** INDEX.csv: connector name to whether it ships a components.py. */
  static Map<String, Boolean> hasComponents() {
    Map<String, Boolean> out = new LinkedHashMap<>();
    try {
      List<String> lines = Files.readAllLines(dir().resolve("INDEX.csv"));
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split(",");
        out.put(cells[0], Boolean.parseBoolean(cells[1]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** A plain ustar reader: regular files only, which is all the corpus holds. */
  private static void untar(Path archive, Path target) throws IOException {
    try (InputStream in =
        new DataInputStream(
            new BufferedInputStream(new GZIPInputStream(Files.newInputStream(archive))))) {
      byte[] header = new byte[512];
      String longName = null;
      while (in.readNBytes(header, 0, 512) == 512) {
        String name = text(header, 0, 100);
        if (name.isEmpty()) {
          return;
        }
        String prefix = text(header, 345, 155);
        long size =
            Long.parseLong(
                text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(), 8);
        char kind = (char) header[156];
        byte[] body = in.readNBytes((int) size);
        if (body.length != size) {
          throw new EOFException("truncated " + archive);
        }
        in.skipNBytes((512 - size % 512) % 512);
        if (kind == 'L') {
          longName = new String(body, StandardCharsets.UTF_8).replace("\0", "");
          continue;
        }
        String path = longName != null ? longName : (prefix.isEmpty() ? name : prefix + "/" + name);
        longName = null;
        if (kind != '0' && kind != '\0') {
          continue;
        }
        Path out = target.resolve(path).normalize();
        if (!out.startsWith(target)) {
          throw new IOException("entry outside the target: " + path);
        }
        Files.createDirectories(out.getParent());
        Files.write(out, body);
      }
    }
  }

  private static String text(byte[] b, int from, int len) {
    int end = from;
    while (end < from + len && b[end] != 0) {
      end++;
    }
    return new String(b, from, end - from, StandardCharsets.UTF_8);
  }
}
