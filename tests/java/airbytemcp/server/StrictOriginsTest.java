package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Origins are matched by their parts, not as text prefixes. */
@Timeout(10)
class StrictOriginsTest {
  private final StrictOrigins origins =
      new StrictOrigins(
          ServerTransportSecurityValidator.NOOP,
          List.of(
              "http://localhost:*",
              "http://127.0.0.1:*",
              "http://[::1]:*",
              "https://app.example.com"));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080.evil.com",
        "http://localhost:1@evil.com",
        "http://localhost.evil.com",
        "http://127.0.0.1:8080/path",
        "https://app.example.com:8443",
        "http://app.example.com",
        "null",
        "",
        "http://localhost:1#@evil.com",
        "http://evil.com#http://localhost:1"
      })
  void lookalikeOriginsAreRefused(String origin) {
    assertFalse(origins.allowed(origin), origin + " must not pass as an allowed origin");
  }

  @Test
  void loopbackOriginsOnAnyPortAndExactOriginsPass() {
    for (String origin :
        List.of(
            "http://localhost:3000",
            "http://127.0.0.1:8080",
            "http://[::1]:9",
            "http://localhost",
            "https://app.example.com")) {
      assertTrue(origins.allowed(origin), origin + " should pass");
    }
  }
}
