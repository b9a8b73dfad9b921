package airbytemcp.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every setting of the server, read once at start-up (dotenv first, process environment winning)
 * and never changed afterwards.
 */
public record Settings(
    Transport transport,
    Path projectDir,
    Path cacheRoot,
    Optional<DotenvFile> envFile,
    Optional<DotenvFile> envrcFile,
    CloudSettings cloud,
    RegistrySettings registry,
    boolean safeMode,
    boolean readOnlyMode,
    boolean trustedExecution,
    Set<Domain> enabledDomains,
    SecretValues secrets,
    ConnectorRuntimeSettings connectorRuntime,
    AgentPolicy agentPolicy) {

  /** The dotenv files that are secret sources, in lookup order. */
  public List<DotenvFile> dotenvFiles() {
    return Stream.of(envFile, envrcFile).flatMap(Optional::stream).toList();
  }

  public boolean domainEnabled(Domain domain) {
    return enabledDomains.contains(domain);
  }
}
