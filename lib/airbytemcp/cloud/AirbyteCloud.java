package airbytemcp.cloud;

import airbytemcp.config.CloudSettings;
import airbytemcp.config.Settings;
import airbytemcp.secrets.Masker;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the Cloud tools use, wired for one server process: API client, safe-mode ledger,
 * operations.
 */
public final class AirbyteCloud {
  public static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

  private final CloudSettings settings;
  private final AirbyteApi api;
  private final WebUrls urls;
  private final SafeModeLedger ledger;
  private final Users users;
  private final Workspaces workspaces;
  private final Actors sources;
  private final Actors destinations;
  private final Connections connections;
  private final SyncJobs jobs;
  private final CustomSources customSources;
  private final ConnectionArtifacts artifacts;
  private final CloudSessions sessions;

  /**
   * The workspace an HTTP caller named in its X-Airbyte-Workspace-Id header (unchecked until used).
   */
  private final Optional<String> headerWorkspace;

  public static AirbyteCloud create(Settings settings, Masker masker) {
    return new AirbyteCloud(
        settings.cloud(),
        new AirbyteApi(settings.cloud(), masker),
        new SafeModeLedger(settings.safeMode()),
        POLL_INTERVAL);
  }

  public AirbyteCloud(
      CloudSettings settings, AirbyteApi api, SafeModeLedger ledger, Duration pollInterval) {
    this(settings, api, ledger, pollInterval, Optional.empty());
  }

  AirbyteCloud(
      CloudSettings settings,
      AirbyteApi api,
      SafeModeLedger ledger,
      Duration pollInterval,
      Optional<String> headerWorkspace) {
    this.headerWorkspace = headerWorkspace;
    this.settings = settings;
    this.api = api;
    this.urls = WebUrls.forApi(settings.apiUrl());
    this.ledger = ledger;
    this.users = new Users(api);
    this.workspaces = new Workspaces(api, urls, settings.organizationId(), users);
    this.sources = new Actors(ActorKind.SOURCE, api, urls, ledger);
    this.destinations = new Actors(ActorKind.DESTINATION, api, urls, ledger);
    this.connections = new Connections(api, urls, ledger, sources, destinations);
    this.jobs = new SyncJobs(api, urls, ledger, pollInterval);
    this.customSources = new CustomSources(api, urls, ledger);
    this.artifacts = new ConnectionArtifacts(api);
    this.sessions = new CloudSessions(settings, ledger.enabled(), api::withSettings, pollInterval);
  }

  /**
   * The Cloud a call works with: this one for the server process (stdio), else the HTTP session's
   * own (its credentials and workspace, this server's API roots, a safe-mode ledger of its own).
   */
  public AirbyteCloud forCaller(CloudCaller caller) {
    return caller.isProcess() ? this : sessions.forCaller(caller);
  }

  /**
   * The workspace a call means; see {@link #resolveWorkspace}. Also checks the credentials are
   * configured, so a call fails before it does anything else.
   */
  public String workspace(Optional<String> argument) {
    return resolveWorkspace(argument).id();
  }

  /**
   * The workspace a call means and where it came from: its argument, else the caller's header, else
   * {@code AIRBYTE_CLOUD_WORKSPACE_ID}, else the user's default workspace, else the single
   * workspace the credentials can reach. Every id is checked as an id wherever it came from;
   * nothing is guessed among several.
   */
  public WorkspaceChoice resolveWorkspace(Optional<String> argument) {
    api.requireCredentials();
    if (argument.isPresent()) {
      return new WorkspaceChoice(
          CloudIds.uuid("workspace_id", argument.get()), WorkspaceChoice.ARGUMENT);
    }
    if (headerWorkspace.isPresent()) {
      return new WorkspaceChoice(
          CloudIds.uuid("The X-Airbyte-Workspace-Id header", headerWorkspace.get()),
          WorkspaceChoice.HEADER);
    }
    if (settings.workspaceId().isPresent()) {
      return new WorkspaceChoice(
          CloudIds.uuid("AIRBYTE_CLOUD_WORKSPACE_ID", settings.workspaceId().get()),
          WorkspaceChoice.SETTING);
    }
    return workspaces
        .userDefaultWorkspace()
        .or(workspaces::derivedWorkspace)
        .orElseThrow(CloudError::missingWorkspace);
  }

  /** The organization set in AIRBYTE_CLOUD_ORGANIZATION_ID, if any (checked as an id). */
  public Optional<String> configuredOrganization() {
    return settings.organizationId().map(o -> CloudIds.uuid("AIRBYTE_CLOUD_ORGANIZATION_ID", o));
  }

  public AirbyteApi api() {
    return api;
  }

  public WebUrls urls() {
    return urls;
  }

  public SafeModeLedger ledger() {
    return ledger;
  }

  /** The user the credentials belong to (Config API; see {@link Users}). */
  public Users users() {
    return users;
  }

  public Workspaces workspaces() {
    return workspaces;
  }

  public Actors sources() {
    return sources;
  }

  public Actors destinations() {
    return destinations;
  }

  public Actors actors(ActorKind kind) {
    return kind == ActorKind.SOURCE ? sources : destinations;
  }

  public Connections connections() {
    return connections;
  }

  public SyncJobs jobs() {
    return jobs;
  }

  public CustomSources customSources() {
    return customSources;
  }

  public ConnectionArtifacts artifacts() {
    return artifacts;
  }
}
