package airbytemcp.common;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders and files only the server's user may read ({@code 0700} and {@code 0600}), whatever the
 * umask: the project folder holds the cache and, while a connector runs, its config with plain
 * secrets. The mode is set at creation (so there is no moment where others could open the file) and
 * again explicitly (the umask may narrow what creation asks for, never widen it; setting it again
 * makes it exact). Without POSIX permissions (Windows) the platform's defaults apply.
 */
public final class PrivateFiles {
  public static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /**
   * Creates the folder and any missing parents as {@code 0700}; folders that exist keep their mode.
   */
  public static Path createDirectories(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      return absolute;
    }
    Path parent = absolute.getParent();
    if (parent != null) {
      createDirectories(parent);
    }
    try {
      if (posix(parent)) {
        Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(DIR));
        Files.setPosixFilePermissions(absolute, DIR);
      } else {
        Files.createDirectory(absolute);
      }
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(absolute)) {
        throw e;
      }
    }
    return absolute;
  }

  /** A new folder with a random name under {@code parent}, {@code 0700}. */
  public static Path createTempDirectory(Path parent, String prefix) throws IOException {
    createDirectories(parent);
    if (!posix(parent)) {
      return Files.createTempDirectory(parent, prefix);
    }
    Path dir = Files.createTempDirectory(parent, prefix, PosixFilePermissions.asFileAttribute(DIR));
    Files.setPosixFilePermissions(dir, DIR);
    return dir;
  }

  /** Writes the text to a new file that is {@code 0600} from its first moment. */
  public static Path writeString(Path file, String text) throws IOException {
    if (posix(file.getParent())) {
      FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(FILE);
      Files.deleteIfExists(file);
      Files.createFile(file, mode);
      Files.setPosixFilePermissions(file, FILE);
    }
    Files.writeString(file, text);
    return file;
  }

  /**
   * Replaces the content of an existing file at once (a sibling written and moved over it), keeping
   * its mode: the sibling is {@code 0600} from its first moment, then takes the original's mode, so
   * a file only its owner could read is never readable by others, not even for a moment. A symbolic
   * link stays one: the file it points to is replaced.
   */
  public static void replaceString(Path file, String text) throws IOException {
    Path real = file.toRealPath();
    Path temporary = real.resolveSibling(real.getFileName() + ".rotating");
    writeString(temporary, text);
    if (posix(real)) {
      Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(real));
    }
    Files.move(
        temporary, real, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Makes an existing file {@code 0600} (or a folder {@code 0700}); a missing one is left alone.
   */
  public static void restrict(Path path) {
    try {
      if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)
          && !Files.isSymbolicLink(path)
          && posix(path)) {
        Files.setPosixFilePermissions(path, Files.isDirectory(path) ? DIR : FILE);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // best effort: the folder around it is private already
    }
  }

  /**
   * {@link #restrict} on each entry of the folder (not below), e.g. a database and its write-ahead
   * log.
   */
  public static void restrictEntries(Path dir) {
    try (var entries = Files.list(dir)) {
      entries.forEach(PrivateFiles::restrict);
    } catch (IOException e) {
      // best effort, as above
    }
  }

  private static boolean posix(Path near) {
    Path probe = near == null ? Path.of("").toAbsolutePath() : near;
    return Files.getFileAttributeView(probe, PosixFileAttributeView.class) != null;
  }
}
