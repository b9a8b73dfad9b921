package airbytemcp.network;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Registry entries' {@code allowedHosts} objects, and the secret a config beside them carries. */
final class RegistryEntries {
  static final String SECRET = "pw-8d1f4c27b9e3";

  private RegistryEntries() {}

  /** An {@code allowedHosts} object listing these hosts. */
  static JsonNode allowing(String... hosts) {
    ObjectNode entry = Json.object();
    for (String host : hosts) {
      entry.withArray("hosts").add(host);
    }
    return entry;
  }
}
