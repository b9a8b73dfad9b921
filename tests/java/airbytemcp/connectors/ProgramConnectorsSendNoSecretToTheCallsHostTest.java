package airbytemcp.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.network.EgressRules;
import airbytemcp.registry.ConnectorRegistry;
import airbytemcp.secrets.Masker;
import airbytemcp.testing.TestResolvers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Docker or Python connector opens its connections where this process cannot check them, so the
 * rule that keeps a secret from a host the call chose is applied before it starts: on the hosts its
 * registry entry's {@code allowedHosts} builds from the config ({@code ${domain}}, as Jira's is),
 * or, when the entry lists none, on every value the call chose that reads as an internet host. The
 * connector here is a program on the server's PATH, run as Python and Docker connectors are (config
 * in a file, protocol on stdout); it writes down each command it is started for, so a refusal is
 * seen to come before it starts. Nothing here opens a connection.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProgramConnectorsSendNoSecretToTheCallsHostTest {
  private static final String NAME = "source-jira-like";
  private static final String TOKEN = "jira-tok-7d21b9c04e5a";
  private static final String SPEC =
      "{\"type\":\"SPEC\",\"spec\":{\"connectionSpecification\":{\"type\":\"object\",\"properties\":{"
          + "\"domain\":{\"type\":\"string\",\"default\":\"api.vendor.example\"},"
          + "\"subdomain\":{\"type\":\"string\"},"
          + "\"api_token\":{\"type\":\"string\",\"airbyte_secret\":true}}}}}";

  @TempDir Path dir;
  private final Masker masker = new Masker();
  private Path started;

  @BeforeEach
  void program() throws IOException {
    masker.registerUserValue(TOKEN); // resolved from secret_reference:: as the server does
    started = dir.resolve("started.txt");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path program = bin.resolve(NAME);
    Files.writeString(
        program,
        "#!/bin/sh\necho \"$1\" >> '"
            + started
            + "'\ncase \"$1\" in\n"
            + "  spec) echo '"
            + SPEC
            + "' ;;\n"
            + "  check) echo '{\"type\":\"CONNECTION_STATUS\",\"connectionStatus\":{\"status\":\"SUCCEEDED\"}}' ;;\n"
            + "esac\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
  }

  /** The program as the server resolves it, with a registry entry of these allowedHosts. */
  private Connector connector(String allowedHosts, String egressHosts) {
    String entry =
        "{\"sourceDefinitionId\":\"00000000-0000-4000-8000-0000000000c7\",\"name\":\"Jira-like\","
            + "\"dockerRepository\":\"airbyte/"
            + NAME
            + "\",\"dockerImageTag\":\"1.0.0\",\"language\":\"python\""
            + (allowedHosts == null ? "" : ",\"allowedHosts\":" + allowedHosts)
            + "}";
    ConnectorRegistry registry =
        ConnectorRegistry.parse(Json.parse("{\"sources\":[" + entry + "],\"destinations\":[]}"));
    ConnectorResolver resolver =
        TestResolvers.create(
            dir,
            HostTools.ofPath(dir.resolve("bin").toString()),
            TestResolvers.NO_DOCKER,
            NativeConnectorFactory.unavailable(),
            masker,
            RunLimits.defaults(),
            registry,
            EgressRules.parse(egressHosts));
    return resolver.resolve(ConnectorRequest.of(NAME).withMode(ExecutionMode.LOCAL));
  }

  private static ObjectNode config(String field, String value, String token) {
    ObjectNode config = Json.object().put(field, value);
    return token == null ? config : config.put("api_token", token);
  }

  private List<String> commandsStarted() throws IOException {
    return Files.exists(started) ? Files.readAllLines(started) : List.of();
  }

  private void checks(Connector connector, ObjectNode config) throws IOException {
    ObjectNode status = connector.check(config);
    assertEquals("SUCCEEDED", status.path("status").asText(), status.toString());
    assertTrue(commandsStarted().contains("check"), "the program ran its check");
  }

  /** The program's check is refused before it starts; the refusal's message. */
  private String refusedBeforeStart(String allowedHosts, ObjectNode config) throws IOException {
    Connector connector = connector(allowedHosts, "");
    ConnectorError refused = assertThrows(ConnectorError.class, () -> connector.check(config));
    assertFalse(refused.getMessage().contains(TOKEN), refused.getMessage());
    assertFalse(
        commandsStarted().contains("check"), "the program was started: " + commandsStarted());
    return refused.getMessage();
  }

  @Test
  void aSecretIsNotHandedToAProgramThatWouldSendItToTheCallsHost() throws IOException {
    String refusal =
        refusedBeforeStart(
            "{\"hosts\":[\"${domain}\"]}", config("domain", "collector.example.com", TOKEN));
    assertTrue(
        refusal.contains("collector.example.com") && refusal.contains("AIRBYTE_MCP_EGRESS_HOSTS"),
        "the refusal names the host and what the user can do: " + refusal);
  }

  @Test
  void aValueThatIsNoPlainHostIsRefusedWhereTheHostIsBuiltFromIt() throws IOException {
    String refusal =
        refusedBeforeStart(
            "{\"hosts\":[\"${subdomain}.vendor.example\"]}",
            config("subdomain", "collector.example.com#", TOKEN));
    assertTrue(
        refusal.contains("subdomain is not a plain host name"),
        "the refusal names the field: " + refusal);
  }

  @Test
  void aHostTheUserListedIsReached() throws IOException {
    checks(
        connector("{\"hosts\":[\"${domain}\"]}", "collector.example.com"),
        config("domain", "collector.example.com", TOKEN));
  }

  @Test
  void aHostFromTheDotenvFileIsReached() throws IOException {
    // the user's dotenv value, by secret_reference::
    masker.registerUserValue("collector.example.com");
    checks(
        connector("{\"hosts\":[\"${domain}\"]}", ""),
        config("domain", "collector.example.com", TOKEN));
  }

  @Test
  void aHostTheAgentGotMaskedIsNotTheUsers() throws IOException {
    masker.register("collector.example.com"); // a refused literal: masked, but the agent's value
    refusedBeforeStart(
        "{\"hosts\":[\"${domain}\"]}", config("domain", "collector.example.com", TOKEN));
  }

  @Test
  void theHostTheSpecOffersIsReached() throws IOException {
    checks(
        connector("{\"hosts\":[\"${domain}\"]}", ""),
        config("domain", "api.vendor.example", TOKEN));
  }

  @Test
  void aSubdomainOfTheVendorsDomainIsReached() throws IOException {
    checks(
        connector("{\"hosts\":[\"${subdomain}.vendor.example\"]}", ""),
        config("subdomain", "acme", TOKEN));
  }

  @Test
  void withoutASecretTheCallsHostIsReached() throws IOException {
    checks(
        connector("{\"hosts\":[\"${domain}\"]}", ""),
        config("domain", "collector.example.com", null));
  }

  @Test
  void withoutRegistryHostsAnInternetHostTheCallNamedIsHeld() throws IOException {
    String refusal =
        refusedBeforeStart(
            null, config("endpoint", "https://es.collector.example.com:9200", TOKEN));
    assertTrue(
        refusal.contains("es.collector.example.com"), "the refusal names the host: " + refusal);
  }

  @Test
  void anEntryThatAllowsAnyHostHoldsThemToo() throws IOException {
    refusedBeforeStart("{\"hosts\":[\"*\"]}", config("server", "203.0.113.9", TOKEN));
  }

  @Test
  void anEntryThatListsNoHostHoldsThemToo() throws IOException {
    refusedBeforeStart("{\"hosts\":[]}", config("url", "https://collector.example.com/in", TOKEN));
  }

  @Test
  void aUrlFieldNamedAfterAUserIsStillAHost() throws IOException {
    refusedBeforeStart(
        null, config("user_info_url", "https://id.collector.example.com/userinfo", TOKEN));
  }

  @Test
  void withoutRegistryHostsAnEmailAFileNameAndADateAreNoHosts() throws IOException {
    ObjectNode config = config("email", "me@corp.example.com", TOKEN);
    config.put("file_name", "export.csv").put("start_date", "2024-01-01");
    checks(connector(null, ""), config);
  }

  @Test
  void withoutRegistryHostsAPrivateHostIsNotHeld() throws IOException {
    ObjectNode config = config("host", "10.1.2.3", TOKEN);
    config.put("replica", "host.docker.internal").put("local", "127.0.0.1");
    checks(connector(null, ""), config);
  }

  @Test
  void withoutRegistryHostsAListedHostIsReached() throws IOException {
    checks(
        connector(null, "es.mine.example.com"), config("endpoint", "es.mine.example.com", TOKEN));
  }
}
