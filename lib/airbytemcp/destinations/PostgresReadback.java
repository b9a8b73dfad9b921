package airbytemcp.destinations;

import airbytemcp.network.EgressPolicy;
import airbytemcp.network.EgressRefused;
import airbytemcp.network.EgressRules;
import airbytemcp.network.GuardedSocketFactory;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Reads back what destination-postgres wrote, connecting with the destination's own (hydrated)
 * config on a read-only connection with short timeouts. The config comes from the agent, so the
 * connection is built from a validated host, port and database (never a URL pasted together), goes
 * only where the egress rules allow (checked on the resolved address before the socket opens), and
 * failures are reported by kind, never with the server's own words (a hostile server could put
 * anything in them).
 */
final class PostgresReadback {
  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|[0-9A-Fa-f:.]{2,45}");
  private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_$ .-]{0,62}");

  /** Where the destination writes, validated. */
  record Target(String host, int port, String database) {}

  /** The read-back could not happen; the message says which kind of failure it was. */
  static final class ReadbackFailed extends Exception {
    ReadbackFailed(String message) {
      super(message);
    }
  }

  private PostgresReadback() {}

  /** Null when the config names no host. */
  static Target target(JsonNode config) throws ReadbackFailed {
    String host = config.path("host").asText("").strip();
    if (host.isEmpty()) {
      return null;
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (!HOST.matcher(host).matches()) {
      throw new ReadbackFailed("the host is not a plain host name or IP address.");
    }
    JsonNode portNode = config.path("port");
    int port = portNode.isMissingNode() || portNode.isNull() ? 5432 : portNode.asInt(-1);
    if (port < 1
        || port > 65535
        || (portNode.isTextual() && !portNode.asText().strip().matches("\\d{1,5}"))) {
      throw new ReadbackFailed("the port is not a number from 1 to 65535.");
    }
    String database = config.path("database").asText("postgres");
    if (!DATABASE.matcher(database).matches()) {
      throw new ReadbackFailed("the database name has characters a read-back does not accept.");
    }
    return new Target(host, port, database);
  }

  static JdbcReadback.Readback read(
      JsonNode config, String namespace, List<SmokeScenario> scenarios, EgressRules egress)
      throws ReadbackFailed {
    Target target = target(config);
    refuseEarly(target, egress);
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setServerNames(new String[] {target.host()});
    source.setPortNumbers(new int[] {target.port()});
    source.setDatabaseName(target.database());
    source.setUser(config.path("username").asText(""));
    if (config.hasNonNull("password")) {
      source.setPassword(config.path("password").asText());
    }
    source.setSocketFactory(
        GuardedSocketFactory.class.getName()); // the driver's own sockets check the address too
    source.setSocketFactoryArg(egress.spec());
    source.setConnectTimeout(10);
    source.setSocketTimeout(60);
    source.setReadOnly(true);
    source.setApplicationName("airbyte-mcp smoke test read-back");
    String sslMode = config.path("ssl_mode").path("mode").asText("");
    if (!sslMode.isBlank()) {
      if (!sslMode.matches("disable|allow|prefer|require|verify-ca|verify-full")) {
        throw new ReadbackFailed("the ssl_mode is not one Postgres knows.");
      }
      source.setSslMode(sslMode);
    }
    try (Connection c = source.getConnection()) {
      return JdbcReadback.read(c, namespace, scenarios);
    } catch (SQLException e) {
      throw new ReadbackFailed(kindOf(e));
    }
  }

  /**
   * Resolves the host and applies the egress rules to every address, so a refused host is never
   * connected to.
   */
  private static void refuseEarly(Target target, EgressRules egress) throws ReadbackFailed {
    EgressPolicy policy = EgressPolicy.of(egress);
    try {
      policy.checkName(target.host());
      for (InetAddress address : InetAddress.getAllByName(target.host())) {
        policy.check(target.host(), address);
      }
    } catch (EgressRefused e) {
      throw new ReadbackFailed("refused by the egress rules. " + e.getMessage());
    } catch (UnknownHostException e) {
      throw new ReadbackFailed("the host name does not resolve.");
    }
  }

  /** What kind of failure an exception was, in the server's words only. */
  static String kindOf(SQLException e) {
    EgressRefused refused = EgressRefused.in(e);
    if (refused != null) {
      return "refused by the egress rules. " + refused.getMessage();
    }
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.equals("28P01") || state.equals("28000")) {
      return "authentication failed (check username and password).";
    }
    if (state.equals("3D000")) {
      return "the database does not exist.";
    }
    if (state.equals("42501")) {
      return "permission denied to read the tables.";
    }
    if (state.startsWith("08")) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof UnknownHostException) {
          return "the host name does not resolve.";
        }
        if (t instanceof SocketTimeoutException) {
          return "the server did not answer in time.";
        }
      }
      return "the server is unreachable or closed the connection.";
    }
    if (state.startsWith("53")) {
      return "the server is out of resources.";
    }
    return "the server reported an error (SQLSTATE "
        + (state.matches("[0-9A-Z]{5}") ? state : "unknown")
        + ").";
  }
}
