package airbytemcp.config;

import airbytemcp.common.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * The one gate for files a tool argument names ({@code config}, {@code config_file}, {@code
 * manifest_path}, {@code manifest_yaml} as a path, {@code destination_path}). The agent's arguments
 * may be chosen by an attacker, so a file is read only when, after resolving symlinks, it is a
 * regular file of at most {@link #MAX_BYTES} that is not a dotenv file of this server and not under
 * a denied place: {@code /proc}, {@code /sys}, {@code /dev}, {@code /etc}, {@code /run/secrets}, a
 * hidden file or folder ({@code ~/.ssh}, {@code ~/.aws}, a project's {@code .env}, ...), or a root
 * the user denied. Roots the user allowed lift the built-in denials (never the dotenv files or the
 * user's own denials). Every refusal of a file to read says the same but for the path the call
 * gave, so an answer never tells whether a file exists.
 *
 * @param dotenvFiles the server's secret files, never readable through a tool
 * @param allowed roots the user allowed ({@code AIRBYTE_MCP_FILE_ALLOW})
 * @param denied roots the user denied ({@code AIRBYTE_MCP_FILE_DENY})
 */
public record AgentFiles(List<Path> dotenvFiles, List<Path> allowed, List<Path> denied) {
  /**
   * Largest file read: real manifests and configs are far smaller; a device or huge file is never
   * read whole.
   */
  public static final long MAX_BYTES = 16L * 1024 * 1024;

  private static final List<Path> SYSTEM_ROOTS =
      List.of(
          Path.of("/proc"),
          Path.of("/sys"),
          Path.of("/dev"),
          Path.of("/etc"),
          Path.of("/run/secrets"),
          Path.of("/var/run/secrets"));

  public AgentFiles {
    dotenvFiles = List.copyOf(dotenvFiles);
    allowed = List.copyOf(allowed);
    denied = List.copyOf(denied);
  }

  /**
   * A file an agent names, refused. The message is the same for missing, denied and unreadable
   * files.
   */
  public static final class Refused extends UserError {
    Refused(String message, String hint) {
      super(message, hint);
    }
  }

  /** The file's text (UTF-8), read only when the rules above allow it. */
  public String read(String pathText, String argument) {
    Path real = requireReadable(pathText, argument);
    try (InputStream in = Files.newInputStream(real)) {
      byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw refused(argument, pathText);
      }
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Refused(
          argument + " is not a UTF-8 text file.", "Give a JSON or YAML file saved as UTF-8.");
    } catch (IOException | SecurityException e) {
      throw refused(argument, pathText);
    }
  }

  /**
   * The real path of a file the rules allow to be read, for readers that open it themselves (the
   * manifest loader). Checked: absolute, allowed place (before and after resolving links), regular
   * file, size.
   */
  public Path requireReadable(String pathText, String argument) {
    Path given = absolute(pathText, argument);
    Path real;
    BasicFileAttributes attributes;
    try {
      real = given.toRealPath();
      attributes = Files.readAttributes(real, BasicFileAttributes.class);
    } catch (IOException | SecurityException e) {
      throw refused(argument, pathText);
    }
    if (!allowedPlace(given)
        || !allowedPlace(real)
        || !attributes.isRegularFile()
        || attributes.size() > MAX_BYTES
        || !Files.isReadable(real)) {
      throw refused(argument, pathText);
    }
    return real;
  }

  /**
   * Checks a path a connector will write and the server may read back later (destination_path): it
   * need not exist yet, but neither it nor what its existing part resolves to may be in a denied
   * place.
   */
  public Path requireAllowedPlace(String pathText, String argument) {
    Path given = absolute(pathText, argument);
    if (!allowedPlaceThroughLinks(given)) {
      throw new Refused(
          // not named: the path may come from a config file, whose content stays unsaid
          argument + " cannot be used: it is in a place tools may not use.", NEVER_READ);
    }
    return given;
  }

  /**
   * Whether the rules let a tool use this absolute path, and what its existing part resolves to
   * (the path need not exist): a link in an allowed place may lead into a denied one.
   */
  public boolean allowedPlaceThroughLinks(Path path) {
    return allowedPlace(path)
        && allowedPlace(realOfExistingPart(path.toAbsolutePath().normalize()));
  }

  /**
   * Whether the rules let a tool read files at this (absolute, normalised) path; links are not
   * followed here.
   */
  public boolean allowedPlace(Path path) {
    Path p = path.toAbsolutePath().normalize();
    for (Path dotenv : dotenvFiles) {
      if (p.equals(dotenv.toAbsolutePath().normalize()) || p.equals(realOrSelf(dotenv))) {
        return false;
      }
    }
    if (denied.stream().anyMatch(root -> under(p, root))) {
      return false;
    }
    if (allowed.stream().anyMatch(root -> under(p, root))) {
      return true;
    }
    return SYSTEM_ROOTS.stream().noneMatch(root -> under(p, root)) && !hidden(p);
  }

  /**
   * Hidden files and folders anywhere ({@code ~/.ssh}, {@code ~/.aws}, a project's {@code .env} or
   * {@code .git}).
   */
  private static boolean hidden(Path p) {
    for (Path part : p) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean under(Path path, Path root) {
    Path r = root.toAbsolutePath().normalize();
    return path.startsWith(r) || path.startsWith(realOrSelf(r));
  }

  private static Path realOrSelf(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException | SecurityException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  /** The real path of the deepest existing ancestor, with the rest appended. */
  private static Path realOfExistingPart(Path path) {
    Path existing = path;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return path;
    }
    return realOrSelf(existing).resolve(existing.relativize(path)).normalize();
  }

  private static Path absolute(String pathText, String argument) {
    String text = pathText == null ? "" : pathText.strip();
    Optional<Path> path;
    try {
      path =
          Optional.of(Path.of(text))
              .filter(p -> !text.isEmpty() && !text.startsWith("~") && p.isAbsolute());
    } catch (InvalidPathException e) {
      path = Optional.empty();
    }
    return path.map(p -> p.normalize())
        .orElseThrow(
            () ->
                new Refused(
                    named(argument, pathText) + " must be the absolute path of a file.",
                    "The server does not know your working folder and does not expand '~'; give the full path, e.g. "
                        + "/home/me/airbyte/source.yaml."));
  }

  private static final String NEVER_READ =
      "System folders (/etc, /proc, /sys, /dev), hidden files and folders (~/.ssh, ~/.aws, .env, ...)"
          + " and the server's dotenv file are never used; the user running the server can allow"
          + " more places with AIRBYTE_MCP_FILE_ALLOW.";

  /**
   * The refusal of a file to read, one text for every reason (the path is the agent's own): it
   * tells no more than that the file may be missing or out of reach.
   */
  private static Refused refused(String argument, String pathText) {
    return new Refused(
        named(argument, pathText)
            + " cannot be used: the file may not exist or may not be readable, or it is not a"
            + " regular file of at most "
            + MAX_BYTES / (1024 * 1024)
            + " MB in a place tools may read.",
        "Check the path, and give the absolute path of a JSON or YAML file you keep for this. "
            + NEVER_READ);
  }

  /** The argument and the path as the call gave it, never what the file holds. */
  private static String named(String argument, String pathText) {
    return argument + " '" + (pathText == null ? "" : pathText) + "'";
  }
}
