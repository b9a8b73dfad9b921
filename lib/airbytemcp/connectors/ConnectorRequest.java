package airbytemcp.connectors;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which connector to run and how, as a tool call asks for it.
 *
 * @param version a connector version to pin (Docker tag, PyPI version, manifest version); empty for
 *     the registry's
 * @param dockerImage a full image reference to run instead of {@code airbyte/NAME:VERSION}
 * @param manifestPath a local declarative manifest (YAML mode)
 * @param executable an explicit program for LOCAL mode, instead of the one named like the connector
 *     on the PATH
 */
public record ConnectorRequest(
    String name,
    ExecutionMode mode,
    Optional<String> version,
    Optional<String> dockerImage,
    Optional<Path> manifestPath,
    Optional<Path> executable) {

  /**
   * Registry names: letters, digits, '-', '_' and '.', no path separators (names become file and
   * program names).
   */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

  /**
   * A Docker image reference: lowercase repository (with an optional registry host), then a tag
   * and/or a digest.
   */
  private static final Pattern IMAGE =
      Pattern.compile(
          "[a-z0-9][a-z0-9._:/-]{0,255}(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?(@sha256:[a-f0-9]{64})?");

  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]{0,127}");

  public ConnectorRequest {
    Objects.requireNonNull(name);
    Objects.requireNonNull(mode);
    if (!NAME.matcher(name).matches() || name.contains("..")) {
      throw new ConnectorError(
          "'" + printable(name) + "' is not a connector name.",
          "Use a registry name such as source-faker (list_connectors finds them); to run a particular image, "
              + "pass docker_image as well.");
    }
    if (version.isPresent() && !VERSION.matcher(version.get()).matches()) {
      throw new ConnectorError(
          "'" + printable(version.get()) + "' is not a connector version.",
          "Give a version as the registry lists it, e.g. 1.2.3 (get_connector_version_history lists them).");
    }
    if (dockerImage.isPresent() && !IMAGE.matcher(dockerImage.get()).matches()) {
      throw new ConnectorError(
          "'" + printable(dockerImage.get()) + "' is not a Docker image reference.",
          "Give an image like airbyte/source-postgres:3.6.0 (lowercase repository, then a tag).");
    }
  }

  private static String printable(String text) {
    String shown =
        text.codePoints()
            .map(c -> Character.isISOControl(c) ? '?' : c)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return shown.length() > 80 ? shown.substring(0, 80) + "..." : shown;
  }

  public static ConnectorRequest of(String name) {
    return new ConnectorRequest(
        name,
        ExecutionMode.AUTO,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  public ConnectorRequest withMode(ExecutionMode newMode) {
    return new ConnectorRequest(name, newMode, version, dockerImage, manifestPath, executable);
  }

  public ConnectorRequest withVersion(String newVersion) {
    return new ConnectorRequest(
        name, mode, Optional.ofNullable(newVersion), dockerImage, manifestPath, executable);
  }

  public ConnectorRequest withDockerImage(String image) {
    return new ConnectorRequest(
        name, mode, version, Optional.ofNullable(image), manifestPath, executable);
  }

  public ConnectorRequest withManifestPath(Path path) {
    return new ConnectorRequest(
        name, mode, version, dockerImage, Optional.ofNullable(path), executable);
  }

  public ConnectorRequest withExecutable(Path path) {
    return new ConnectorRequest(
        name, mode, version, dockerImage, manifestPath, Optional.ofNullable(path));
  }
}
