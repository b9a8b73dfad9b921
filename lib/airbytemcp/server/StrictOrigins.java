package airbytemcp.server;

import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/**
 * Checks an Origin header against the allow-list by its parts, before the SDK's validator (which
 * matches a {@code scheme://host:*} pattern as a text prefix, so {@code
 * http://127.0.0.1:8080.evil.com} and {@code http://localhost:1@evil.com} passed as loopback
 * origins). An origin must be exactly scheme, host and an optional numeric port; with {@code :*}
 * any port, otherwise the one given.
 */
final class StrictOrigins implements ServerTransportSecurityValidator {
  private final ServerTransportSecurityValidator next;
  private final List<String> allowed;

  StrictOrigins(ServerTransportSecurityValidator next, List<String> allowed) {
    this.next = next;
    this.allowed = List.copyOf(allowed);
  }

  @Override
  public void validateHeaders(Map<String, List<String>> headers)
      throws ServerTransportSecurityException {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if ("origin".equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
        for (String origin : header.getValue()) {
          if (!allowed(origin)) {
            throw new ServerTransportSecurityException(403, "Invalid Origin header");
          }
        }
      }
    }
    next.validateHeaders(headers);
  }

  boolean allowed(String origin) {
    Origin actual = Origin.parse(origin);
    if (actual == null) {
      return false;
    }
    for (String pattern : allowed) {
      boolean anyPort = pattern.endsWith(":*");
      Origin wanted = Origin.parse(anyPort ? pattern.substring(0, pattern.length() - 2) : pattern);
      if (wanted != null
          && wanted.scheme.equalsIgnoreCase(actual.scheme)
          && wanted.host.equalsIgnoreCase(actual.host)
          && (anyPort || wanted.port == actual.port)) {
        return true;
      }
    }
    return false;
  }

  /** scheme://host[:port] and nothing else (no user info, path, query or fragment). */
  private record Origin(String scheme, String host, int port) {
    static Origin parse(String text) {
      if (text == null || text.isBlank()) {
        return null;
      }
      try {
        URI uri = new URI(text.strip());
        boolean bare =
            uri.getRawUserInfo() == null
                && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null;
        if (uri.getScheme() == null || uri.getHost() == null || !bare) {
          return null;
        }
        // a port that is not all digits (8080.evil.com) leaves the authority unparsed as a server:
        // no host
        return new Origin(uri.getScheme(), uri.getHost(), uri.getPort());
      } catch (URISyntaxException e) {
        return null;
      }
    }
  }
}
