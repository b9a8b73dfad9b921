package airbytemcp.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.config.SettingsLoader;
import airbytemcp.testing.RegistryFake;
import airbytemcp.testing.TestSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Specs for entries that do not carry one come from the spec files Airbyte publishes. */
class ConnectorSpecsTest {
  @TempDir Path dir;
  private final RegistryFake cdn = new RegistryFake();

  @AfterEach
  void stop() {
    cdn.close();
  }

  private ConnectorSpecs specs() {
    return new ConnectorSpecs(
        new ConnectorFiles(
            TestSettings.in(dir)
                .env(SettingsLoader.CONNECTORS_CDN_URL, cdn.cdnUrl())
                .load()
                .registry()));
  }

  private static ConnectorMetadata entryWithoutSpec() {
    return ConnectorRegistry.parse(
            Json.parse(
                """
        {"sources": [{"dockerRepository": "airbyte/source-tiny", "dockerImageTag": "1.2.3", "name": "Tiny"}]}
        """))
        .require("source-tiny");
  }

  @Test
  void cloudSpecIsPreferred() {
    cdn.server.stubFor(
        get("/files/metadata/airbyte/source-tiny/1.2.3/cloud.json")
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"spec\": {\"connectionSpecification\": {\"title\": \"cloud\"}}}")));
    cdn.server.stubFor(
        get("/files/metadata/airbyte/source-tiny/1.2.3/oss.json")
            .willReturn(
                aResponse()
                    .withBody("{\"spec\": {\"connectionSpecification\": {\"title\": \"oss\"}}}")));
    assertEquals(
        "cloud",
        specs().connectionSpecification(entryWithoutSpec()).orElseThrow().path("title").asText());
  }

  @Test
  void ossSpecIsTheFallback() {
    cdn.server.stubFor(
        get("/files/metadata/airbyte/source-tiny/1.2.3/oss.json")
            .willReturn(
                aResponse()
                    .withBody("{\"spec\": {\"connectionSpecification\": {\"title\": \"oss\"}}}")));
    assertEquals(
        "oss",
        specs().connectionSpecification(entryWithoutSpec()).orElseThrow().path("title").asText());
  }

  @Test
  void noPublishedSpecMeansNone() {
    assertTrue(specs().connectionSpecification(entryWithoutSpec()).isEmpty());
  }
}
