package airbytemcp.server;

import airbytemcp.common.CallScope;
import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tool calls in flight, so {@code notifications/cancelled} stops the one it names. MCP Java SDK
 * 2.1.0 ignores that notification and does not tell a tool handler its request id; so the gates
 * (stdio and HTTP), which see every message first, tag each {@code tools/call} with a key of its
 * session and id in {@code params._meta} (overwriting whatever a client put there), and cancel the
 * call a notification names.
 */
final class InFlightCalls {
  /** Where the key travels in a tools/call's {@code _meta}. */
  static final String META_KEY = "dev.airbytemcp/call";

  private static final int REMEMBERED_EARLY_CANCELS = 256;

  private static final Map<String, CallScope> RUNNING = new ConcurrentHashMap<>();

  /**
   * Cancellations that arrived before their call reached its handler (the SDK dispatches on another
   * thread).
   */
  private static final Set<String> CANCELLED_EARLY =
      Collections.newSetFromMap(
          Collections.synchronizedMap(
              new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > REMEMBERED_EARLY_CANCELS;
                }
              }));

  private InFlightCalls() {}

  /**
   * The message to pass on: a tools/call tagged with its key (and what its tool needs readied, see
   * {@link ArrivingCalls}); anything else unchanged. A cancellation also cancels the call it names.
   */
  static String admit(String session, String text) {
    boolean call = text.contains("tools/call");
    boolean cancel = text.contains("notifications/cancelled");
    if (!call && !cancel) {
      return text;
    }
    JsonNode message;
    try {
      message = Json.MAPPER.readTree(text);
    } catch (IOException e) {
      return text;
    }
    String method = message.path("method").asText("");
    if (method.equals("tools/call")
        && message.hasNonNull("id")
        && message.path("params").isObject()) {
      ObjectNode params = (ObjectNode) message.get("params");
      ArrivingCalls.arriving(params.path("name").asText(""));
      JsonNode meta = params.get("_meta");
      ObjectNode tagged = meta instanceof ObjectNode object ? object : Json.object();
      tagged.put(META_KEY, key(session, message.get("id")));
      params.set("_meta", tagged);
      return Json.write(message);
    }
    if (method.equals("notifications/cancelled")
        && message.path("params").hasNonNull("requestId")) {
      cancel(key(session, message.path("params").get("requestId")));
    }
    return text;
  }

  /** Registers a running call under the key its request was tagged with (null when untagged). */
  static CallScope.Registration register(Object key, CallScope scope) {
    if (!(key instanceof String k)) {
      return () -> {};
    }
    boolean cancelledEarly;
    synchronized (RUNNING) { // with cancel(): a cancellation is either seen here or finds the call
      RUNNING.put(k, scope);
      cancelledEarly = CANCELLED_EARLY.remove(k);
    }
    if (cancelledEarly) {
      scope.cancel();
    }
    return () -> RUNNING.remove(k, scope);
  }

  static void cancel(String key) {
    CallScope scope;
    synchronized (RUNNING) {
      scope = RUNNING.get(key);
      if (scope == null) {
        CANCELLED_EARLY.add(key);
      }
    }
    if (scope != null) {
      scope.cancel();
    }
  }

  private static String key(String session, JsonNode id) {
    return (session == null ? "-" : session) + " " + id;
  }
}
