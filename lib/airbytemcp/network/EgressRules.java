package airbytemcp.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The user's egress grants ({@code AIRBYTE_MCP_EGRESS_HOSTS}): host names and CIDR blocks (or
 * single addresses) that connectors run in this process may reach although they are loopback or
 * private, on top of a registry connector's own {@code allowedHosts}. Link-local and cloud-metadata
 * addresses stay refused whatever is listed.
 */
public record EgressRules(List<String> hostNames, List<Cidr> blocks) {
  /** No grants: only public addresses are reachable. */
  public static final EgressRules NONE = new EgressRules(List.of(), List.of());

  /** An address block. */
  public record Cidr(byte[] network, int prefix) {
    boolean contains(InetAddress address) {
      byte[] a = address.getAddress();
      if (a.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (a[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (a[full] & mask) == (network[full] & mask);
    }
  }

  /**
   * Parses a comma list such as {@code 127.0.0.1,localhost,10.0.0.0/8,::1}.
   *
   * @throws IllegalArgumentException naming the entry that is neither a host name nor an address
   *     block
   */
  public static EgressRules parse(String csv) {
    if (csv == null || csv.isBlank()) {
      return NONE;
    }
    List<String> names = new ArrayList<>();
    List<Cidr> blocks = new ArrayList<>();
    for (String raw : csv.split(",")) {
      String entry = raw.strip().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.startsWith("[") && entry.endsWith("]")) {
        entry = entry.substring(1, entry.length() - 1);
      }
      int slash = entry.indexOf('/');
      String address = slash < 0 ? entry : entry.substring(0, slash);
      if (isAddressLiteral(address)) {
        byte[] bytes = literal(address, raw);
        int prefix = bytes.length * 8;
        if (slash >= 0) {
          try {
            prefix = Integer.parseInt(entry.substring(slash + 1));
          } catch (NumberFormatException e) {
            prefix = -1;
          }
          if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("'" + raw.strip() + "' has no valid prefix length");
          }
        }
        blocks.add(new Cidr(bytes, prefix));
      } else if (slash < 0 && entry.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
        names.add(entry);
      } else {
        throw new IllegalArgumentException(
            "'" + raw.strip() + "' is neither a host name nor an address block");
      }
    }
    return new EgressRules(List.copyOf(names), List.copyOf(blocks));
  }

  /** The rules as a comma list {@link #parse} reads back (to hand them to a driver as text). */
  public String spec() {
    List<String> entries = new ArrayList<>(hostNames);
    for (Cidr b : blocks) {
      try {
        entries.add(InetAddress.getByAddress(b.network()).getHostAddress() + "/" + b.prefix());
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e); // a 4- or 16-byte address always converts
      }
    }
    return String.join(",", entries);
  }

  public boolean listsName(String host) {
    return host != null && hostNames.contains(host.toLowerCase(Locale.ROOT));
  }

  public boolean listsAddress(InetAddress address) {
    return blocks.stream().anyMatch(b -> b.contains(address));
  }

  static boolean isAddressLiteral(String s) {
    return s.contains(":") || s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  private static byte[] literal(String address, String raw) {
    if (!address.matches("[0-9a-f:.]+")) {
      throw new IllegalArgumentException("'" + raw.strip() + "' is not an IP address");
    }
    try {
      return InetAddress.getByName(address).getAddress(); // a literal: no lookup happens
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + raw.strip() + "' is not an IP address");
    }
  }
}
