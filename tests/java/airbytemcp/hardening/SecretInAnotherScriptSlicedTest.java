package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slice of a secret written in another script is refused like one in ASCII: its decoy changes its
 * letters within their own script (found by red team m1: decoys changed ASCII letters and digits
 * only, so a Cyrillic passphrase's decoy was itself). source-wikipedia-pageviews builds its path
 * from {@code config.start[:4]}, {@code [4:6]} and {@code [6:8]}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SecretInAnotherScriptSlicedTest {
  static final String PASSPHRASE = "Пароль-Секрет-2024";

  /** source-wikipedia-pageviews' top stream path, verbatim. */
  private static final String PAGEVIEWS =
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
              url_base: VENDOR/api/rest_v1/metrics/pageviews
              path: >-
                {{ '/top/' ~ config.project ~ '/' ~ config.access ~ '/' ~ config.start[:4]
                ~ '/' ~ config.start[4:6] ~ '/' ~ config.start[6:8] }}
              http_method: GET
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [items]}}
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [project, access, start]
          properties:
            project: {type: string}
            access: {type: string}
            start: {type: string}
      """;

  @TempDir Path dir;
  private RegistryManifestWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aSliceOfANonAsciiSecretDoesNotComeBackInThePath() {
    world = new RegistryManifestWorld(dir.resolve("world"));
    world.extraDotenv.put("VENDOR_PASSPHRASE", PASSPHRASE);
    world.vendor.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(400).withBody("{}")));
    world.start("source-pageviews-api", PAGEVIEWS, null);

    RegistryManifestWorld.Answer answer =
        world.call(
            "read_source_stream_records",
            Map.of(
                "source_connector_name", "source-pageviews-api",
                "override_execution_mode", "native",
                "stream_name", "top",
                "config",
                    Map.of(
                        "project", "en.wikipedia",
                        "access", "all-access",
                        "start", "secret_reference::VENDOR_PASSPHRASE")));

    String first4 = PASSPHRASE.substring(0, 4);
    String first4Escaped = URLEncoder.encode(first4, StandardCharsets.UTF_8);
    List<String> urls =
        world.vendor.getAllServeEvents().stream().map(e -> e.getRequest().getUrl()).toList();
    assertFalse(
        answer.text().contains(first4) || answer.text().contains(first4Escaped),
        "the passphrase's first four letters came back: " + answer.text());
    assertTrue(
        urls.stream().noneMatch(u -> u.contains(first4Escaped) || u.contains(first4)),
        "and went out in the path: " + urls);
    assertFalse(
        world.stderr().contains(first4) || world.stderr().contains(first4Escaped),
        "and in the log: " + world.stderr());
  }
}
