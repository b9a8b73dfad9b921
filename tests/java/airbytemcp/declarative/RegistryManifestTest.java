package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.testing.RegistryFake;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Manifests downloaded from the connector CDN (WireMock serving the real manifests). */
class RegistryManifestTest {
  private final RegistryFake cdn = new RegistryFake();

  @AfterEach
  void stop() {
    cdn.close();
  }

  private ManifestLoader loader() {
    return SharedManifests.loaderValidatingWhereAvailable(cdn);
  }

  private void serve(String connector, Path manifest) throws Exception {
    cdn.serveManifest(connector, Files.readString(manifest));
  }

  @Test
  void aRegistryManifestLoadsByConnectorName() throws Exception {
    serve("source-fixture-declarative", FixtureManifests.manifest());
    Manifest m = loader().fromRegistry("source-fixture-declarative", "latest");
    assertEquals("source-fixture-declarative", m.name());
    assertEquals("items", m.definition().at("/streams/0/name").asText());
  }

  @Test
  void aConnectorWithoutManifestIsNotDeclarative() {
    cdn.server.stubFor(
        get("/files/metadata/airbyte/source-postgres/latest/manifest.yaml")
            .willReturn(aResponse().withStatus(404)));
    DeclarativeError e =
        assertThrows(
            DeclarativeError.class, () -> loader().fromRegistry("source-postgres", "latest"));
    assertTrue(e.getMessage().contains("not a declarative connector"), e.getMessage());
  }

  @Test
  void aRegistryManifestWithCustomComponentsIsRecognised() throws Exception {
    serve("source-fixture-custom", FixtureManifests.customManifest());
    assertThrows(
        CustomComponentsError.class,
        () -> loader().fromRegistry("source-fixture-custom", "latest"));
  }
}
