package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the declarative component schema comes from under AIRBYTE_OFFLINE_MODE and a failing
 * network: offline never builds an HTTP client, so no socket can open, and a copy downloaded
 * earlier validates manifests in both cases.
 */
class ComponentSchemaFetchingTest {
  /** A schema small enough to read: a manifest must say its version. */
  private static final String SCHEMA =
      """
      $schema: http://json-schema.org/draft-07/schema#
      type: object
      required: [version]
      properties:
        version: {type: string}
      definitions: {}
      """;

  private static final String PATH = "/airbyte_cdk/declarative_component_schema.yaml";

  private final WireMockServer cdk =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  private final AtomicInteger clientsBuilt = new AtomicInteger();
  @TempDir Path kept;

  @BeforeEach
  void start() {
    cdk.start();
  }

  @AfterEach
  void stop() {
    cdk.stop();
  }

  @Test
  void offlineModeValidatesNothingAndNeverBuildsAClientWhenNoCopyWasKept() {
    cdk.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withBody(SCHEMA)));

    Optional<ComponentSchema> schema = fetch(true).get();

    assertTrue(schema.isEmpty(), "offline, with no kept copy, there is no schema to validate with");
    assertEquals(0, clientsBuilt.get(), "offline mode built an HTTP client for the schema");
    cdk.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aDownloadedSchemaIsKeptAndValidatesOfflineLater() throws Exception {
    cdk.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withBody(SCHEMA)));
    assertTrue(fetch(false).get().isPresent(), "the schema served online was not loaded");
    cdk.resetRequests();
    clientsBuilt.set(0);

    Optional<ComponentSchema> offline = fetch(true).get();

    assertTrue(offline.isPresent(), "offline mode did not use the copy kept from the download");
    assertFalse(
        offline.get().validate(Json.MAPPER.readTree("{}")).isEmpty(),
        "the kept copy is not the schema that was served: a manifest without version passed");
    assertEquals(0, clientsBuilt.get(), "offline mode built an HTTP client for the schema");
    cdk.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aFailedDownloadFallsBackToTheKeptCopy() {
    cdk.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withBody(SCHEMA)));
    assertTrue(fetch(false).get().isPresent(), "the schema served online was not loaded");
    cdk.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));

    assertTrue(
        fetch(false).get().isPresent(),
        "a 503 from the schema's host left manifests unvalidated although a copy was kept");
  }

  @Test
  void anAnswerThatIsNotASchemaIsNeitherUsedNorKept() throws Exception {
    cdk.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(aResponse().withBody("<html>captive portal</html>")));

    assertTrue(fetch(false).get().isEmpty(), "a page that is not a schema was used as one");
    try (var files = Files.list(kept)) {
      assertEquals(0, files.count(), "a page that is not a schema was kept for offline use");
    }
  }

  @Test
  void aCopyThatCannotBeKeptLeavesNoPartialFileBehind() throws Exception {
    cdk.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withBody(SCHEMA)));
    // a folder where the copy should go: the move into place fails
    Files.createDirectories(
        kept.resolve(ComponentSchemas.keptName(cdk.baseUrl() + PATH)).resolve("x"));

    assertTrue(fetch(false).get().isPresent(), "the downloaded schema was not used");
    try (var files = Files.list(kept)) {
      assertEquals(
          List.of(),
          files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".part")).toList(),
          "a copy that could not be moved into place was left half-kept");
    }
  }

  @Test
  void eachUrlKeepsItsOwnCopy() {
    assertNotEquals(
        ComponentSchemas.keptName("https://a.example/schema.yaml"),
        ComponentSchemas.keptName("https://b.example/schema.yaml"),
        "two schema URLs share one kept copy, so changing the setting could validate against"
            + " the other's schema");
  }

  private Supplier<Optional<ComponentSchema>> fetch(boolean offline) {
    Supplier<OkHttpClient> http =
        () -> {
          clientsBuilt.incrementAndGet();
          return new OkHttpClient();
        };
    return ComponentSchemas.lazily(
        cdk.baseUrl() + PATH, new ComponentSchemas.Fetching(offline, Optional.of(kept), http));
  }
}
