package airbytemcp.network;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.IDN;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

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
  /** A {@code ${dotted.config.path}} in an entry; group 1 is the path. */
  static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

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
    ConfigLeaves.forEach(config, false, values::put);
    List<String> patterns = new ArrayList<>();
    List<String> unresolved = new ArrayList<>();
    for (JsonNode entry : registryEntry.path("hosts")) {
      String template = entry.asText();
      Matcher m = PLACEHOLDER.matcher(template);
      StringBuilder out = new StringBuilder();
      boolean complete = true;
      while (m.find()) {
        // a value that is no plain host (or URL of one) fills nothing: what a URL parser makes of
        // "x#://[y:]" or "x\\y" is another host than the one a text cut gives
        String value = hostOf(values.get(m.group(1).strip()));
        complete &= value != null;
        m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
      }
      m.appendTail(out);
      String pattern = complete ? hostPart(out.toString()).toLowerCase(Locale.ROOT) : "";
      if (pattern.endsWith(".")) {
        pattern = pattern.substring(0, pattern.length() - 1);
      }
      if (complete && !pattern.isEmpty()) {
        patterns.add(pattern);
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

  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");
  private static final Pattern HOST_NAME =
      Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\\.?");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+");

  /**
   * The host a config value names, as a URL parser reads it: {@code
   * https://user:pw@Api.Example.com: 8443/v1}, {@code api.example.com/v1} and {@code
   * api.example.com} all give {@code api.example.com}. Null when the value holds anything but a
   * host name or an address literal (after an optional scheme, user info, port and path): such a
   * value could make a pattern name one host while the URL built from the same value goes to
   * another.
   */
  static String hostOf(String value) {
    if (value == null) {
      return null;
    }
    String s = value.strip();
    Matcher scheme = SCHEME.matcher(s);
    if (scheme.find()) {
      s = s.substring(scheme.end());
    }
    int end = s.length();
    for (char c : new char[] {'/', '?', '#', '\\'}) {
      int at = s.indexOf(c);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    String authority = s.substring(0, end);
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    String host;
    String port;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        return null;
      }
      host = authority.substring(1, close);
      String rest = authority.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        return null;
      }
      port = rest.isEmpty() ? "" : rest.substring(1);
      if (!host.contains(":")) {
        return null;
      }
    } else {
      int colon = authority.indexOf(':');
      if (colon >= 0 && authority.indexOf(':', colon + 1) >= 0) {
        host = authority; // a bare IPv6 address
        port = "";
      } else {
        host = colon < 0 ? authority : authority.substring(0, colon);
        port = colon < 0 ? "" : authority.substring(colon + 1);
      }
    }
    if (!port.isEmpty() && !port.matches("\\d{1,5}")) {
      return null;
    }
    String h;
    try {
      h = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (h.contains(":")) {
      return IPV6.matcher(h).matches() && HttpUrl.parse("http://[" + h + "]/") != null ? h : null;
    }
    return HOST_NAME.matcher(h).matches() ? h : null;
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
