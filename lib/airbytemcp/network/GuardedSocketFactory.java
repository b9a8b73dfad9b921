package airbytemcp.network;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;

/**
 * Sockets that check the {@link EgressPolicy} against the address they are about to connect to, so
 * the check sees the resolved address of every connection (redirects, retries and re-resolved names
 * included).
 */
public final class GuardedSocketFactory extends SocketFactory {
  /** What happens once the policy allowed a connection: the real connect, or a test's stand-in. */
  interface Opener {
    void open(InetSocketAddress target) throws IOException;
  }

  private final EgressPolicy policy;
  private final Opener beforeConnect;

  public GuardedSocketFactory(EgressPolicy policy) {
    this(policy, target -> {});
  }

  /**
   * @param beforeConnect runs after the policy allowed a connection and before the socket connects
   */
  GuardedSocketFactory(EgressPolicy policy, Opener beforeConnect) {
    this.policy = policy;
    this.beforeConnect = beforeConnect;
  }

  /**
   * For JDBC drivers that create their socket factory by class name with one text argument
   * (PostgreSQL's {@code socketFactory} and {@code socketFactoryArg}): the argument is an {@link
   * EgressRules} list.
   */
  public GuardedSocketFactory(String egressHosts) {
    this(EgressPolicy.of(EgressRules.parse(egressHosts)));
  }

  @Override
  public Socket createSocket() {
    return new GuardedSocket(policy, beforeConnect);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket s = createSocket();
    s.connect(new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    Socket s = createSocket();
    s.bind(new InetSocketAddress(localHost, localPort));
    s.connect(new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket s = createSocket();
    s.connect(new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    Socket s = createSocket();
    s.bind(new InetSocketAddress(localAddress, localPort));
    s.connect(new InetSocketAddress(address, port));
    return s;
  }

  private static final class GuardedSocket extends Socket {
    private final EgressPolicy policy;
    private final Opener beforeConnect;

    GuardedSocket(EgressPolicy policy, Opener beforeConnect) {
      this.policy = policy;
      this.beforeConnect = beforeConnect;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (!(endpoint instanceof InetSocketAddress target)
          || target.isUnresolved()
          || target.getAddress() == null) {
        throw new EgressRefused(
            "Connections to " + endpoint + " are refused: the address is not resolved.");
      }
      policy.check(target.getHostString(), target.getAddress());
      beforeConnect.open(target);
      super.connect(endpoint, timeout);
    }
  }
}
