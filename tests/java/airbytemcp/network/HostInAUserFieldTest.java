package airbytemcp.network;

import static airbytemcp.network.RegistryEntries.SECRET;
import static airbytemcp.network.RegistryEntries.allowing;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The call-named-host rule skips a field named for a person ({@code user}, {@code email}, {@code
 * login}), as connectors do not connect there. source-file (Python, allowedHosts {@code *}) does:
 * for its SSH, SCP and SFTP providers it joins the fields into one URI, storage, then {@code
 * provider.user}, a colon, the %-encoded {@code provider.password}, {@code @}, {@code
 * provider.host}, a colon, the port, a slash and {@code url}, and smart_open splits that URI with
 * urllib. Recent versions %-encode the user with {@code /} kept; older ones do not encode it. A
 * user of {@code collector.example.com/} (or, unencoded, {@code a@collector.example.com:22/}) ends
 * the authority before the password: the connector opens SSH to collector.example.com and, once
 * that server lets it in (it may accept any key the user's SSH agent offers, and a Python connector
 * inherits SSH_AUTH_SOCK), asks it over SFTP for the path {@code
 * /:PASSWORD@db.internal:22/data.csv}, the user's password spelled in it. The host field names a
 * private host, so nothing else is held. Nothing here resolves a name or connects.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostInAUserFieldTest {
  /** source-file's registry entry: any host (Airbyte's platform does not hold it). */
  private static final JsonNode SOURCE_FILE = allowing("*");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "collector.example.com/",
        "collector.example.com:22/",
        "a@collector.example.com:22/",
        "203.0.113.7/"
      })
  void aHostEndingTheAuthorityInSourceFilesUserIsHeld(String user) {
    JsonNode config = sftpConfig(user);
    assertThrows(
        EgressRefused.class,
        () ->
            new UnwatchedEgress(EgressRules.NONE, SOURCE_FILE)
                .check(config, SECRET::equals, (path, value) -> false),
        "source-file would connect to the host in provider.user ("
            + user
            + ") and send the password in the SFTP path it asks for");
  }

  /** A name or address that is all the field says names no host the connector reaches. */
  @ParameterizedTest
  @ValueSource(strings = {"jo.smith", "jo@company.com", "svc-reader", "collector.example.com"})
  void aPlainNameOrAddressInSourceFilesUserIsNotHeld(String user) {
    JsonNode config = sftpConfig(user);
    assertDoesNotThrow(
        () ->
            new UnwatchedEgress(EgressRules.NONE, SOURCE_FILE)
                .check(config, SECRET::equals, (path, value) -> false),
        "a user name of " + user + " was held as a host");
  }

  private static JsonNode sftpConfig(String user) {
    return Json.parse(
        "{\"dataset_name\": \"d\", \"format\": \"csv\", \"url\": \"data.csv\", "
            + "\"provider\": {\"storage\": \"SFTP\", \"host\": \"db.internal\", "
            + "\"port\": \"22\", \"user\": \""
            + user
            + "\", \"password\": \""
            + SECRET
            + "\"}}");
  }
}
