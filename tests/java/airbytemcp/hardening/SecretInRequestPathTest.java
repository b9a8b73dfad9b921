package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry manifest that builds its URL path from a config field ({@code teams/{{
 * config['team_id'] }}/members}, as source-clockify does with its workspace id), and an agent that
 * fills that field with a secret reference. When the request fails, the error names the request's
 * URL, which OkHttp prints with some of the secret's chars escaped and others not. The agent must
 * get the API's host and nothing of the path.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SecretInRequestPathTest {
  /** Generated-password chars OkHttp escapes in a path ({@code ^ { }}) beside ones it keeps. */
  private static final String SECRET = "Vt^9kq!Lm{r}42-path";

  private static final String PATH_FORM = "Vt%5E9kq!Lm%7Br%7D42-path";

  private static final String MANIFEST =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [members]}
      streams:
        - type: DeclarativeStream
          name: members
          primary_key: [id]
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: VENDOR/api/
              path: "teams/{{ config['team_id'] }}/members"
              http_method: GET
              authenticator:
                type: ApiKeyAuthenticator
                api_token: "{{ config['api_key'] }}"
                inject_into: {type: RequestOption, field_name: X-Api-Key, inject_into: header}
            record_selector:
              type: RecordSelector
              extractor: {type: DpathExtractor, field_path: []}
          schema_loader:
            type: InlineSchemaLoader
            schema: {type: object, additionalProperties: true}
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [api_key, team_id]
          properties:
            api_key: {type: string, airbyte_secret: true}
            team_id: {type: string}
      """;

  private static final String REGISTRY =
      """
      {"sources": [
        {"sourceDefinitionId": "4c8e6f0a-2b1d-4e7a-9c3f-5d6b7a8e9f01", "name": "Team API",
         "dockerRepository": "airbyte/source-team-api", "dockerImageTag": "1.0.0",
         "language": "manifest-only", "tags": ["language:manifest-only", "cdk:low-code"],
         "spec": {"connectionSpecification": {"type": "object", "required": ["api_key", "team_id"],
           "properties": {"api_key": {"type": "string", "airbyte_secret": true},
                          "team_id": {"type": "string"}}}}}],
       "destinations": []}
      """;

  @TempDir Path dir;
  private final WireMockServer cdn =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  private final WireMockServer vendor =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  private InjectedAgentWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
    cdn.stop();
    vendor.stop();
  }

  /** The registry's manifest served by a CDN fake, its API answering 404 to everything. */
  private void startWorld() throws Exception {
    vendor.start();
    vendor.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404).withBody("{}")));
    cdn.start();
    cdn.stubFor(
        get(urlPathMatching("/files/metadata/airbyte/source-team-api/.*/manifest.yaml"))
            .willReturn(
                aResponse()
                    .withBody(MANIFEST.replace("VENDOR", "http://127.0.0.1:" + vendor.port()))));
    world =
        new InjectedAgentWorld(dir.resolve("world"))
            .withRegistry(REGISTRY)
            .with("AIRBYTE_OFFLINE_MODE", "0")
            .with("AIRBYTE_CONNECTORS_CDN_URL", "http://127.0.0.1:" + cdn.port() + "/files")
            .with("AIRBYTE_MCP_EGRESS_HOSTS", "127.0.0.1");
    Files.writeString(world.dotenv, "TEAM_ID=" + SECRET + "\n", StandardOpenOption.APPEND);
    world.start();
  }

  /** The members of the team the config names, with the user's API key. */
  private InjectedAgentWorld.Answer readMembers(String teamId) {
    return world.call(
        "read_source_stream_records",
        Map.of(
            "source_connector_name", "source-team-api",
            "override_execution_mode", "native",
            "stream_name", "members",
            "config", Map.of("api_key", "secret_reference::FAKE_API_KEY", "team_id", teamId)));
  }

  @Test
  void aFailedRequestWithASecretInItsPathShowsOnlyTheApisHost() throws Exception {
    startWorld();
    InjectedAgentWorld.Answer answer = readMembers("secret_reference::TEAM_ID");

    assertTrue(
        vendor.getAllServeEvents().stream()
            .anyMatch(e -> e.getRequest().getUrl().contains("/api/teams/" + PATH_FORM)),
        "the request never carried the secret in its path, so nothing was tested: "
            + vendor.getAllServeEvents());
    String log = world.server.stderr();
    for (String form : List.of(SECRET, PATH_FORM, "9kq!Lm")) {
      assertFalse(answer.text().contains(form), "the answer holds " + form + ": " + answer.text());
      assertFalse(log.contains(form), "the server log holds " + form);
    }
    assertTrue(answer.isError(), "the 404 was not reported: " + answer.text());
    assertTrue(
        answer.text().contains("127.0.0.1:" + vendor.port())
            && answer.text().contains("path and query withheld"),
        "the error should name the API's host and say the rest is withheld: " + answer.text());
  }

  @Test
  void jinjaTheAgentWritesInAConfigValueIsSentAsTextNeverRun() throws Exception {
    startWorld();
    String slice = InjectedAgentWorld.DOTENV_KEY.substring(1);
    InjectedAgentWorld.Answer answer = readMembers("{{ config['api_key'][1:] }}");

    List<String> urls =
        vendor.getAllServeEvents().stream().map(e -> e.getRequest().getUrl()).toList();
    assertFalse(urls.isEmpty(), "no request was made, so nothing was tested: " + answer.text());
    assertTrue(
        urls.stream().noneMatch(u -> u.contains(slice)),
        "the agent's Jinja ran and put a slice of the API key in the path: " + urls);
    assertTrue(
        urls.stream().allMatch(u -> u.contains("%7B%7B")),
        "the value went into the path as the text it is: " + urls);
    assertFalse(
        answer.text().contains(slice), "the answer holds the key's slice: " + answer.text());
    assertFalse(world.server.stderr().contains(slice), "the server log holds the key's slice");
  }
}
