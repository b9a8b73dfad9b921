package airbytemcp.connectors;

import airbytemcp.config.Settings;
import airbytemcp.network.EgressRules;
import airbytemcp.network.UnwatchedEgress;
import airbytemcp.registry.ConnectorMetadata;
import airbytemcp.registry.ConnectorRegistry;
import airbytemcp.registry.RegistryClient;
import airbytemcp.registry.RegistryError;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Decides how a connector runs and builds the {@link Connector} for it. {@code auto} takes the
 * first back-end that can run it here: a custom image, a local manifest, a program named like it on
 * the PATH, the native runtime for manifest-only connectors, Docker, then Python for PyPI-published
 * ones. An explicit mode is honoured or fails with a reason.
 */
public final class ConnectorResolver {
  /** The concrete back-end chosen for a request, and why. */
  public record Choice(ExecutionMode mode, String reason) {}

  /** What the resolver builds connectors from. */
  public record Backends(
      Supplier<ConnectorRegistry> registry,
      HostTools host,
      DockerEngine docker,
      PythonVenvs venvs,
      NativeConnectorFactory nativeRuntime,
      Path runRoot,
      Masker masker,
      RunLimits limits,
      String dockerNetwork,
      EgressRules egress,
      ConnectorEnvironment inherited) {}

  private final Backends backends;
  private final Set<String> extraPythonPackages;
  private final ConcurrentMap<String, ObjectNode> specs = new ConcurrentHashMap<>();

  public ConnectorResolver(Backends backends) {
    this(backends, Set.of());
  }

  /**
   * @param extraPythonPackages pip packages the Python mode may install for names the registry does
   *     not list (AIRBYTE_MCP_PYTHON_PACKAGES); otherwise it installs only the registry's package
   *     of the connector
   */
  public ConnectorResolver(Backends backends, Set<String> extraPythonPackages) {
    this.backends = backends;
    this.extraPythonPackages = Set.copyOf(extraPythonPackages);
  }

  /**
   * The resolver of a server: this machine's PATH and Docker, venvs and run folders under the
   * project dir.
   */
  public static ConnectorResolver create(
      Settings settings,
      ConnectorSettings connectorSettings,
      Masker masker,
      RegistryClient registry,
      NativeConnectorFactory nativeRuntime) {
    HostTools host = HostTools.fromEnvironment();
    RunLimits limits = connectorSettings.limits();
    ConnectorEnvironment inherited = ConnectorEnvironment.of(settings.secrets());
    return new ConnectorResolver(
        new Backends(
            registry::registry,
            host,
            DockerEngine.fromEnvironment(),
            new PythonVenvs(
                settings.projectDir(), host, inherited, Map.of(), masker, limits.install()),
            nativeRuntime,
            settings.projectDir().resolve("run"),
            masker,
            limits,
            connectorSettings.dockerNetwork().orElse(null),
            settings.connectorRuntime().egress(),
            inherited),
        settings.agentPolicy().extraPythonPackages());
  }

  /** The same resolver with another native runtime (wired by the declarative module). */
  public ConnectorResolver withNativeRuntime(NativeConnectorFactory nativeRuntime) {
    Backends b = backends;
    return new ConnectorResolver(
        new Backends(
            b.registry(),
            b.host(),
            b.docker(),
            b.venvs(),
            nativeRuntime,
            b.runRoot(),
            b.masker(),
            b.limits(),
            b.dockerNetwork(),
            b.egress(),
            b.inherited()),
        extraPythonPackages);
  }

  /**
   * Why the connector's code comes from the caller rather than from Airbyte's registry (a
   * manifest_path, a custom docker_image, an explicit program, or a name the registry does not
   * list), or empty for a registry connector. Secrets go only to registry connectors unless the
   * user trusts agent-supplied ones.
   *
   * @throws RegistryError when nothing would run under the name and the registry lists names close
   *     to it: a misspelt name, which the agent should hear about first
   */
  public Optional<String> agentSupplied(ConnectorRequest request) {
    if (request.manifestPath().isPresent()) {
      return Optional.of("its manifest comes from manifest_path");
    }
    if (request.dockerImage().isPresent() && !registryRepository(request)) {
      return Optional.of(
          "it runs the Docker image " + request.dockerImage().get() + " given as docker_image");
    }
    if (request.executable().isPresent()) {
      return Optional.of("it runs the program " + request.executable().get());
    }
    if (metadataQuietly(request.name()).isEmpty()) {
      List<String> close = closeNamesQuietly(request.name());
      if (!close.isEmpty()
          && request.dockerImage().isEmpty()
          && !(ConnectorNames.mayRunFromPath(request.name())
              && backends.host().find(request.name()).isPresent())) {
        // nothing would run under this name: a misspelt registry name, answered as such
        throw RegistryError.notFound(request.name(), close);
      }
      return Optional.of(
          "Airbyte's registry does not list it"
              + (close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)"));
    }
    return Optional.empty();
  }

  /** Registry names close to a misspelt one ("fake" → source-fake), if the registry can be had. */
  private List<String> closeNamesQuietly(String name) {
    try {
      return backends.registry().get().closeNames(name);
    } catch (RegistryError e) {
      return List.of();
    }
  }

  public Connector resolve(ConnectorRequest request) {
    Choice choice = choose(request);
    return switch (choice.mode()) {
      case DOCKER ->
          protocol(
              request.name(),
              new DockerRunner(
                  backends.docker(),
                  dockerImage(request),
                  backends.dockerNetwork(),
                  backends.limits().install()));
      case PYTHON -> {
        Path program = backends.venvs().ensureInstalled(request.name(), pythonPackage(request));
        yield protocol(
            request.name(),
            new ProcessRunner(
                List.of(program.toString()),
                backends.inherited(),
                Map.of(),
                "Python package " + pythonPackage(request)));
      }
      case LOCAL -> {
        Path program = localProgram(request);
        refuseVersionPin(request, program);
        yield protocol(
            request.name(),
            new ProcessRunner(
                List.of(program.toString()), backends.inherited(), Map.of(), "program " + program));
      }
      case NATIVE, YAML -> nativeOrFallback(request);
      case AUTO -> throw new IllegalStateException("choose() never answers AUTO");
    };
  }

  /**
   * The native runtime; in auto mode a connector it cannot run at all goes to Docker or Python
   * instead.
   */
  private Connector nativeOrFallback(ConnectorRequest request) {
    try {
      return backends
          .nativeRuntime()
          .create(request.name(), request.version(), request.manifestPath());
    } catch (RuntimeException e) {
      if (request.mode() != ExecutionMode.AUTO
          || request.manifestPath().isPresent()
          || !(e instanceof NativeConnectorFactory.Unsupported)) {
        throw e;
      }
      ConnectorMetadata metadata =
          metadata(request.name())
              .orElseThrow(() -> RegistryError.notFound(request.name(), knownNames()));
      Choice fallback =
          containerOrPython(metadata)
              .orElseThrow(
                  () ->
                      new ConnectorError(
                          e.getMessage() + " Neither Docker nor Python can run it here instead.",
                          "Start Docker, or install Python 3 when the connector is published on PyPI."));
      return resolve(request.withMode(fallback.mode()));
    }
  }

  private Optional<Choice> containerOrPython(ConnectorMetadata metadata) {
    if (backends.docker().isReachable()) {
      return Optional.of(new Choice(ExecutionMode.DOCKER, "Docker is running"));
    }
    if (metadata.pypiPackageName().isPresent() && backends.venvs().pythonAvailable()) {
      return Optional.of(
          new Choice(ExecutionMode.PYTHON, "published on PyPI and Python is installed"));
    }
    return Optional.empty();
  }

  public Choice choose(ConnectorRequest request) {
    if (request.mode() != ExecutionMode.AUTO) {
      return new Choice(request.mode(), "asked for");
    }
    if (request.dockerImage().isPresent()) {
      return new Choice(ExecutionMode.DOCKER, "a Docker image was given");
    }
    if (request.manifestPath().isPresent()) {
      return new Choice(ExecutionMode.YAML, "a manifest path was given");
    }
    if (request.executable().isPresent()
        || ConnectorNames.mayRunFromPath(request.name())
            && backends.host().find(request.name()).isPresent()) {
      return new Choice(ExecutionMode.LOCAL, "a program named like the connector is on the PATH");
    }
    ConnectorMetadata metadata =
        metadata(request.name())
            .orElseThrow(() -> RegistryError.notFound(request.name(), knownNames()));
    boolean nativeRuntime = backends.nativeRuntime().available();
    if (metadata.isManifestOnly() && nativeRuntime) {
      return new Choice(ExecutionMode.NATIVE, "a manifest-only connector");
    }
    Optional<Choice> other = containerOrPython(metadata);
    if (other.isPresent()) {
      return other.get();
    }
    throw new ConnectorError(
        "No way to run "
            + request.name()
            + " on this machine: Docker is not reachable at "
            + backends.docker().host()
            + (metadata.pypiPackageName().isPresent()
                ? " and Python 3 is not installed."
                : ", and it is not on PyPI.")
            + (metadata.isManifestOnly() && !nativeRuntime
                ? " The native runtime for manifests is not available."
                : ""),
        "Start Docker (the one back-end that runs every connector), or put a program named "
            + request.name()
            + " on the PATH.");
  }

  /**
   * Whether a given image is the registry's own repository of the connector (any tag: a version
   * Airbyte published).
   */
  private boolean registryRepository(ConnectorRequest request) {
    String image = request.dockerImage().orElseThrow();
    int digest = image.indexOf('@');
    String repository = digest < 0 ? image : image.substring(0, digest);
    int tag = repository.lastIndexOf(':');
    if (tag > repository.lastIndexOf('/')) {
      repository = repository.substring(0, tag);
    }
    String named = repository;
    return metadataQuietly(request.name())
        .map(ConnectorMetadata::dockerRepository)
        .filter(r -> !r.isBlank() && r.equals(named))
        .isPresent();
  }

  /**
   * Which back-ends can run connectors on this machine right now (Docker is asked, not guessed).
   */
  public Map<String, Boolean> availableBackends() {
    Map<String, Boolean> available = new LinkedHashMap<>();
    available.put("native", backends.nativeRuntime().available());
    available.put("docker", backends.docker().isReachable());
    available.put("python", backends.venvs().pythonAvailable());
    available.put("local", true);
    return available;
  }

  /**
   * The image a Docker run uses: the given one, else the registry's repository at the pinned or
   * latest version.
   */
  public String dockerImage(ConnectorRequest request) {
    if (request.dockerImage().isPresent()) {
      return request.dockerImage().get();
    }
    Optional<ConnectorMetadata> metadata = metadataQuietly(request.name());
    String repository =
        metadata
            .map(ConnectorMetadata::dockerRepository)
            .filter(r -> !r.isBlank())
            .orElse("airbyte/" + request.name());
    String tag =
        request.version().orElse(metadata.map(ConnectorMetadata::latestVersion).orElse("latest"));
    return repository + ":" + tag;
  }

  /**
   * The pip requirement a Python run installs, pinned if asked: the registry's PyPI package of the
   * connector, or airbyte-NAME when the user listed that package in AIRBYTE_MCP_PYTHON_PACKAGES.
   * Nothing else is installed.
   */
  public String pythonPackage(ConnectorRequest request) {
    String name =
        metadataQuietly(request.name())
            .flatMap(ConnectorMetadata::pypiPackageName)
            .or(
                () ->
                    Optional.of("airbyte-" + request.name()).filter(extraPythonPackages::contains))
            .orElseThrow(
                () ->
                    new ConnectorError(
                        "Airbyte's registry names no PyPI package for "
                            + request.name()
                            + ", so nothing is installed for it.",
                        "Use a registry connector published on PyPI (get_connector_info shows it), another execution mode, or "
                            + "ask the user to list airbyte-"
                            + request.name()
                            + " in AIRBYTE_MCP_PYTHON_PACKAGES."));
    return request.version().map(v -> name + "==" + v).orElse(name);
  }

  /**
   * A program runs as it is installed: a pinned version would be silently ignored, so it is
   * refused, naming the program that would have run and the modes that do honour it.
   */
  private static void refuseVersionPin(ConnectorRequest request, Path program) {
    if (request.version().isPresent()) {
      throw new ConnectorError(
          "version '"
              + request.version().get()
              + "' cannot be applied: "
              + request.name()
              + " would run as the program "
              + program
              + (request.executable().isPresent() ? "" : " on the PATH")
              + ", which is whatever version is installed there.",
          "Leave version out to run that program, or set override_execution_mode to docker or python "
              + "(yaml for a manifest-only connector) to run version "
              + request.version().get()
              + ".");
    }
  }

  private Path localProgram(ConnectorRequest request) {
    if (request.executable().isPresent()) {
      Path program = request.executable().get();
      if (!program.toFile().canExecute()) {
        throw new ConnectorError(
            "The program " + program + " does not exist or is not executable.",
            "Check the path and its permissions.");
      }
      return program;
    }
    if (!ConnectorNames.mayRunFromPath(request.name())) {
      throw ConnectorNames.notAConnectorProgram(request.name());
    }
    return backends
        .host()
        .find(request.name())
        .orElseThrow(
            () ->
                new ConnectorError(
                    "No program named " + request.name() + " is on the PATH of the server.",
                    "Install the connector as a program of that name (e.g. pipx install airbyte-"
                        + request.name()
                        + "), or use override_execution_mode=auto."));
  }

  private Connector protocol(String name, CommandRunner runner) {
    return new ProtocolConnector(
        name,
        runner,
        backends.runRoot(),
        backends.masker(),
        backends.limits(),
        specs,
        new UnwatchedEgress(backends.egress(), registryAllowedHosts(name)));
  }

  /** The registry entry's {@code allowedHosts} object, or null (none, or no registry to ask). */
  private JsonNode registryAllowedHosts(String name) {
    return metadataQuietly(name).map(ConnectorMetadata::allowedHosts).orElse(null);
  }

  private List<String> knownNames() {
    return backends.registry().get().all().stream().map(ConnectorMetadata::name).toList();
  }

  private Optional<ConnectorMetadata> metadata(String name) {
    return backends.registry().get().find(name);
  }

  /**
   * Registry facts when the registry can be had; an explicit mode must not fail only because it
   * cannot.
   */
  private Optional<ConnectorMetadata> metadataQuietly(String name) {
    try {
      return metadata(name);
    } catch (RegistryError e) {
      return Optional.empty();
    }
  }
}
