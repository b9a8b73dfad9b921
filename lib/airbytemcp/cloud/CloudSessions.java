package airbytemcp.cloud;

import airbytemcp.config.CloudSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The Cloud each HTTP session works with: the caller's bearer token (else the server's
 * credentials), the caller's workspace (else the server's), the server's API roots, and a safe-mode
 * ledger of its own, so one caller can never change or delete what another caller created.
 */
final class CloudSessions {
  /**
   * Beyond this many remembered sessions the oldest state is dropped; a dropped ledger only makes
   * safe mode stricter.
   */
  static final int MAX_SESSIONS = 10_000;

  private final CloudSettings serverSettings;
  private final boolean safeMode;
  private final Function<CloudSettings, AirbyteApi> apis;
  private final Duration pollInterval;
  private final Map<String, SafeModeLedger> ledgers = new ConcurrentHashMap<>();
  private final Map<CloudCaller, AirbyteCloud> clouds = new ConcurrentHashMap<>();

  /**
   * @param apis makes an API client for other credentials (sharing the server's HTTP client and
   *     timing)
   */
  CloudSessions(
      CloudSettings serverSettings,
      boolean safeMode,
      Function<CloudSettings, AirbyteApi> apis,
      Duration pollInterval) {
    this.serverSettings = serverSettings;
    this.safeMode = safeMode;
    this.apis = apis;
    this.pollInterval = pollInterval;
  }

  SafeModeLedger ledger(String sessionId) {
    trim(ledgers);
    return ledgers.computeIfAbsent(sessionId, id -> new SafeModeLedger(safeMode));
  }

  AirbyteCloud forCaller(CloudCaller caller) {
    trim(clouds);
    return clouds.computeIfAbsent(
        caller,
        c -> {
          CloudSettings settings = settingsFor(c);
          return new AirbyteCloud(
              settings, apis.apply(settings), ledger(c.sessionId()), pollInterval, c.workspaceId());
        });
  }

  /**
   * A caller's bearer replaces the server's credentials entirely (never both: Airbyte would refuse
   * the mix). The caller's workspace header is kept apart (see {@link
   * AirbyteCloud#resolveWorkspace}) so its origin is known.
   */
  CloudSettings settingsFor(CloudCaller caller) {
    CloudSettings s = serverSettings;
    boolean ownToken = caller.bearerToken().isPresent();
    return new CloudSettings(
        ownToken ? Optional.empty() : s.clientId(),
        ownToken ? Optional.empty() : s.clientSecret(),
        ownToken ? caller.bearerToken() : s.bearerToken(),
        s.workspaceId(),
        s.organizationId(),
        s.apiUrl(),
        s.configApiUrl());
  }

  private static void trim(Map<?, ?> map) {
    if (map.size() >= MAX_SESSIONS) {
      map.clear();
    }
  }
}
