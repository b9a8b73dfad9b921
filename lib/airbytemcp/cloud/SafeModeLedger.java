package airbytemcp.cloud;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids of Cloud objects this server process created. With safe mode on, changing or deleting anything else
 * is refused before any request is made, so an agent can clean up after itself but never damage what it found.
 */
public final class SafeModeLedger {
  public static final String VARIABLE = "AIRBYTE_CLOUD_MCP_SAFE_MODE";

  private final boolean enabled;
  private final Set<String> created = ConcurrentHashMap.newKeySet();

  public SafeModeLedger(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean enabled() {
    return enabled;
  }

  public void recordCreated(String id) {
    if (id != null && !id.isBlank()) {
      created.add(id.strip());
    }
  }

  public boolean createdHere(String id) {
    return id != null && created.contains(id.strip());
  }

  /** Refuses an update or delete of {@code what} {@code id} unless safe mode is off or this process created it. */
  public void requireCreatedHere(String what, String id) {
    if (enabled && !createdHere(id)) {
      throw new CloudError(
          "Refusing to change " + what + " '" + id + "': it was not created by this server process, and "
              + VARIABLE + " is on (the default).",
          "Safe mode lets agents change and delete only what they created themselves. Ask the user to make this "
              + "change in Airbyte's web app, or to restart the server with " + VARIABLE + "=0 if they accept the risk.");
    }
  }
}
