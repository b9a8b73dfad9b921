package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import airbytemcp.cloud.FakeAirbyte;
import airbytemcp.common.Json;
import airbytemcp.testing.FakeConnector;
import airbytemcp.testing.HttpServerProcess;
import airbytemcp.testing.TestResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The world the hardening suite attacks: a dotenv and configs full of distinctive secrets, a fake
 * Airbyte that can echo every request (body and Authorization header) back in its errors, the test
 * connector that echoes its api_key in logs and errors, and the server on Streamable HTTP as its
 * own process.
 */
final class HostileWorld implements AutoCloseable {
  static final String DOTENV_KEY = "sk-LEAK-dotenv-7Hq2Zr9Wx4";
  static final String CONFIG_KEY = "sk-LEAK-config-Pq81LmV3";
  static final String CALLER_TOKEN = "caller-LEAK-bearer-Zx71Qe";

  /** Every secret value in play; none may ever reach a client or the server log. */
  static final List<String> SECRETS =
      List.of(
          DOTENV_KEY,
          CONFIG_KEY,
          CALLER_TOKEN,
          FakeAirbyte.CLIENT_ID,
          FakeAirbyte.CLIENT_SECRET,
          FakeAirbyte.TOKEN,
          FakeAirbyte.GITHUB_TOKEN);

  final FakeAirbyte fake = new FakeAirbyte().happy();
  final Path dir;
  final Map<String, String> env = new HashMap<>();

  /** The server started by {@link #serving}, closed with the world. */
  HttpServerProcess server;

  HostileWorld(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      Path dotenv = dir.resolve("secrets.env");
      Files.writeString(
          dotenv,
          "FAKE_API_KEY="
              + DOTENV_KEY
              + "\n"
              + "SOURCE_FAKE_CONFIG={\"api_key\": \""
              + CONFIG_KEY
              + "\"}\n"
              + "GITHUB_TOKEN="
              + FakeAirbyte.GITHUB_TOKEN
              + "\n");
      env.putAll(fake.env(dir.resolve("project")));
      env.putAll(FakeConnector.offlinePip());
      env.put("GITHUB_TOKEN", FakeAirbyte.GITHUB_TOKEN);
      env.put("PATH", FakeConnector.binDir() + ":" + System.getenv("PATH"));
      env.put("AIRBYTE_MCP_ENV_FILE", dotenv.toString());
      env.put(
          "AIRBYTE_LOCAL_REGISTRY",
          TestResources.resource("fake-connector/registry.json").toString());
      env.put("AIRBYTE_MCP_DOCKER_NETWORK", "none");
      env.put("AIRBYTE_MCP_CONNECTOR_TIMEOUT", "8");
      env.put("AIRBYTE_MCP_EGRESS_HOSTS", "127.0.0.1,localhost"); // the fakes listen on loopback
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  HostileWorld with(String name, String value) {
    env.put(name, value);
    return this;
  }

  HttpServerProcess startServer(String name) {
    return HttpServerProcess.start(env, dir.resolve(name));
  }

  /**
   * A world with trusted execution on and its server running (for suites that share one server).
   */
  static HostileWorld serving(Path dir) {
    HostileWorld world = new HostileWorld(dir).with("AIRBYTE_MCP_TRUSTED_EXECUTION", "1");
    try {
      world.server = world.startServer("server");
      return world;
    } catch (RuntimeException e) {
      world.close();
      throw e;
    }
  }

  /**
   * From now on every Airbyte API call (except the token exchange) fails, quoting the request it
   * got.
   */
  void airbyteEchoesRequestsInErrors() {
    fake.server.stubFor(
        any(urlPathMatching("/api/(public/)?v1/(?!applications/token).*"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"title\":\"bad request\",\"detail\":\"rejected {{{request.body}}} sent with "
                            + "{{request.headers.Authorization}} to {{request.url}}\"}")
                    .withTransformers("response-template")));
  }

  /** The first secret found in the text, or null. */
  static String leakIn(String text) {
    for (String secret : SECRETS) {
      if (text.contains(secret) || text.contains(Json.write(secret).replace("\"", ""))) {
        return secret;
      }
    }
    return null;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    fake.close();
  }
}
