package airbytemcp.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import airbytemcp.config.RegistrySettings;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * WireMock playing Airbyte's connector CDN, serving the project's registry fixture or the real
 * registry snapshot from ../shared.
 */
public final class RegistryFake implements AutoCloseable {
  public static final String REGISTRY_PATH = "/files/registries/v0/oss_registry.json";

  public final WireMockServer server = new WireMockServer(options().dynamicPort());

  public RegistryFake() {
    server.start();
  }

  /** Serves Airbyte's real registry snapshot (skips without ../shared). */
  public RegistryFake servingSnapshot() throws IOException {
    return serving(SharedData.registrySnapshot());
  }

  /** Serves the project's own registry (tests/resources/registry). */
  public RegistryFake servingFixture() throws IOException {
    return serving(TestResources.registry());
  }

  private RegistryFake serving(Path registry) throws IOException {
    byte[] snapshot = Files.readAllBytes(registry);
    server.stubFor(
        get(REGISTRY_PATH)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(snapshot)));
    return this;
  }

  /** The value for AIRBYTE_CONNECTORS_CDN_URL. */
  public String cdnUrl() {
    return server.baseUrl() + "/files";
  }

  /** Serves {@code yaml} as the registry's manifest of {@code connector} (its latest version). */
  public void serveManifest(String connector, String yaml) {
    server.stubFor(
        get("/files/metadata/airbyte/" + connector + "/latest/manifest.yaml")
            .willReturn(aResponse().withBody(yaml)));
  }

  /** Registry settings that fetch the registry, manifests and docs from this fake (online). */
  public RegistrySettings settings() {
    return new RegistrySettings(
        cdnUrl() + "/registries/v0/oss_registry.json",
        Optional.empty(),
        cdnUrl(),
        docsUrl(),
        false,
        Duration.ofMinutes(5));
  }

  public String docsUrl() {
    return server.baseUrl() + "/docs";
  }

  @Override
  public void close() {
    server.stop();
  }
}
