package airbytemcp.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.net.InternetDomainName;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The call-named-host rule ({@link CallNamedHosts}) for a connector whose connections this process
 * cannot see: a Docker container, a Python program, or a connector Airbyte runs for a deployed
 * source or destination. It is decided from the config before the connector starts or the config is
 * sent, on the hosts the registry entry's {@code allowedHosts} builds from config values ({@code
 * ${domain}}, {@code ${host}}): while the connector has a secret to send (in the config, or stored
 * with a deployed actor), none of them may be a host on the internet the call chose, and none may
 * be filled with a value that is no plain host name (the connector builds its URL from the raw
 * value, which may go elsewhere). And since any field may name a host the connector reaches, every
 * value the call chose that reads as a host on the internet is held too, unless the entry names
 * that host without the config ({@code api.stripe.com}, {@code *.auth0.com}). A cloud metadata
 * service is refused in any value, with or without a secret.
 *
 * @param registryAllowedHosts the entry's {@code allowedHosts} object, or null
 */
public record UnwatchedEgress(EgressRules rules, JsonNode registryAllowedHosts) {
  /** What a refusal's hint says. */
  public static final String HINT =
      "A host the user chose goes in AIRBYTE_MCP_EGRESS_HOSTS or the dotenv file; a host only the "
          + "conversation named should not receive the user's secrets.";

  private static final Pattern LABELS =
      Pattern.compile(
          "[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*");

  /**
   * @param userValue whether a value is, as a whole, one the user supplied (a dotenv value, a
   *     resolved secret)
   * @param fromUser whether the value at a dotted config path is not the call's own choice
   * @throws EgressRefused naming the host or the field, and what the user can do
   */
  public void check(
      JsonNode config, Predicate<String> userValue, BiPredicate<String, String> fromUser)
      throws EgressRefused {
    check(config, userValue, fromUser, false);
  }

  /**
   * @param secretsHeldElsewhere whether the connector holds secrets the config does not carry (see
   *     {@link CallNamedHosts#of(JsonNode, Predicate, BiPredicate, boolean)})
   */
  public void check(
      JsonNode config,
      Predicate<String> userValue,
      BiPredicate<String, String> fromUser,
      boolean secretsHeldElsewhere)
      throws EgressRefused {
    refuseMetadataServices(config);
    if (!takesAnyHost()) {
      refuseHostsTheEntryBuildsFromTheCall(config, userValue, fromUser, secretsHeldElsewhere);
    }
    // out of sight, a connector reaches what its config says, and a config can say it in more
    // places than the entry reads: a connection string in a oneOf branch a placeholder misses, a
    // proxy among driver options (jdbc_url_params), an api_url beside fixed hosts
    refusePublicHostsTheCallNamed(config, userValue, fromUser, secretsHeldElsewhere);
  }

  /**
   * A cloud metadata service hands out the credentials of the machine the connector runs on (the
   * user's, or Airbyte's nodes for a deployed one) to any program that asks, secret in the config
   * or not: no config value may name one, whoever chose it. The server's own connections refuse
   * these at the socket; a connector out of sight has only this check.
   */
  private static void refuseMetadataServices(JsonNode config) throws EgressRefused {
    if (config == null) {
      return;
    }
    // a list: an array's items share their path
    List<Map.Entry<String, String>> leaves = new ArrayList<>();
    ConfigLeaves.forEach(config, true, (path, value) -> leaves.add(Map.entry(path, value)));
    for (Map.Entry<String, String> leaf : leaves) {
      String path = leaf.getKey();
      String whole = leaf.getValue().strip().toLowerCase(Locale.ROOT);
      for (String host : CallNamedHosts.hostsIn(path, leaf.getValue())) {
        // a bare word (a stream or table called "metadata") is no host unless the field is one
        if (isMetadataService(host, CallNamedHosts.isHostField(path) || !host.equals(whole))) {
          throw new EgressRefused(
              "The config's "
                  + path
                  + " names "
                  + host
                  + ", a cloud metadata service or link-local address: a connector that reaches it "
                  + "is handed the credentials of the machine it runs on. No connector may connect "
                  + "there, whoever lists it.");
        }
      }
    }
  }

  /**
   * Whether a host is a metadata service's name or address (link-local included).
   *
   * @param surelyAHost whether the value is known to name a host (see {@link #numericAddress})
   */
  static boolean isMetadataService(String host, boolean surelyAHost) {
    if (EgressPolicy.isMetadataName(host)) {
      return host.contains(".") || surelyAHost;
    }
    Optional<InetAddress> address = numericAddress(host, surelyAHost);
    if (address.isEmpty() && host.contains(":")) {
      address = ipv6Literal(host);
    }
    return address.map(a -> AddressKind.of(a) == AddressKind.METADATA).orElse(false);
  }

  /**
   * The hosts the entry builds from config values: none may be a host on the internet the call
   * chose, and a value filling one must be a plain host name (refused naming the field).
   */
  private void refuseHostsTheEntryBuildsFromTheCall(
      JsonNode config,
      Predicate<String> userValue,
      BiPredicate<String, String> fromUser,
      boolean secretsHeldElsewhere)
      throws EgressRefused {
    CallNamedHosts named = CallNamedHosts.of(config, userValue, fromUser, secretsHeldElsewhere);
    if (named.hosts().isEmpty()) {
      return; // no secret to send, or every value is the user's
    }
    AllowedHosts allowed = AllowedHosts.resolve(registryAllowedHosts, config);
    for (String host : allowed.patterns()) {
      // a private or loopback host keeps the secret on the user's own machine or network
      // the entry makes a host of it, so numbers such as 203.0.7 are an address, not a version
      if (named.names(host)
          && isPublic(host, true)
          && !rules.listsName(host)
          && !entryNamesItself(host)) {
        throw refusedHost(host);
      }
    }
    Map<String, String> values = new HashMap<>();
    ConfigLeaves.forEach(config, false, values::put);
    for (JsonNode entry : registryAllowedHosts.path("hosts")) {
      String template = entry.asText().strip();
      Matcher m = AllowedHosts.PLACEHOLDER.matcher(template);
      while (m.find()) {
        String path = m.group(1).strip();
        String value = values.get(path);
        if (value == null || userValue.test(value) || fromUser.test(path, value)) {
          continue;
        }
        // a whole host may come as a URL (its host is checked above); a part of one must be
        // labels only, or "x.example#" in "${subdomain}.vendor.example" sends the connector to
        // x.example while the filled pattern names the vendor
        boolean whole = m.start() == 0 && m.end() == template.length();
        if (whole ? AllowedHosts.hostOf(value) == null : !LABELS.matcher(value).matches()) {
          throw new EgressRefused(
              "The config's "
                  + path
                  + " is not a plain host name, while the connector builds the host it connects "
                  + "to from it ("
                  + template
                  + ") and has a secret to send. Give "
                  + path
                  + (whole
                      ? " as a host name, e.g. api.example.com."
                      : " as a name only, e.g. acme."));
        }
      }
    }
  }

  /**
   * An entry without {@code allowedHosts}, with none listed, or with {@code *} among them: no field
   * is known to be a host (and outside Airbyte's platform nothing holds the connector to none).
   */
  private boolean takesAnyHost() {
    JsonNode hosts = registryAllowedHosts == null ? null : registryAllowedHosts.path("hosts");
    if (hosts == null || !hosts.isArray() || hosts.isEmpty()) {
      return true;
    }
    for (JsonNode entry : registryAllowedHosts.path("hosts")) {
      if (entry.asText().strip().equals("*")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the entry names {@code host} without the config ({@code api.stripe.com}, {@code
   * *.auth0.com}): the connector goes there whatever the call says. A wildcard stays within the
   * vendor's registrable domain: {@code *}, {@code *}{@code /API} (a path, leaving {@code *}),
   * {@code www.vendor.*} and {@code *.s3.amazonaws.com} (a public suffix) name no host, and {@code
   * sqs.*.amazonaws.com} not a bucket's {@code sqs.x.s3.amazonaws.com}, which anyone can hold.
   */
  private boolean entryNamesItself(String host) {
    JsonNode entries = registryAllowedHosts == null ? null : registryAllowedHosts.path("hosts");
    if (entries == null) {
      return false;
    }
    for (JsonNode entry : entries) {
      String template = entry.asText().strip();
      if (AllowedHosts.PLACEHOLDER.matcher(template).find()) {
        continue; // built from the config: the call's to choose
      }
      String pattern = AllowedHosts.hostPart(template).toLowerCase(Locale.ROOT);
      if (!pattern.contains("*")) {
        if (pattern.equals(host)) {
          return true;
        }
        continue;
      }
      String vendor = registrableDomain(pattern.substring(pattern.lastIndexOf('*') + 1));
      if (vendor != null
          && vendor.equals(registrableDomain(host))
          && new AllowedHosts(List.of(pattern), List.of()).allows(host)) {
        return true;
      }
    }
    return false;
  }

  /** The registrable domain of {@code .vendor.com} or {@code x.vendor.com}; null for none. */
  private static String registrableDomain(String name) {
    String n = name.startsWith(".") ? name.substring(1) : name;
    HttpUrl url = n.isEmpty() ? null : HttpUrl.parse("https://" + n + "/");
    return url == null ? null : url.topPrivateDomain();
  }

  /**
   * Every value the call chose that reads as a host on the internet (a registrable domain or a
   * public address), or holds one among its parts, is held unless the entry names that host itself:
   * {@code https://x.example.com}, {@code x.example.com:9200}, {@code user@x.example.com}, {@code
   * socksProxyHost=x.example.com&socksProxyPort=1080}. A name or address in a field named for a
   * person ({@code email}, {@code username}, {@code login}) is not, as long as it is all the value
   * says: connectors do not connect there, and such fields often hold {@code me@company.com}. But a
   * connector may join such a field into a URL ({@code sftp://{user}:{password}@{host}/}), where
   * {@code collector.example.com/} in it ends the authority before the password, so a value with
   * more after its name is read like any other. A single label ({@code postgres}), a private name
   * or address ({@code db.internal}, {@code 10.0.0.5}) or a file name ({@code data.csv}) is no host
   * an outsider could hold.
   */
  private void refusePublicHostsTheCallNamed(
      JsonNode config,
      Predicate<String> userValue,
      BiPredicate<String, String> fromUser,
      boolean secretsHeldElsewhere)
      throws EgressRefused {
    CallNamedHosts named =
        CallNamedHosts.of(
            config,
            userValue,
            (path, value) ->
                (namesAPerson(path) && PLAIN_PERSON.matcher(value.strip()).matches())
                    || fromUser.test(path, value),
            secretsHeldElsewhere);
    for (String host : new TreeSet<>(named.hosts())) {
      if (isPublic(host, false) && !rules.listsName(host) && !entryNamesItself(host)) {
        throw refusedHost(host);
      }
    }
  }

  /**
   * A field named for a person by its last word: {@code email}, {@code admin_email}, {@code
   * username}, {@code login}; not {@code user_info_url}, where an OAuth connector sends its token.
   */
  private static boolean namesAPerson(String path) {
    return PERSON_FIELD.matcher(CallNamedHosts.fieldName(path)).matches();
  }

  private static final Pattern PERSON_FIELD =
      Pattern.compile("(.*[_-])?(e_?mail|user|user_?name|login|login_?name)");

  /**
   * A person's name or address as it is ({@code jo}, {@code jo.smith}, {@code jo@company.com}):
   * nothing a URL parser reads as a port, path, query, fragment or second user part.
   */
  private static final Pattern PLAIN_PERSON =
      Pattern.compile("[^@/:?#\\\\\\s]*(@[A-Za-z0-9_.-]+)?");

  /**
   * File types that are no top-level domain: a name ending in one is a file, not a host. (Names
   * ending in an unknown label count as registrable in the public suffix rules, and some file
   * types, {@code .zip} or {@code .py}, are real top-level domains, so those stay hosts.)
   */
  private static final Set<String> FILE_TYPES =
      Set.of(
          "csv", "tsv", "json", "jsonl", "ndjson", "txt", "xml", "yaml", "yml", "parquet", "avro",
          "gz", "xls", "xlsx", "sql", "db", "duckdb", "log", "pdf");

  /** Top-level names no outsider can hold (special-use and private-network names). */
  private static final Set<String> PRIVATE_TOP_LEVELS =
      Set.of("localhost", "local", "internal", "lan", "home", "test", "invalid", "example");

  /** Four numbers: an IPv4 address when {@link #numericAddress} reads it, else a malformed one. */
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /**
   * Whether an outsider could receive what is sent to {@code host}.
   *
   * @param surelyAHost whether the value is known to name a host, so that {@code 203.0.7} is read
   *     as a resolver reads it (203.0.0.7) rather than as a version number
   */
  private static boolean isPublic(String host, boolean surelyAHost) {
    Optional<InetAddress> numeric = numericAddress(host, surelyAHost);
    if (numeric.isPresent()) {
      return AddressKind.of(numeric.get()) == AddressKind.PUBLIC;
    }
    // a malformed address is held: what a connector's resolver makes of it is unknown
    if (IPV4.matcher(host).matches()) {
      return true;
    }
    if (host.contains(":")) {
      return ipv6Literal(host).map(a -> AddressKind.of(a) == AddressKind.PUBLIC).orElse(true);
    }
    String top = host.substring(host.lastIndexOf('.') + 1);
    if (FILE_TYPES.contains(top) || PRIVATE_TOP_LEVELS.contains(top)) {
      return false;
    }
    // a name whose last label is no top-level domain of the public suffix list (public.users,
    // oauth2.0, en_us.utf-8, $.data.items) is one no outsider can register
    if (!isTopLevelDomain(top)) {
      return false;
    }
    HttpUrl url = HttpUrl.parse("https://" + host + "/");
    if (url == null || url.topPrivateDomain() != null) {
      return true; // a name under a public suffix, or one no URL parser reads: held
    }
    // a name that is itself a public suffix: a wildcard rule (*.compute-1.amazonaws.com) makes
    // every EC2 host name one, and anyone can rent those; a single label names no internet host
    return host.contains(".");
  }

  private static boolean isTopLevelDomain(String label) {
    try {
      return InternetDomainName.from(label).isPublicSuffix();
    } catch (IllegalArgumentException e) {
      return false; // numbers, or chars no top-level domain has
    }
  }

  private static final Pattern NUMERIC_HOST =
      Pattern.compile(
          "(0x[0-9a-f]+|[0-9]+)(\\.(0x[0-9a-f]+|[0-9]+)){0,3}", Pattern.CASE_INSENSITIVE);

  /**
   * The IPv4 address C's {@code inet_aton} reads in a host of numbers, which is what a connector's
   * resolver does with {@code 3405803783}, {@code 0xcb007107}, {@code 0313.0.0161.07} or {@code
   * 203.28935}: one to four parts, each decimal, octal (a leading 0) or hex, the last filling the
   * bytes left. Unless {@code surelyAHost}, fewer than four decimal parts are an id, a version, a
   * time or a coordinate ({@code 123456789}, {@code 3.11}, {@code 1651363200}, {@code 45.7603}),
   * not an address.
   */
  static Optional<InetAddress> numericAddress(String host, boolean surelyAHost) {
    if (!NUMERIC_HOST.matcher(host).matches()) {
      return Optional.empty();
    }
    String[] parts = host.split("\\.");
    long[] values = new long[parts.length];
    boolean spelled = false; // a form no id or version takes: hex or octal
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].toLowerCase(Locale.ROOT);
      try {
        if (part.startsWith("0x")) {
          values[i] = part.length() == 2 ? 0 : Long.parseLong(part.substring(2), 16);
          spelled = true;
        } else if (part.length() > 1 && part.startsWith("0")) {
          values[i] = Long.parseLong(part.substring(1), 8);
          spelled = true;
        } else {
          values[i] = Long.parseLong(part);
        }
      } catch (NumberFormatException e) {
        return Optional.empty(); // 09, or too long for any address
      }
    }
    int last = parts.length - 1;
    long lastLimit = parts.length == 1 ? 0xFFFFFFFFL : (1L << (8 * (4 - last))) - 1;
    for (int i = 0; i < last; i++) {
      if (values[i] > 255) {
        return Optional.empty();
      }
    }
    if (values[last] > lastLimit || (!surelyAHost && parts.length < 4 && !spelled)) {
      return Optional.empty();
    }
    long address = values[last];
    for (int i = 0; i < last; i++) {
      address |= values[i] << (8 * (3 - i));
    }
    byte[] bytes = {
      (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address
    };
    try {
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      return Optional.empty(); // never for four bytes
    }
  }

  /** The address an IPv6 literal names, read without a name lookup; empty when it is none. */
  private static Optional<InetAddress> ipv6Literal(String host) {
    HttpUrl url = HttpUrl.parse("http://[" + host + "]/");
    try {
      // OkHttp checked the literal and wrote it canonically, which the JDK reads without a lookup
      return url == null ? Optional.empty() : Optional.of(InetAddress.getByName(url.host()));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static EgressRefused refusedHost(String host) {
    return new EgressRefused(
        "The connector would connect to "
            + host
            + ", a host the call's config names while the connector has a secret to send, so a "
            + "prompt-injected agent could have the secret sent to a host of its own. If "
            + host
            + " is yours, list it in AIRBYTE_MCP_EGRESS_HOSTS in the server's settings, or put "
            + "it in your dotenv file and pass it as secret_reference::NAME.");
  }
}
