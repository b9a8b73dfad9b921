package airbytemcp.network;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry connector's {@code allowedHosts}, with {@code ${dotted.config.path}} filled in from
 * the config the way Airbyte's platform does it: config values are reduced to their host part (no
 * scheme, credentials, port or path), entries left with an unfilled placeholder are dropped, and
 * {@code *} in an entry stands for any run of chars.
 *
 * @param patterns the host patterns a connection may use (lower case)
 * @param unresolved entries whose placeholders the config did not fill
 */
public record AllowedHosts(List<String> patterns, List<String> unresolved) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

  /**
   * @param registryEntry the {@code allowedHosts} object of the registry entry
   * @return null when the registry sets no hosts (Airbyte's "any host"), else the resolved list
   *     (empty: none)
   */
  public static AllowedHosts resolve(JsonNode registryEntry, JsonNode config) {
    if (registryEntry == null || !registryEntry.path("hosts").isArray()) {
      return null;
    }
    Map<String, String> values = new HashMap<>();
    flatten("", config, values);
    List<String> patterns = new ArrayList<>();
    List<String> unresolved = new ArrayList<>();
    for (JsonNode entry : registryEntry.path("hosts")) {
      String template = entry.asText();
      Matcher m = PLACEHOLDER.matcher(template);
      StringBuilder out = new StringBuilder();
      boolean complete = true;
      while (m.find()) {
        String value = values.get(m.group(1).strip());
        complete &= value != null && !value.isEmpty();
        m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
      }
      m.appendTail(out);
      if (complete) {
        patterns.add(hostPart(out.toString()).toLowerCase(Locale.ROOT));
      } else {
        unresolved.add(template);
      }
    }
    return new AllowedHosts(List.copyOf(patterns), List.copyOf(unresolved));
  }

  /** Whether a host name (or address literal) matches one of the patterns. */
  public boolean allows(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    for (String pattern : patterns) {
      if (pattern.equals("*")
          || pattern.equals(h)
          || (pattern.contains("*") && glob(pattern).matcher(h).matches())) {
        return true;
      }
    }
    return false;
  }

  private static Pattern glob(String pattern) {
    String[] parts = pattern.split("\\*", -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      regex.append(i > 0 ? ".+" : "").append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.toString());
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
      }
    } else if (node.isValueNode() && !node.isNull()) {
      out.put(prefix, hostPart(node.asText()));
    }
  }

  /**
   * {@code https://user:pw@api.example.com:8443/v1} and {@code api.example.com/v1} both give the
   * host only.
   */
  static String hostPart(String value) {
    String s = value.strip();
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    int slash = s.indexOf('/');
    if (slash >= 0) {
      s = s.substring(0, slash);
    }
    int at = s.lastIndexOf('@');
    if (at >= 0) {
      s = s.substring(at + 1);
    }
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      return close > 0 ? s.substring(1, close) : s;
    }
    int colon = s.indexOf(':');
    if (colon >= 0 && s.indexOf(':', colon + 1) < 0) {
      s = s.substring(0, colon);
    }
    return s;
  }
}
