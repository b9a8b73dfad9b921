package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A registry manifest whose spec builds a config field from another one ({@code ConfigAddFields} in
 * {@code config_normalization_rules}, as source-amazon-seller-partner appends a unit with {@code
 * config.get('financial_events_step') ~ 'D'}), and a template that then slices the built field. The
 * build is verbatim, so it passes the decoy check; the built field then holds the secret with text
 * around it, which {@code SecretDecoys} did not count as a secret field (a field was one only when
 * it masked to {@code ****} as a whole), so the slice was rendered once, never against decoys, and
 * the secret's first eight characters went out in the path and came back in the error naming the
 * URL. Also when the rules then remove the field the secret came in, so that no field holds it
 * whole. Found by red team m3.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SecretInsideAConfigFieldTheSpecBuiltTest {
  /** Top pages of one hour, the hour appended to the day the user gives, sliced into the path. */
  private static final String PAGEVIEWS_BY_HOUR =
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
              path: "{{ '/top/' ~ config.project ~ '/' ~ config.start_hour[:4] ~ '/' ~ config.start_hour[4:6] ~ '/' ~ config.start_hour[6:8] ~ '/' ~ config.start_hour[8:10] }}"
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
        config_normalization_rules:
          type: ConfigNormalizationRules
          transformations:
            - type: ConfigAddFields
              fields:
                - type: AddedFieldDefinition
                  path: ["start_hour"]
                  value: "{{ config['start'] ~ '00' }}"
      """;

  @RegisterExtension final RegistryManifestWorlds worlds = new RegistryManifestWorlds();

  /**
   * The rules remove the field the secret came in, after building the one the path slices (the spec
   * no longer requires it, as the config is checked against the spec after the rules).
   */
  private static final String REMOVING_THE_ORIGINAL =
      PAGEVIEWS_BY_HOUR.replace("required: [project, start]", "required: [project]")
          + """
                - type: ConfigRemoveFields
                  field_pointers: [["start"]]
          """;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aSecretSlicedFromAFieldTheSpecBuiltAroundItDoesNotComeBackInThePath(
      boolean originalRemoved) {
    String secret = RegistryManifestWorld.API_KEY;
    String sliced =
        secret.substring(0, 4) + "/" + secret.substring(4, 6) + "/" + secret.substring(6, 8);
    RegistryManifestWorld world = worlds.open();
    world.start(
        "source-pageviews-hourly-api",
        originalRemoved ? REMOVING_THE_ORIGINAL : PAGEVIEWS_BY_HOUR,
        null);
    // an honest API that turns the request down, naming nothing of it; the error names the URL
    world.vendor.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(400).withBody("{}")));

    RegistryManifestWorld.Answer answer =
        world.readNatively(
            "source-pageviews-hourly-api",
            "top",
            Map.of("project", "en.wikipedia", "start", "secret_reference::VENDOR_API_KEY"));

    String sent =
        String.join(
            "\n",
            world.vendor.getAllServeEvents().stream().map(e -> e.getRequest().getUrl()).toList());
    assertFalse(
        answer.text().contains(sliced),
        "the key's first eight characters came back in the path: " + answer.text());
    assertFalse(sent.contains(sliced), "the key's first eight characters went out: " + sent);
    assertFalse(world.stderr().contains(sliced), "and in the server's log: " + world.stderr());
    assertTrue(
        answer.text().contains("computes a value from a config field that holds a secret"),
        "the slice was not refused as one of a secret: " + answer.text());
  }
}
