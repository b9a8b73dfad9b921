package airbytemcp.connectors;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which connector to run and how, as a tool call asks for it.
 *
 * @param version a connector version to pin (Docker tag, PyPI version, manifest version); empty for the registry's
 * @param dockerImage a full image reference to run instead of {@code airbyte/NAME:VERSION}
 * @param manifestPath a local declarative manifest (YAML mode)
 * @param executable an explicit program for LOCAL mode, instead of the one named like the connector on the PATH
 */
public record ConnectorRequest(
    String name,
    ExecutionMode mode,
    Optional<String> version,
    Optional<String> dockerImage,
    Optional<Path> manifestPath,
    Optional<Path> executable) {

  public ConnectorRequest {
    Objects.requireNonNull(name);
    Objects.requireNonNull(mode);
  }

  public static ConnectorRequest of(String name) {
    return new ConnectorRequest(name, ExecutionMode.AUTO, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public ConnectorRequest withMode(ExecutionMode newMode) {
    return new ConnectorRequest(name, newMode, version, dockerImage, manifestPath, executable);
  }

  public ConnectorRequest withVersion(String newVersion) {
    return new ConnectorRequest(name, mode, Optional.ofNullable(newVersion), dockerImage, manifestPath, executable);
  }

  public ConnectorRequest withDockerImage(String image) {
    return new ConnectorRequest(name, mode, version, Optional.ofNullable(image), manifestPath, executable);
  }

  public ConnectorRequest withManifestPath(Path path) {
    return new ConnectorRequest(name, mode, version, dockerImage, Optional.ofNullable(path), executable);
  }

  public ConnectorRequest withExecutable(Path path) {
    return new ConnectorRequest(name, mode, version, dockerImage, manifestPath, Optional.ofNullable(path));
  }
}
