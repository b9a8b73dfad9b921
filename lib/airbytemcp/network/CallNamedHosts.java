package airbytemcp.network;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The hosts a run's config names by the call's own choice, held back while the config carries a
 * secret. A config comes from the agent's call, and a connector often builds its URL from it
 * ({@code ${domain}} in a registry entry's {@code allowedHosts}, a manifest's {@code url_base: "{{
 * config['base_url'] }}"}): an injected agent could name a host of its own beside a {@code
 * secret_reference::} and have the connector send the secret there. A host is the user's choice,
 * and not held, when the value naming it is, as a whole, one the user supplied (from the dotenv
 * file; a value that merely contains one is the call's) or one {@code fromUser} accepts (the spec's
 * default or one of its listed values). A subdomain of a held host is held too: a connector may put
 * a label before the value ({@code api.{{ config['domain'] }}}).
 */
public record CallNamedHosts(Set<String> hosts) {
  public static final CallNamedHosts NONE = new CallNamedHosts(Set.of());

  /**
   * Where a value holding several hosts or settings divides them: lists ({@code a:27017,b:27017}),
   * driver options and query strings ({@code socksProxyHost=x.example&port=1080}), quoted JSON, and
   * a backslash, which most URL parsers read as a slash while Python's reads on to the host after
   * the user info ({@code https://db.internal\@x.example/} goes to x.example).
   */
  private static final Pattern PARTS = Pattern.compile("[\\s,;&|=?\"'<>(){}\\[\\]\\\\]+");

  /**
   * @param userValue whether a value is, as a whole, one the user supplied (a dotenv value, a
   *     resolved secret); a config with none carries no secret of the user's
   * @param fromUser whether the value at a dotted config path is not the call's own choice
   */
  public static CallNamedHosts of(
      JsonNode config, Predicate<String> userValue, BiPredicate<String, String> fromUser) {
    return of(config, userValue, fromUser, false);
  }

  /**
   * @param secretsHeldElsewhere whether the connector holds secrets the config does not carry (an
   *     actor deployed on Airbyte keeps its stored ones through a config update), so the hosts are
   *     held whether or not the config carries a secret
   */
  public static CallNamedHosts of(
      JsonNode config,
      Predicate<String> userValue,
      BiPredicate<String, String> fromUser,
      boolean secretsHeldElsewhere) {
    if (config == null) {
      return NONE;
    }
    List<Map.Entry<String, String>> values = new ArrayList<>();
    ConfigLeaves.forEach(config, true, (path, value) -> values.add(Map.entry(path, value)));
    if (!secretsHeldElsewhere && values.stream().noneMatch(v -> userValue.test(v.getValue()))) {
      return NONE;
    }
    Set<String> hosts = new HashSet<>();
    for (Map.Entry<String, String> v : values) {
      if (!userValue.test(v.getValue()) && !fromUser.test(v.getKey(), v.getValue())) {
        addHosts(v.getValue(), hosts, isHostField(v.getKey()));
      }
    }
    return new CallNamedHosts(Set.copyOf(hosts));
  }

  /**
   * Every host the value at a dotted config path could name (see {@link #addHosts}), whoever chose
   * it.
   */
  static Set<String> hostsIn(String path, String value) {
    Set<String> hosts = new HashSet<>();
    addHosts(value, hosts, isHostField(path));
    return hosts;
  }

  /** Whether the field at a dotted config path is named for a host. */
  static boolean isHostField(String path) {
    return HOST_FIELD.matcher(fieldName(path)).matches();
  }

  /** A field named for a host by its last word: {@code host}, {@code domain}, {@code api_url}. */
  private static final Pattern HOST_FIELD =
      Pattern.compile(
          "(.*[_-])?(host|hostname|host_?name|domain|server|servers|endpoint|url|uri|address|ip)");

  /** The last name of a dotted config path, in lower case: {@code api_url} of {@code a.API_URL}. */
  static String fieldName(String path) {
    return path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
  }

  /**
   * Whether the connector's spec itself offers the value at a dotted config path (its default or
   * one of its listed values): the connector's author chose that host, not the call.
   *
   * @param connectionSpecification the spec's JSON schema of the config
   */
  public static boolean specOffers(JsonNode connectionSpecification, String path, String value) {
    List<JsonNode> schemas = List.of(connectionSpecification);
    for (String name : path.split("\\.")) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode schema : schemas) {
        for (JsonNode branch : branches(schema)) {
          JsonNode property = branch.path("properties").path(name);
          if (!property.isMissingNode()) {
            next.add(property);
          }
        }
      }
      schemas = next;
    }
    for (JsonNode schema : schemas) {
      for (JsonNode branch : branches(schema)) {
        for (String word : new String[] {"default", "const"}) {
          JsonNode offered = branch.get(word);
          if (offered != null && offered.isValueNode() && offered.asText().equals(value)) {
            return true;
          }
        }
        for (JsonNode offered : branch.path("enum")) {
          if (offered.asText().equals(value)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * A schema and what a value under it may also be described by: its oneOf and anyOf branches (an
   * auth type's const lives in one) and an array's items (a config path does not name them).
   */
  private static List<JsonNode> branches(JsonNode schema) {
    List<JsonNode> all = new ArrayList<>();
    List<JsonNode> pending = new ArrayList<>(List.of(schema));
    while (!pending.isEmpty() && all.size() < MAX_BRANCHES) {
      JsonNode s = pending.remove(pending.size() - 1);
      all.add(s);
      s.path("oneOf").forEach(pending::add);
      s.path("anyOf").forEach(pending::add);
      if (s.path("items").isObject()) {
        pending.add(s.path("items"));
      }
    }
    return all;
  }

  /** Schemas read for one field at most: a spec's branches are few, a hostile one's need not be. */
  private static final int MAX_BRANCHES = 256;

  /**
   * Whether a connection to {@code host} would go where the call's config pointed it: to a held
   * host or to a name under one.
   */
  public boolean names(String host) {
    String h = normal(host);
    if (hosts.contains(h)) {
      return true;
    }
    // only under a held name of two labels or more: a value such as "de" or "io" (a language, a
    // region) is no host, and would otherwise hold every host of that top-level domain
    for (int dot = h.indexOf('.'); dot >= 0; dot = h.indexOf('.', dot + 1)) {
      String parent = h.substring(dot + 1);
      if (parent.indexOf('.') > 0 && hosts.contains(parent)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every host the value could name, read the ways a connector may read it: as the config value
   * {@code allowedHosts} takes, and as what a URL parser makes of it alone or after a scheme; and
   * so each of its parts. Wider is safer here: a host held by mistake costs a listed name, one
   * missed costs the secret.
   *
   * @param surelyAHost whether the field is named for a host, so that its numbers are an address
   *     ({@code 3405803783} is 203.0.113.7), not an id, a coordinate or a time
   */
  private static void addHosts(String value, Set<String> hosts, boolean surelyAHost) {
    addHostsOfPart(value, hosts, surelyAHost);
    for (String part : PARTS.split(value)) {
      if (part.isEmpty()) {
        continue;
      }
      addHostsOfPart(part, hosts, surelyAHost);
      // a scheme no URL parser knows (SASL_SSL://x:9092, jdbc:mysql://x/db) still leaves the host
      // to a client that reads past it
      int scheme = part.indexOf("://");
      if (scheme >= 0) {
        addHostsOfPart(part.substring(scheme + 3), hosts, true);
      }
    }
  }

  private static void addHostsOfPart(String value, Set<String> hosts, boolean surelyAHost) {
    String host = AllowedHosts.hostOf(value);
    if (host != null) {
      hosts.add(normal(host));
      // so are numbers with a scheme, port or path around them: 203.0.7:8443 is 203.0.0.7
      if (surelyAHost || !host.equals(value.strip().toLowerCase(Locale.ROOT))) {
        UnwatchedEgress.numericAddress(host, true).ifPresent(a -> hosts.add(a.getHostAddress()));
      }
    }
    for (String url : new String[] {value.strip(), "https://" + value.strip()}) {
      HttpUrl parsed = HttpUrl.parse(url);
      // a name holding a separator is none a resolver finds (socksProxyHost=x&port=1); its parts
      // are read on their own
      if (parsed != null && !PARTS.matcher(parsed.host()).find()) {
        hosts.add(normal(parsed.host()));
      }
    }
  }

  private static String normal(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
