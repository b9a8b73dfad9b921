package airbytemcp.cloud;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Cloud objects this server process (or HTTP session) created, each with its kind. With safe
 * mode on, changing or deleting anything else is refused before any request is made, so an agent
 * can clean up after itself but never damage what it found. Kinds are kept apart: a source id never
 * vouches for a connection.
 */
public final class SafeModeLedger {
  public static final String VARIABLE = "AIRBYTE_CLOUD_MCP_SAFE_MODE";

  private record Entry(CloudObject kind, String id) {}

  private final boolean enabled;
  private final Set<Entry> created = ConcurrentHashMap.newKeySet();

  public SafeModeLedger(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean enabled() {
    return enabled;
  }

  public void recordCreated(CloudObject kind, String id) {
    if (id != null && !id.isBlank()) {
      created.add(new Entry(kind, normal(id)));
    }
  }

  public boolean createdHere(CloudObject kind, String id) {
    return id != null && created.contains(new Entry(kind, normal(id)));
  }

  /**
   * Refuses an update or delete of a {@code kind} {@code id} unless safe mode is off or this
   * process created it.
   */
  public void requireCreatedHere(CloudObject kind, String id) {
    if (enabled && !createdHere(kind, id)) {
      throw new CloudError(
          "Refusing to change "
              + kind.label()
              + " '"
              + CloudIds.shown(id)
              + "': it was not created by this server "
              + "process, and "
              + VARIABLE
              + " is on (the default).",
          "Safe mode lets agents change and delete only what they created themselves. Ask the user to make this "
              + "change in Airbyte's web app, or to restart the server with "
              + VARIABLE
              + "=0 if they accept the risk.");
    }
  }

  private static String normal(String id) {
    return id.strip().toLowerCase(Locale.ROOT);
  }
}
