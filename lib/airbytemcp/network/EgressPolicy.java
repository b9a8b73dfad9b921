package airbytemcp.network;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a connection from a connector run in this process may go to a host at an address. Checked
 * on the resolved address right before a socket opens, so a name that resolves (or re-resolves)
 * somewhere else cannot get around it:
 *
 * <ul>
 *   <li>link-local and cloud-metadata addresses (and the metadata host names) are always refused;
 *   <li>loopback and private addresses only when the user lists the name or the address ({@link
 *       EgressRules});
 *   <li>for a registry connector with {@code allowedHosts}, only hosts those allow, or that the
 *       user listed;
 *   <li>while the run's config carries a secret, no host the call's config named, unless the user
 *       listed it ({@link CallNamedHosts}).
 * </ul>
 *
 * @param allowedHosts null when the connector is not limited to a host list
 * @param callNamed hosts held back because the call chose them beside a secret
 */
public record EgressPolicy(EgressRules rules, AllowedHosts allowedHosts, CallNamedHosts callNamed) {
  public EgressPolicy(EgressRules rules, AllowedHosts allowedHosts) {
    this(rules, allowedHosts, CallNamedHosts.NONE);
  }

  private static final Set<String> METADATA_NAMES =
      Set.of(
          "metadata.google.internal",
          "metadata.goog",
          "metadata",
          "instance-data",
          "instance-data.ec2.internal",
          "metadata.azure.com",
          "metadata.tencentyun.com");

  /** Whether {@code host} (lower case, no trailing dot) is a cloud metadata service's name. */
  static boolean isMetadataName(String host) {
    return METADATA_NAMES.contains(host);
  }

  public static EgressPolicy of(EgressRules rules) {
    return new EgressPolicy(rules, null);
  }

  /** Refusals that need no address: metadata names and hosts outside the allowed list. */
  public void checkName(String host) throws EgressRefused {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (METADATA_NAMES.contains(h)) {
      throw new EgressRefused(
          "Connections to " + host + " are refused: it is a cloud metadata service.");
    }
    if (callNamed.names(h) && !rules.listsName(h)) {
      throw new EgressRefused(
          "Connections to "
              + host
              + " are refused: the call's config names this host while it carries a secret, so a "
              + "prompt-injected agent could have the secret sent to a host of its own. If "
              + host
              + " is yours, list it in AIRBYTE_MCP_EGRESS_HOSTS in the server's settings, or put it in "
              + "your dotenv file and pass it as secret_reference::NAME.");
    }
    if (allowedHosts != null && !allowedHosts.allows(h) && !rules.listsName(h)) {
      throw new EgressRefused(
          "Connections to "
              + host
              + " are refused: the connector's registry allowedHosts "
              + "only allow "
              + allowedHosts.patterns()
              + (allowedHosts.unresolved().isEmpty()
                  ? ""
                  : " (the config fills none of " + allowedHosts.unresolved() + ")")
              + ".");
    }
  }

  /** The full check for a connection to {@code host} at {@code address}. */
  public void check(String host, InetAddress address) throws EgressRefused {
    String name = host == null || host.isEmpty() ? address.getHostAddress() : host;
    checkName(name);
    switch (AddressKind.of(address)) {
      case METADATA ->
          throw new EgressRefused(
              "Connections to "
                  + name
                  + " are refused: its address "
                  + address.getHostAddress()
                  + " is link-local or a cloud metadata service.");
      case LOCAL -> {
        if (!rules.listsName(name) && !rules.listsAddress(address)) {
          throw new EgressRefused(
              "Connections to "
                  + name
                  + " are refused: its address "
                  + address.getHostAddress()
                  + " is loopback or private, and AIRBYTE_MCP_EGRESS_HOSTS does not list it.");
        }
      }
      case PUBLIC -> {}
    }
  }
}
