package airbytemcp.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * An HTTP client whose every connection obeys an {@link EgressPolicy}, and whose redirects to
 * another site carry none of the request's own headers ({@link CrossSiteRedirects}).
 */
public final class GuardedHttp {
  private GuardedHttp() {}

  /**
   * {@code base} (sharing its pool and settings) with lookups that refuse early, sockets that check
   * the address they connect to, and headers that stay on the request's own site. A pooled
   * connection is only reused by clients with the same policy objects.
   */
  public static OkHttpClient guard(OkHttpClient base, EgressPolicy policy) {
    return guard(base, policy, new GuardedSocketFactory(policy));
  }

  static OkHttpClient guard(OkHttpClient base, EgressPolicy policy, GuardedSocketFactory sockets) {
    return base.newBuilder()
        .dns(new GuardedDns(policy, base.dns()))
        .socketFactory(sockets)
        .addNetworkInterceptor(new CrossSiteRedirects())
        .build();
  }

  /**
   * Resolves through {@code delegate}, refusing names and answers the policy refuses; answers keep
   * the name.
   */
  static final class GuardedDns implements Dns {
    private final EgressPolicy policy;
    private final Dns delegate;

    GuardedDns(EgressPolicy policy, Dns delegate) {
      this.policy = policy;
      this.delegate = delegate;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
      policy.checkName(hostname);
      List<InetAddress> out = new ArrayList<>();
      for (InetAddress address : delegate.lookup(hostname)) {
        policy.check(
            hostname,
            address); // one refused answer refuses the name: no mixing public and metadata
        out.add(InetAddress.getByAddress(hostname, address.getAddress()));
      }
      return out;
    }
  }
}
