package airbytemcp.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.file.Files;

/** WireMock playing Airbyte's connector CDN, serving the real registry snapshot from ../shared. */
public final class RegistryFake implements AutoCloseable {
  public static final String REGISTRY_PATH = "/files/registries/v0/oss_registry.json";

  public final WireMockServer server = new WireMockServer(options().dynamicPort());

  public RegistryFake() {
    server.start();
  }

  public RegistryFake servingSnapshot() throws IOException {
    byte[] snapshot = Files.readAllBytes(SharedData.registrySnapshot());
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

  public String docsUrl() {
    return server.baseUrl() + "/docs";
  }

  @Override
  public void close() {
    server.stop();
  }
}
