package airbytemcp.server;

import airbytemcp.common.UserError;
import airbytemcp.config.SettingsLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the Streamable HTTP server listens and which Host/Origin headers it accepts (DNS-rebinding
 * protection: a web page must not reach a server on the user's machine by pointing its own host
 * name at 127.0.0.1).
 */
public record HttpOptions(
    String host, int port, List<String> allowedHosts, List<String> allowedOrigins) {
  static final String DEFAULT_HOST = "127.0.0.1";
  static final int DEFAULT_PORT = 8080;
  static final String ALLOWED_HOSTS = SettingsLoader.ALLOWED_HOSTS;
  static final String ALLOWED_ORIGINS = SettingsLoader.ALLOWED_ORIGINS;
  private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");

  /**
   * Reads {@code --host H --port N} (after {@code --http}) and the allow-lists from the
   * environment.
   */
  public static HttpOptions parse(List<String> flags, Map<String, String> env) {
    String host = value(flags, "--host").orElse(DEFAULT_HOST);
    int port = value(flags, "--port").map(HttpOptions::port).orElse(DEFAULT_PORT);
    List<String> hosts = new ArrayList<>();
    List<String> origins = new ArrayList<>();
    for (String name : LOOPBACK_NAMES) {
      hosts.add(name + ":*");
      origins.add("http://" + name + ":*");
    }
    if (!LOOPBACK_NAMES.contains(host) && !host.equals("0.0.0.0") && !host.equals("::")) {
      hosts.add(host + ":*");
    }
    hosts.addAll(csv(env.get(ALLOWED_HOSTS)));
    origins.addAll(csv(env.get(ALLOWED_ORIGINS)));
    return new HttpOptions(host, port, List.copyOf(hosts), List.copyOf(origins));
  }

  String endpoint() {
    String shownHost = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + shownHost + ":" + port + HttpTransport.MCP_PATH;
  }

  private static Optional<String> value(List<String> flags, String name) {
    int i = flags.indexOf(name);
    if (i < 0) {
      return Optional.empty();
    }
    if (i + 1 >= flags.size() || flags.get(i + 1).startsWith("--")) {
      throw new UserError(
          name + " needs a value.", "For example: --http --host 127.0.0.1 --port 8080.");
    }
    return Optional.of(flags.get(i + 1));
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UserError(
        "--port " + value + " is not a port number.",
        "Give a number from 1 to 65535 (0 picks a free one).");
  }

  private static List<String> csv(String value) {
    return value == null
        ? List.of()
        : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
