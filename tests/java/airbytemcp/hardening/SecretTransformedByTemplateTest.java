package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Registry manifests that transform a config value before they use it: slice it into pieces, or
 * read it as a date and print the date. An agent that puts a secret reference in such a field got
 * the secret back in a form the masker does not know, in the URL an error names. The manifests
 * below are written in the shapes of real ones (source-wikipedia-pageviews builds a path from
 * {@code config.start[:4]} and two more slices, source-dixa starts its cursor at {@code
 * format_datetime(config['start_date'], ...)}, source-clockodo sends such a date as a request
 * parameter).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SecretTransformedByTemplateTest {
  /** Top pages, at a path built from config.start. */
  private static final String PAGEVIEWS_AT =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [top]}
      streams:
        - type: DeclarativeStream
          name: top
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: VENDOR/api/views
              path: PATH
              http_method: GET
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [items]}}
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [project, start]
          properties:
            project: {type: string}
            start: {type: string}
      """;

  /** A path built from three slices of config.start. */
  private static final String PAGEVIEWS =
      PAGEVIEWS_AT.replace(
          "PATH",
          "\"{{ '/top/' ~ config.project ~ '/' ~ config.start[:4] ~ '/' ~ config.start[4:6]"
              + " ~ '/' ~ config.start[6:8] }}\"");

  /** The same path, the first eight characters of config.start read as a day. */
  private static final String PAGEVIEWS_BY_DAY =
      PAGEVIEWS_AT.replace(
          "PATH",
          "\"/top/{{ config.project }}/{{ format_datetime(config.start[:8], '%Y/%m/%d') }}\"");

  /** A cursor whose start is config.start_date read as a date and printed as a day. */
  private static final String EXPORT_DAYS =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [exports]}
      streams:
        - type: DeclarativeStream
          name: exports
          primary_key: [id]
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: VENDOR/v1/
              path: exports
              http_method: GET
              authenticator: {type: BearerAuthenticator, api_token: "{{ config['api_token'] }}"}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}
          incremental_sync:
            type: DatetimeBasedCursor
            cursor_field: updated_at
            datetime_format: "%ms"
            start_datetime:
              type: MinMaxDatetime
              datetime: "{{ format_datetime(config['start_date'], '%Y-%m-%d') }}"
              datetime_format: "%Y-%m-%d"
            start_time_option: {type: RequestOption, inject_into: request_parameter, field_name: after}
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [api_token, start_date]
          properties:
            api_token: {type: string, airbyte_secret: true}
            start_date: {type: string, format: date-time}
      """;

  /** A request parameter (no cursor) that is config.start_time read as a date, printed as a day. */
  private static final String TIMESHEET =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [entries]}
      streams:
        - type: DeclarativeStream
          name: entries
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: VENDOR/api
              path: /entries
              http_method: GET
              authenticator:
                type: BasicHttpAuthenticator
                username: "{{ config['email_address'] }}"
                password: "{{ config['api_key'] }}"
              request_parameters:
                since: "{{ format_datetime(config['start_time'], '%Y-%m-%d') }}"
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [entries]}}
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
      spec:
        type: Spec
        connection_specification:
          type: object
          additionalProperties: true
          required: [api_key, email_address]
          properties:
            api_key: {type: string, airbyte_secret: true}
            email_address: {type: string}
      """;

  /**
   * Stats per advertiser and campaign, the pairs listed in the config and split apart in the path
   * (source-tiktok-marketing splits its partitions' {@code advertiser_campaign_id} this way).
   */
  private static final String CAMPAIGN_STATS =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [campaign_stats]}
      streams:
        - type: DeclarativeStream
          name: campaign_stats
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: VENDOR/v2
              path: >-
                /advertisers/{{ stream_partition.advertiser_campaign_id.split('-')[0] }}/campaigns/{{
                stream_partition.advertiser_campaign_id.split('-')[1] }}/stats
              http_method: GET
              authenticator:
                type: ApiKeyAuthenticator
                api_token: "{{ config['access_token'] }}"
                inject_into: {type: RequestOption, inject_into: header, field_name: Access-Token}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [list]}}
            partition_router:
              type: ListPartitionRouter
              cursor_field: advertiser_campaign_id
              values: "{{ config['campaigns'] }}"
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [access_token, campaigns]
          properties:
            access_token: {type: string, airbyte_secret: true}
            campaigns: {type: array, items: {type: string}}
      """;

  /**
   * Charges behind a secret key whose rate limit depends on whether it is a test key, as
   * source-stripe's api_budget tells by the key's public prefix.
   */
  private static final String CHARGES =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [charges]}
      api_budget:
        type: HTTPAPIBudget
        policies:
          - type: MovingWindowCallRatePolicy
            rates:
              - limit: "{{ config.get('call_rate_limit', 25 if 'sk_test_' in config['client_secret'] else 100) }}"
                interval: PT1S
            matchers: []
      streams:
        - type: DeclarativeStream
          name: charges
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: VENDOR/v1
              path: /charges
              http_method: GET
              authenticator: {type: BearerAuthenticator, api_token: "{{ config['client_secret'] }}"}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [client_secret]
          properties:
            client_secret: {type: string, airbyte_secret: true}
      """;

  /** A test-mode key: its prefix is public, the rest is not. */
  private static final String TEST_KEY = "sk_test_51HxQmVZ2eZvKYlo2C0ffee";

  /** A passphrase in Cyrillic. */
  private static final String PASSPHRASE = "Пароль-Секрет-2024";

  /** A token shaped like a UUID, whose dashes the path above splits at. */
  private static final String UUID_TOKEN = "9b1c4e7a-52d3-4f8e-a6b0-3c9d2e7f1a45";

  /** A password from a generator that allows every symbol: it holds a backslash. */
  private static final String PASSWORD = "Tr0ub\\dor-8x.Yq7";

  @RegisterExtension final RegistryManifestWorlds worlds = new RegistryManifestWorlds();
  private RegistryManifestWorld world;

  private RegistryManifestWorld.Answer read(
      String connector, String manifest, String stream, Map<String, Object> config) {
    world = worlds.open();
    world.extraDotenv.put("VENDOR_PASSWORD", PASSWORD);
    world.extraDotenv.put("VENDOR_UUID_TOKEN", UUID_TOKEN);
    world.extraDotenv.put("VENDOR_PASSPHRASE", PASSPHRASE);
    world.start(connector, manifest, null);
    // an honest API that turns the request down, naming nothing of it; the error names the URL
    world.vendor.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(400).withBody("{}")));
    return world.readNatively(connector, stream, config);
  }

  /** config.start[:4] ~ '/' ~ config.start[4:6] ~ '/' ~ config.start[6:8] */
  private static String asThePathSlicesIt(String secret) {
    return secret.substring(0, 4) + "/" + secret.substring(4, 6) + "/" + secret.substring(6, 8);
  }

  private String vendorGot() {
    return String.join(
        "\n", world.vendor.getAllServeEvents().stream().map(e -> e.getRequest().getUrl()).toList());
  }

  /** Not every test of a secret is a leak: this one reads the prefix the manifest spells out. */
  @Test
  void aTestForAVendorsPublicPrefixInASecretPasses() {
    world = worlds.open();
    world.extraDotenv.put("VENDOR_TEST_KEY", TEST_KEY);
    world.start("source-charges-api", CHARGES, null);
    world.vendor.stubFor(
        get(anyUrl())
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"data\": [{\"id\": \"ch_1\"}]}")));

    RegistryManifestWorld.Answer answer =
        world.readNatively(
            "source-charges-api",
            "charges",
            Map.of("client_secret", "secret_reference::VENDOR_TEST_KEY"));

    assertFalse(answer.isError(), "a test key's rate limit was refused: " + answer.text());
    assertTrue(answer.text().contains("ch_1"), "the charge was read: " + answer.text());
    assertFalse(answer.text().contains(TEST_KEY), "nor is the key shown: " + answer.text());
  }

  /** "0412345678" comes back as /0412/34/56: eight of its ten digits. */
  @Test
  void aSlicedSecretDoesNotComeBackInThePath() {
    String secret = RegistryManifestWorld.ACCOUNT_NUMBER;
    String sliced = asThePathSlicesIt(secret);

    RegistryManifestWorld.Answer answer =
        read(
            "source-pageviews-api",
            PAGEVIEWS,
            "top",
            Map.of(
                "project", "en.wikipedia",
                "start", "secret_reference::VENDOR_ACCOUNT_NUMBER"));

    assertFalse(
        answer.text().contains(sliced),
        "eight digits of the secret came back in the path: " + answer.text());
    assertTrue(answer.isError(), answer.text());
    assertFalse(world.stderr().contains(sliced), "and in the server's log: " + world.stderr());
  }

  /** The same with an API key: its first eight characters, "sk-R/TI/-d". */
  @Test
  void aSlicedApiKeyDoesNotComeBackInThePath() {
    String secret = RegistryManifestWorld.API_KEY;
    String sliced = asThePathSlicesIt(secret);

    RegistryManifestWorld.Answer answer =
        read(
            "source-pageviews-api",
            PAGEVIEWS,
            "top",
            Map.of(
                "project", "en.wikipedia",
                "start", "secret_reference::VENDOR_API_KEY"));

    assertFalse(
        answer.text().contains(sliced),
        "the key's first eight characters came back in the path: " + answer.text());
    assertTrue(answer.isError(), answer.text());
    assertFalse(world.stderr().contains(sliced), "and in the server's log: " + world.stderr());
  }

  /**
   * A slice of a secret that is no date: the template's error quoted it ("'sk-RTI-d' is not a date
   * or time this runtime can read"), eight characters the masker does not know.
   */
  @Test
  void aSlicedSecretDoesNotComeBackInTheErrorOfTheTemplateThatReadsIt() {
    String sliced = RegistryManifestWorld.API_KEY.substring(0, 8);

    RegistryManifestWorld.Answer answer =
        read(
            "source-pageviews-api",
            PAGEVIEWS_BY_DAY,
            "top",
            Map.of(
                "project", "en.wikipedia",
                "start", "secret_reference::VENDOR_API_KEY"));

    assertTrue(answer.isError(), answer.text());
    assertFalse(
        answer.text().contains(sliced),
        "the key's first eight characters came back in the error: " + answer.text());
    assertTrue(
        answer.text().contains("in a form masking cannot recognize"),
        "the answer says why the template was refused: " + answer.text());
    assertFalse(world.stderr().contains(sliced), "nor in the server's log: " + world.stderr());
  }

  /**
   * An all-digit secret read as a Unix time and printed as a day: the cursor's start is the day's
   * midnight in milliseconds (412300800000 for 0412345678), which tells the secret to within 86400.
   */
  @Test
  void aSecretFormattedAsADateDoesNotComeBackAsTheCursorsStart() {
    LocalDate day =
        Instant.ofEpochSecond(Long.parseLong(RegistryManifestWorld.ACCOUNT_NUMBER))
            .atZone(ZoneOffset.UTC)
            .toLocalDate();
    String asMillis = Long.toString(day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1000);
    String asDay = day.format(DateTimeFormatter.ISO_LOCAL_DATE);

    RegistryManifestWorld.Answer answer =
        read(
            "source-export-days-api",
            EXPORT_DAYS,
            "exports",
            Map.of(
                "api_token", "secret_reference::VENDOR_API_KEY",
                "start_date", "secret_reference::VENDOR_ACCOUNT_NUMBER"));

    assertFalse(
        answer.text().contains(asMillis) || answer.text().contains(asDay),
        "the secret came back as a day: " + answer.text());
    assertFalse(vendorGot().contains(asMillis), "the secret went out as a day: " + vendorGot());
    assertTrue(answer.isError(), answer.text());
    assertFalse(world.stderr().contains(asMillis), "and in the server's log: " + world.stderr());
  }

  /**
   * The same for a plain request parameter, no cursor involved: the API is sent since=1983-01-25,
   * which tells the secret to within a day (86400).
   */
  @Test
  void aSecretFormattedAsADateDoesNotComeBackAsARequestParameter() {
    String asDay =
        Instant.ofEpochSecond(Long.parseLong(RegistryManifestWorld.ACCOUNT_NUMBER))
            .atZone(ZoneOffset.UTC)
            .toLocalDate()
            .format(DateTimeFormatter.ISO_LOCAL_DATE);

    RegistryManifestWorld.Answer answer =
        read(
            "source-timesheet-api",
            TIMESHEET,
            "entries",
            Map.of(
                "api_key", "secret_reference::VENDOR_API_KEY",
                "email_address", "ops@example.com",
                "start_time", "secret_reference::VENDOR_ACCOUNT_NUMBER"));

    assertFalse(answer.text().contains(asDay), "the secret came back as a day: " + answer.text());
    assertTrue(answer.isError(), answer.text());
    assertFalse(world.stderr().contains(asDay), "and in the server's log: " + world.stderr());
  }

  /**
   * A secret put whole into a path, but with a backslash: OkHttp reads it as a slash, so the URL
   * holds Tr0ub/dor-8x.Yq7, which the masker does not know (nor does ShownUrl, which judges the
   * parsed URL). The whole password, one character changed, comes back.
   */
  @Test
  void aSecretWithABackslashDoesNotComeBackInThePath() {
    String asParsed = PASSWORD.replace('\\', '/');

    RegistryManifestWorld.Answer answer =
        read(
            "source-pageviews-api",
            PAGEVIEWS,
            "top",
            Map.of(
                "project", "secret_reference::VENDOR_PASSWORD",
                "start", "20240101"));

    assertFalse(
        answer.text().contains(asParsed),
        "the password came back, its backslash a slash: " + answer.text());
    assertTrue(answer.isError(), answer.text());
    assertFalse(world.stderr().contains(asParsed), "and in the server's log: " + world.stderr());
  }

  /**
   * A secret listed as a partition, then split in the path: the API would be sent (and the error
   * would show) /advertisers/9b1c4e7a/campaigns/52d3/stats, the token's first twelve hex digits.
   * The path names no config field, only the partition the config's list became.
   */
  @Test
  void aSecretSplitAfterItBecameAPartitionDoesNotComeBackInThePath() {
    String firstPart = UUID_TOKEN.substring(0, UUID_TOKEN.indexOf('-'));

    RegistryManifestWorld.Answer answer =
        read(
            "source-campaign-stats-api",
            CAMPAIGN_STATS,
            "campaign_stats",
            Map.of(
                "access_token",
                "secret_reference::VENDOR_API_KEY",
                "campaigns",
                List.of("secret_reference::VENDOR_UUID_TOKEN")));

    assertFalse(
        answer.text().contains(firstPart),
        "the token's first part came back in the path: " + answer.text());
    assertFalse(vendorGot().contains(firstPart), "and went out in it: " + vendorGot());
    assertTrue(answer.isError(), answer.text());
    assertTrue(
        answer.text().contains("campaigns[0]"),
        "the refusal names the field that holds the secret: " + answer.text());
    assertFalse(world.stderr().contains(firstPart), "nor in the server's log: " + world.stderr());
  }

  /**
   * The same slices of a secret in another script: its decoy changes its letters within their
   * script (found by red team m1: decoys changed ASCII only, so this one's decoy was itself and the
   * first eight letters went out, %-escaped).
   */
  @Test
  void aSlicedSecretInAnotherScriptDoesNotComeBackInThePath() {
    String first4 = PASSPHRASE.substring(0, 4);
    String first4Escaped = URLEncoder.encode(first4, StandardCharsets.UTF_8);

    RegistryManifestWorld.Answer answer =
        read(
            "source-pageviews-api",
            PAGEVIEWS,
            "top",
            Map.of(
                "project", "en.wikipedia",
                "start", "secret_reference::VENDOR_PASSPHRASE"));

    assertFalse(
        answer.text().contains(first4) || answer.text().contains(first4Escaped),
        "the passphrase's first four letters came back: " + answer.text());
    assertFalse(
        vendorGot().contains(first4) || vendorGot().contains(first4Escaped),
        "and went out in the path: " + vendorGot());
    assertTrue(answer.isError(), answer.text());
    assertFalse(
        world.stderr().contains(first4) || world.stderr().contains(first4Escaped),
        "nor in the server's log: " + world.stderr());
  }
}
