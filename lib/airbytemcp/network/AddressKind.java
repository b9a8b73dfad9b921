package airbytemcp.network;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;

/** What an IP address reaches, as far as egress rules care. */
public enum AddressKind {
  /** Cloud instance metadata and link-local addresses (credentials live there): never reachable. */
  METADATA,
  /**
   * Loopback, private, shared (CGNAT), unique-local and unspecified addresses: reachable only when
   * listed.
   */
  LOCAL,
  PUBLIC;

  /** Metadata services outside 169.254/16: Alibaba, AWS over IPv6, Oracle/OpenStack classic. */
  private static final Set<String> METADATA_ADDRESSES =
      Set.of("100.100.100.200", "fd00:ec2:0:0:0:0:0:254", "192.0.0.192");

  public static AddressKind of(InetAddress address) {
    InetAddress a = embeddedIpv4(address);
    if (METADATA_ADDRESSES.contains(a.getHostAddress()) || a.isLinkLocalAddress()) {
      return METADATA;
    }
    if (a.isAnyLocalAddress()
        || a.isLoopbackAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return LOCAL;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 0
          || first >= 240 // "this network" and reserved
          || (first == 100 && second >= 64 && second < 128) // shared address space (CGNAT)
          || (first == 198 && (second == 18 || second == 19)) // benchmarking
          || (first == 192 && second == 0 && (b[2] & 0xff) == 0)) { // IETF protocol assignments
        return LOCAL;
      }
    } else if ((b[0] & 0xfe) == 0xfc) { // unique local fc00::/7
      return LOCAL;
    }
    return PUBLIC;
  }

  /**
   * The IPv4 address inside an IPv4-compatible (::a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) IPv6
   * address.
   */
  private static InetAddress embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address;
    }
    byte[] b = address.getAddress();
    boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
    boolean compatible = true;
    for (int i = nat64 ? 4 : 0; i < 12; i++) {
      compatible &= b[i] == 0;
    }
    if (!compatible || (!nat64 && b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xff) <= 1)) {
      return address; // ::, ::1 and ordinary IPv6 addresses stay as they are
    }
    try {
      return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
    } catch (UnknownHostException e) {
      return address;
    }
  }
}
