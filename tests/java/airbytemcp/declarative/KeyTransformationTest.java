package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * KeyTransformation on DpathFlattenFields: flattened keys get a prefix and a suffix; and the
 * flattening itself follows the CDK (no merge at all when a key is already there).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KeyTransformationTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static String manifest(String flatten) {
    return String.format(
        Locale.ROOT,
        """
        version: 6.0.0
        type: DeclarativeSource
        check: {type: CheckStream, stream_names: [deals]}
        streams:
          - type: DeclarativeStream
            name: deals
            schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
            retriever:
              type: SimpleRetriever
              requester: {type: HttpRequester, url_base: https://api.example.com, path: /deals, http_method: GET}
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [results]}}
            transformations:
              - %s
            $parameters: {kind: deal}
        """,
        flatten);
  }

  private JsonNode first(String flatten, String record) {
    api.server.stubFor(
        get(urlPathEqualTo("/deals")).willReturn(okJson("{\"results\": [" + record + "]}")));
    return FakeApi.read(
            DeclarativeConnector.of(
                SharedManifests.loaderValidatingWhereAvailable()
                    .fromText("keys", manifest(flatten)),
                api.options()),
            Json.object(),
            FakeApi.catalog("full_refresh", "deals"),
            null)
        .records("deals")
        .get(0);
  }

  @Test
  void flattenedKeysGetThePrefix() {
    JsonNode r =
        first(
            "{type: DpathFlattenFields, field_path: [properties],"
                + " key_transformation: {type: KeyTransformation, prefix: properties_}}",
            "{\"id\": 1, \"properties\": {\"amount\": 5, \"stage\": \"won\"}}");

    assertEquals(
        "{\"id\":1,\"properties\":{\"amount\":5,\"stage\":\"won\"},"
            + "\"properties_amount\":5,\"properties_stage\":\"won\"}",
        r.toString(),
        "the nested keys join the record prefixed, the original stays");
  }

  @Test
  void prefixAndSuffixAreInterpolatedWithParameters() {
    JsonNode r =
        first(
            "{type: DpathFlattenFields, field_path: [counters], delete_origin_value: true,"
                + " key_transformation: {type: KeyTransformation,"
                + " prefix: \"{{ parameters.kind }}_\", suffix: _count}}",
            "{\"id\": 1, \"counters\": {\"open\": 2}}");

    assertEquals("{\"id\":1,\"deal_open_count\":2}", r.toString());
  }

  @Test
  void aKeyAlreadyInTheRecordStopsTheWholeMergeAsInTheCdk() {
    JsonNode r =
        first(
            "{type: DpathFlattenFields, field_path: [meta], delete_origin_value: true}",
            "{\"id\": 1, \"meta\": {\"id\": 9, \"tag\": \"x\"}}");

    assertEquals(
        "{\"id\":1,\"meta\":{\"id\":9,\"tag\":\"x\"}}",
        r.toString(),
        "nothing merged and nothing deleted when a flattened key collides");
  }

  @Test
  void theManifestIsNotReportedUnsupported() {
    ManifestLoader loader = SharedManifests.loaderValidatingWhereAvailable();
    assertEquals(
        Set.of(),
        loader.unsupported(
            loader.fromText(
                "supported",
                manifest(
                    "{type: DpathFlattenFields, field_path: [p], key_transformation: {type: KeyTransformation, prefix: p_}}"))),
        "KeyTransformation is run, so --check-manifests must not list it");
  }
}
