package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An agent that puts a secret reference in a field the connector reads as a date or a count ({@code
 * start_date}, a starting id). Read as a date, an all-digit secret is a Unix time and goes out as
 * {@code 1983-01-25T...}; read as a number, it loses its leading zero. Either form is one the
 * masker does not know, and both come back to the agent in the request URL an error names (or in
 * whatever an API echoes of its query). The runtime refuses to read a secret as a date or a number,
 * whether it does so itself (a cursor's bounds) or a template does ({@code
 * format_datetime(config['start_date'], '%s')}, as source-intercom starts its cursor, or {@code
 * timestamp(config['since'])}, as source-pocket fills a request parameter).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SecretReadAsDateOrNumberTest {
  private static final String MANIFEST =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [events]}
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
          name: events
          primary_key: [id]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester: {$ref: "#/definitions/requester", path: events}
            record_selector: {$ref: "#/definitions/selector"}
          incremental_sync:
            type: DatetimeBasedCursor
            cursor_field: updated_at
            datetime_format: "%Y-%m-%dT%H:%M:%SZ"
            start_datetime: "{{ config['start_date'] }}"
            start_time_option: {type: RequestOption, field_name: since, inject_into: request_parameter}
        - type: DeclarativeStream
          name: orders
          primary_key: [id]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester: {$ref: "#/definitions/requester", path: orders}
            record_selector: {$ref: "#/definitions/selector"}
          incremental_sync:
            type: IncrementingCountCursor
            cursor_field: id
            start_value: "{{ config['start_id'] }}"
            start_value_option: {type: RequestOption, field_name: after, inject_into: request_parameter}
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
        - type: DeclarativeStream
          name: pages
          primary_key: [id]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester: {$ref: "#/definitions/requester", path: pages}
            record_selector: {$ref: "#/definitions/selector"}
            paginator:
              type: DefaultPaginator
              pagination_strategy: {type: OffsetIncrement, page_size: "{{ config['page_size'] }}"}
              page_size_option: {type: RequestOption, field_name: limit, inject_into: request_parameter}
              page_token_option: {type: RequestOption, field_name: offset, inject_into: request_parameter}
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [api_key]
          properties:
            api_key: {type: string, airbyte_secret: true}
            start_date: {type: string}
            start_id: {type: string}
            since: {type: string}
            page_size: {type: string}
      """;

  @RegisterExtension final RegistryManifestWorlds worlds = new RegistryManifestWorlds();
  private RegistryManifestWorld world;

  private RegistryManifestWorld.Answer read(String stream, String field) {
    world = worlds.open().start("source-dated-api", MANIFEST, null);
    // an honest API that turns the request down, naming nothing of it; the error names the URL
    world.vendor.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(400).withBody("{}")));
    return world.readNatively(
        "source-dated-api",
        stream,
        Map.of(
            "api_key",
            "secret_reference::VENDOR_API_KEY",
            field,
            "secret_reference::VENDOR_ACCOUNT_NUMBER"));
  }

  private List<String> vendorGot() {
    return world.vendor.getAllServeEvents().stream().map(e -> e.getRequest().getUrl()).toList();
  }

  @Test
  void aSecretIsNotReadAsTheCursorsStartDate() {
    String asDate =
        Instant.ofEpochSecond(Long.parseLong(RegistryManifestWorld.ACCOUNT_NUMBER))
            .toString()
            .substring(0, "yyyy-MM-ddTHH".length());

    RegistryManifestWorld.Answer answer = read("events", "start_date");

    assertFalse(answer.text().contains(asDate), "the secret came back as a date: " + answer.text());
    assertEquals(List.of(), vendorGot(), "the secret went out as a date");
    assertTrue(
        answer.isError() && answer.text().contains("start_datetime"),
        "the read says which field held the secret: " + answer.text());
  }

  @Test
  void aSecretIsNotReadAsTheCursorsStartCount() {
    String asNumber = RegistryManifestWorld.ACCOUNT_NUMBER.substring(1);

    RegistryManifestWorld.Answer answer = read("orders", "start_id");

    assertFalse(
        answer.text().contains(asNumber), "the secret came back as a number: " + answer.text());
    assertEquals(List.of(), vendorGot(), "the secret went out as a number");
    assertTrue(
        answer.isError() && answer.text().contains("start_value"),
        "the read says which field held the secret: " + answer.text());
  }

  /** Read as a number, 0412345678 would go out as limit=412345678: its leading zero gone. */
  @Test
  void aSecretIsNotReadAsThePageSize() {
    String asNumber = RegistryManifestWorld.ACCOUNT_NUMBER.substring(1);

    RegistryManifestWorld.Answer answer = read("pages", "page_size");

    assertFalse(
        answer.text().contains(asNumber), "the secret came back as a number: " + answer.text());
    assertEquals(List.of(), vendorGot(), "the secret went out as a page size");
    assertTrue(
        answer.isError() && answer.text().contains("page_size"),
        "the read says which field held the secret: " + answer.text());
  }

  @Test
  void aCursorStartThatATemplateFormatsAsAUnixTimeIsRefused() {
    String asNumber = RegistryManifestWorld.ACCOUNT_NUMBER.substring(1);

    RegistryManifestWorld.Answer answer = read("segments", "start_date");

    assertFalse(
        answer.text().contains(asNumber), "the secret came back as a number: " + answer.text());
    assertEquals(List.of(), vendorGot(), "the secret went out as a Unix time");
    assertTrue(answer.isError(), answer.text());
  }

  @Test
  void aRequestParameterThatATemplateReadsAsATimestampIsRefused() {
    String asNumber = RegistryManifestWorld.ACCOUNT_NUMBER.substring(1);

    RegistryManifestWorld.Answer answer = read("items", "since");

    assertFalse(
        answer.text().contains(asNumber), "the secret came back as a number: " + answer.text());
    assertEquals(List.of(), vendorGot(), "the secret went out as a number");
    assertTrue(answer.isError(), answer.text());
  }
}
