package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import airbytemcp.common.Json;
import airbytemcp.testing.FakeConnector;
import airbytemcp.testing.McpServerProcess;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The stdio setup of {@code hardening.InjectedAgentWorld} and {@code SecretInRequestPathTest}, for
 * one registry connector run natively: a dotenv file with the user's secrets, a CDN fake serving
 * the registry's (trusted) manifest, the vendor's API on 127.0.0.1 and a second fake, "elsewhere",
 * reached as {@code localhost}: a host neither the user nor the manifest chose (on the internet it
 * would be the attacker's). Only 127.0.0.1 is listed in AIRBYTE_MCP_EGRESS_HOSTS, as the existing
 * tests do. Nothing here talks to anything but loopback.
 */
final class RegistryManifestWorld implements AutoCloseable {
  static final String API_KEY = "sk-RTI-dotenv-Pq47Zn82Wd";

  /**
   * {@link #API_KEY} cut in two, as a test's API echoes it wrapped or split: its first twelve
   * characters.
   */
  static final String API_KEY_HEAD = API_KEY.substring(0, 12);

  /** The rest of {@link #API_KEY} after {@link #API_KEY_HEAD}. */
  static final String API_KEY_TAIL = API_KEY.substring(12);

  /** Items behind an API key in a header: a registry manifest an agent picks. */
  static final String ITEMS_BEHIND_AN_API_KEY =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [items]}
      streams:
        - type: DeclarativeStream
          name: items
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: VENDOR/v1
              path: /items
              http_method: GET
              authenticator:
                type: ApiKeyAuthenticator
                api_token: "{{ config['api_key'] }}"
                inject_into: {type: RequestOption, inject_into: header, field_name: X-Api-Key}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [items]}}
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [api_key]
          properties:
            api_key: {type: string, airbyte_secret: true}
      """;

  static final String CLIENT_SECRET = "cs-RTI-oauth-Lx93Tb06Ke";
  static final String REFRESH_TOKEN = "rt-RTI-oauth-Hv25Mc71Ja";
  // an account number kept secret: all digits, with a leading zero, as such numbers often have
  static final String ACCOUNT_NUMBER = "0412345678";

  /** The config most tests read with: the manifest's one key, taken from the dotenv file. */
  static final Map<String, String> API_KEY_CONFIG =
      Map.of("api_key", "secret_reference::VENDOR_API_KEY");

  static final List<String> SECRETS =
      List.of(API_KEY, CLIENT_SECRET, REFRESH_TOKEN, ACCOUNT_NUMBER);

  final Path dir;
  final WireMockServer cdn = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  final WireMockServer vendor =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  final WireMockServer elsewhere =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  final Map<String, String> env = new HashMap<>();

  /** More dotenv lines (NAME to value, written unquoted) for a test that needs a secret's shape. */
  final Map<String, String> extraDotenv = new LinkedHashMap<>();

  McpServerProcess server;

  RegistryManifestWorld(Path dir) {
    this.dir = dir;
    cdn.start();
    vendor.start();
    elsewhere.start();
  }

  String vendorUrl() {
    return "http://127.0.0.1:" + vendor.port();
  }

  String elsewhereUrl() {
    return "http://localhost:" + elsewhere.port();
  }

  /**
   * Starts the server with a registry of one manifest-only source, {@code connector}, whose
   * manifest is {@code manifest} with VENDOR and ELSEWHERE replaced by the two fakes' URLs.
   *
   * @param allowedHosts the entry's {@code allowedHosts} JSON, or null for none (113 of 499
   *     manifest-only sources in the registry snapshot)
   */
  RegistryManifestWorld start(String connector, String manifest, String allowedHosts) {
    // the registry entry carries the manifest's own spec, as Airbyte's does
    String specProperties =
        Json.write(
            Json.parseJsonOrYaml(manifest)
                .path("spec")
                .path("connection_specification")
                .path("properties"));
    cdn.stubFor(
        get(urlPathMatching("/files/metadata/airbyte/" + connector + "/.*/manifest.yaml"))
            .willReturn(
                aResponse()
                    .withBody(
                        manifest
                            .replace("VENDOR", vendorUrl())
                            .replace("ELSEWHERE", elsewhereUrl()))));
    String registry =
        "{\"sources\": [{\"sourceDefinitionId\": \"7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6\","
            + " \"name\": \"Red Team I\", \"dockerRepository\": \"airbyte/"
            + connector
            + "\", \"dockerImageTag\": \"1.0.0\", \"language\": \"manifest-only\","
            + " \"tags\": [\"language:manifest-only\", \"cdk:low-code\"],"
            + (allowedHosts == null ? "" : " \"allowedHosts\": " + allowedHosts + ",")
            + " \"spec\": {\"connectionSpecification\": {\"type\": \"object\", \"properties\": "
            + specProperties
            + "}}}], \"destinations\": []}";
    try {
      Files.createDirectories(dir);
      Path dotenv =
          Files.writeString(
              dir.resolve("airbyte_mcp.env"),
              "VENDOR_API_KEY="
                  + API_KEY
                  + "\nVENDOR_CLIENT_SECRET="
                  + CLIENT_SECRET
                  + "\nVENDOR_REFRESH_TOKEN="
                  + REFRESH_TOKEN
                  + "\nVENDOR_ACCOUNT_NUMBER="
                  + ACCOUNT_NUMBER
                  + "\n"
                  + extraDotenv.entrySet().stream()
                      .map(e -> e.getKey() + "=" + e.getValue() + "\n")
                      .collect(Collectors.joining()));
      Path registryFile = Files.writeString(dir.resolve("registry.json"), registry);
      env.put("AIRBYTE_PROJECT_DIR", dir.resolve("project").toString());
      env.put("AIRBYTE_MCP_ENV_FILE", dotenv.toString());
      env.put("AIRBYTE_CLOUD_API_URL", "http://127.0.0.1:9/api/public/v1");
      env.put("AIRBYTE_LOCAL_REGISTRY", registryFile.toString());
      env.put("AIRBYTE_OFFLINE_MODE", "0");
      env.put("AIRBYTE_CONNECTORS_CDN_URL", "http://127.0.0.1:" + cdn.port() + "/files");
      env.put("AIRBYTE_DOCS_URL", "http://127.0.0.1:9/docs");
      env.put("AIRBYTE_DECLARATIVE_SCHEMA", dir.resolve("no-schema.yaml").toString());
      env.put("AIRBYTE_MCP_DOCKER_NETWORK", "none");
      env.put("AIRBYTE_MCP_CONNECTOR_TIMEOUT", "30");
      env.put("AIRBYTE_MCP_EGRESS_HOSTS", "127.0.0.1");
      env.put("DOCKER_HOST", "unix://" + dir.resolve("no-docker.sock"));
      env.put("PATH", FakeConnector.binDir() + ":" + System.getenv("PATH"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server = McpServerProcess.fromClasspath(env, dir);
    try {
      server.client.initialize();
    } catch (RuntimeException e) {
      throw new IllegalStateException("the server did not start: " + stderr(), e);
    }
    return this;
  }

  /**
   * Starts the server with source-items-api ({@link #ITEMS_BEHIND_AN_API_KEY}) whose stream has the
   * schema {@code properties} (YAML), its vendor answering {@code items} (a JSON list) to the key.
   */
  RegistryManifestWorld startItemsApi(String properties, String items) {
    start(
        "source-items-api",
        ITEMS_BEHIND_AN_API_KEY.replace(
            "schema: {type: object}", "schema: {type: object, properties: " + properties + "}"),
        null);
    vendorAnswersJson(anyUrl(), "{\"items\": " + items + "}");
    return this;
  }

  /** One tool call as an MCP client makes it; the answer as the client received it. */
  Answer call(String tool, Map<String, Object> args) {
    McpSchema.CallToolResult result =
        server.client.callTool(new McpSchema.CallToolRequest(tool, args));
    return new Answer(Boolean.TRUE.equals(result.isError()), Json.write(result));
  }

  /** read_source_stream_records of one stream, the connector run natively, with {@code config}. */
  Answer readNatively(String connector, String stream, Map<String, ?> config) {
    return call(
        "read_source_stream_records",
        Map.of(
            "source_connector_name",
            connector,
            "override_execution_mode",
            "native",
            "stream_name",
            stream,
            "config",
            config));
  }

  /** sync_source_to_cache of every stream, the connector run natively, with {@code config}. */
  Answer syncNatively(String connector, Map<String, ?> config) {
    return call(
        "sync_source_to_cache",
        Map.of(
            "source_connector_name",
            connector,
            "override_execution_mode",
            "native",
            "streams",
            "*",
            "config",
            config));
  }

  /**
   * The vendor answers a GET of {@code url} that carries {@link #API_KEY} with 200 and the JSON.
   */
  void vendorAnswersJson(UrlPattern url, String body) {
    vendorAnswersJson(url, API_KEY, 200, body);
  }

  /**
   * The vendor answers a GET of {@code url} that carries {@code key} in {@code X-Api-Key} (as
   * {@link #ITEMS_BEHIND_AN_API_KEY} sends it) with {@code status} and the JSON {@code body}.
   */
  void vendorAnswersJson(UrlPattern url, String key, int status, String body) {
    vendor.stubFor(
        get(url)
            .withHeader("X-Api-Key", equalTo(key))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  String stderr() {
    try {
      return server.stderr();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every request "elsewhere" received: method, URL, headers and body. */
  List<String> elsewhereGot() {
    return elsewhere.getAllServeEvents().stream()
        .map(
            e ->
                e.getRequest().getMethod()
                    + " "
                    + e.getRequest().getUrl()
                    + "\n"
                    + e.getRequest().getHeaders()
                    + "\n"
                    + e.getRequest().getBodyAsString())
        .toList();
  }

  /** Whether {@code text} holds both halves of {@link #API_KEY}, wherever they are. */
  static boolean bothHalvesOfTheKeyIn(String text) {
    return text.contains(API_KEY_HEAD) && text.contains(API_KEY_TAIL);
  }

  /** The first of the user's secrets in {@code text}, or null. */
  static String secretIn(String text) {
    return SECRETS.stream().filter(text::contains).findFirst().orElse(null);
  }

  record Answer(boolean isError, String text) {}

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    cdn.stop();
    vendor.stop();
    elsewhere.stop();
  }
}
