package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team l1. SecretsAsValues judges a cursor bound after its template ran, so a template that
 * itself reads the config value as a date or a number hands it the converted value, which holds no
 * known form of the secret: source-intercom's {@code start_datetime: {datetime: "{{
 * format_datetime(config['start_date'], '%s') }}"}} turns the all-digit secret 0412345678 into
 * 412345678 (a Unix time, leading zero gone), and source-pocket's request parameter {@code since:
 * "{{ timestamp(config['since']) }}"} does the same outside any cursor. Both go to the API and come
 * back to the agent in the URL the error names.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SecretReadAsDateThroughAMacroTest {
  private static final String MANIFEST =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [segments]}
      definitions:
        requester:
          type: HttpRequester
          url_base: VENDOR/api/
          http_method: GET
          authenticator:
            type: ApiKeyAuthenticator
            api_token: "{{ config['api_key'] }}"
            inject_into: {type: RequestOption, field_name: X-Api-Key, inject_into: header}
        selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}
      streams:
        - type: DeclarativeStream
          name: segments
          primary_key: [id]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester: {$ref: "#/definitions/requester", path: segments}
            record_selector: {$ref: "#/definitions/selector"}
          incremental_sync:
            type: DatetimeBasedCursor
            cursor_field: updated_at
            start_datetime:
              type: MinMaxDatetime
              datetime: "{{ format_datetime(config['start_date'], '%s') }}"
              datetime_format: "%s"
            datetime_format: "%s"
            cursor_datetime_formats: ["%s"]
            start_time_option: {type: RequestOption, field_name: since, inject_into: request_parameter}
        - type: DeclarativeStream
          name: items
          primary_key: [id]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester:
              $ref: "#/definitions/requester"
              path: items
              request_parameters:
                since: "{{ timestamp(config['since']) }}"
            record_selector: {$ref: "#/definitions/selector"}
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [api_key]
          properties:
            api_key: {type: string, airbyte_secret: true}
            start_date: {type: string}
            since: {type: string}
      """;

  private static final String AS_NUMBER = RegistryManifestWorld.ACCOUNT_NUMBER.substring(1);

  @TempDir Path dir;
  private RegistryManifestWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  private RegistryManifestWorld.Answer read(String stream, String field) {
    world =
        new RegistryManifestWorld(dir.resolve("world")).start("source-macro-api", MANIFEST, null);
    // an honest API that turns the request down, naming nothing of it; the error names the URL
    world.vendor.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(400).withBody("{}")));
    return world.call(
        "read_source_stream_records",
        Map.of(
            "source_connector_name",
            "source-macro-api",
            "override_execution_mode",
            "native",
            "stream_name",
            stream,
            "config",
            Map.of(
                "api_key",
                "secret_reference::VENDOR_API_KEY",
                field,
                "secret_reference::VENDOR_ACCOUNT_NUMBER")));
  }

  private List<String> vendorGotTheNumber() {
    return world.vendor.getAllServeEvents().stream()
        .map(e -> e.getRequest().getUrl())
        .filter(u -> u.contains(AS_NUMBER))
        .toList();
  }

  @Test
  void aCursorStartThatFormatsTheSecretAsAUnixTimeIsRefused() {
    RegistryManifestWorld.Answer answer = read("segments", "start_date");

    assertFalse(
        answer.text().contains(AS_NUMBER),
        "the secret came back without its leading zero: " + answer.text());
    assertEquals(List.of(), vendorGotTheNumber(), "the secret went out as a Unix time");
  }

  @Test
  void aRequestParameterThatReadsTheSecretAsATimestampIsRefused() {
    RegistryManifestWorld.Answer answer = read("items", "since");

    assertFalse(
        answer.text().contains(AS_NUMBER),
        "the secret came back without its leading zero: " + answer.text());
    assertEquals(List.of(), vendorGotTheNumber(), "the secret went out as a number");
  }
}
