package airbytemcp.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.config.RegistrySettings;
import airbytemcp.config.Settings;
import airbytemcp.config.SettingsLoader;
import airbytemcp.testing.RegistryFake;
import airbytemcp.testing.TestResources;
import airbytemcp.testing.TestSettings;
import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetching, caching and falling back, against a fake CDN serving the project's registry fixture.
 */
class RegistryClientTest {
  private static final int FIXTURE_CONNECTORS = 8;
  @TempDir Path dir;
  private final RegistryFake cdn = new RegistryFake();

  @AfterEach
  void stop() {
    cdn.close();
  }

  private Settings settings(String... extra) {
    TestSettings t = TestSettings.in(dir).env(SettingsLoader.CONNECTORS_CDN_URL, cdn.cdnUrl());
    for (int i = 0; i < extra.length; i += 2) {
      t.env(extra[i], extra[i + 1]);
    }
    return t.load();
  }

  private static RegistryClient client(Settings s) {
    return new RegistryClient(s.registry(), s.projectDir());
  }

  private int registryRequests() {
    return cdn.server
        .countRequestsMatching(getRequestedFor(urlEqualTo(RegistryFake.REGISTRY_PATH)).build())
        .getCount();
  }

  @Test
  void downloadsTheRegistryFromTheCdn() throws IOException {
    cdn.servingFixture();
    assertEquals(FIXTURE_CONNECTORS, client(settings()).registry().all().size());
    assertEquals(1, registryRequests());
  }

  @Test
  void aSecondProcessWithinTheExpiryUsesTheDiskCopy() throws IOException {
    cdn.servingFixture();
    Settings s = settings();
    client(s).registry();
    client(s).registry();
    assertEquals(1, registryRequests());
  }

  @Test
  void anExpiredCopyIsDownloadedAgain() throws IOException {
    cdn.servingFixture();
    Settings s = settings(SettingsLoader.REGISTRY_CACHE_TTL, "0");
    client(s).registry();
    client(s).registry();
    assertEquals(2, registryRequests());
  }

  @Test
  void whenTheNetworkFailsTheLastGoodCopyIsUsed() throws IOException {
    cdn.servingFixture();
    Settings s = settings(SettingsLoader.REGISTRY_CACHE_TTL, "0");
    client(s).registry();
    cdn.server.stubFor(get(RegistryFake.REGISTRY_PATH).willReturn(aResponse().withStatus(503)));
    assertEquals(FIXTURE_CONNECTORS, client(s).registry().all().size());
  }

  @Test
  void offlineModeUsesTheLastGoodCopyWithoutAnyRequest() throws IOException {
    cdn.servingFixture();
    client(settings()).registry();
    Settings offline =
        settings(SettingsLoader.OFFLINE_MODE, "1", SettingsLoader.REGISTRY_CACHE_TTL, "0");
    assertEquals(FIXTURE_CONNECTORS, client(offline).registry().all().size());
    assertEquals(1, registryRequests());
  }

  @Test
  void offlineModeWithoutACopySaysHowToGetOne() {
    RegistryError e =
        assertThrows(
            RegistryError.class,
            () -> client(settings(SettingsLoader.OFFLINE_MODE, "1")).registry());
    assertTrue(
        e.getMessage().contains("no cached copy"),
        "expected " + "no cached copy" + " in: " + e.getMessage());
    assertTrue(
        e.hint().contains("AIRBYTE_LOCAL_REGISTRY"),
        "expected " + "AIRBYTE_LOCAL_REGISTRY" + " in: " + e.hint());
  }

  /** The hints of everything offline mode refuses: to turn it off is to unset it and restart. */
  @Test
  void offlineModesHintsSayToUnsetItAndRestartNotToSetItToZero() {
    Settings offline = settings(SettingsLoader.OFFLINE_MODE, "1");
    List<String> hints =
        List.of(
            assertThrows(RegistryError.class, () -> client(offline).registry()).hint(),
            assertThrows(
                    RegistryError.class,
                    () ->
                        new ConnectorFiles(offline.registry())
                            .fetchText("source-faker", "latest", "manifest.yaml"))
                .hint());
    for (String hint : hints) {
      assertTrue(
          hint.contains("unset AIRBYTE_OFFLINE_MODE") && hint.contains("restart the server"),
          "offline mode is off when unset, and read at start-up: " + hint);
      assertFalse(hint.contains("AIRBYTE_OFFLINE_MODE=0"), "no setting to 0: " + hint);
    }
  }

  @Test
  void unreachableRegistryWithoutACopyNamesTheUrlAndTheWayOut() {
    cdn.server.stubFor(get(RegistryFake.REGISTRY_PATH).willReturn(aResponse().withStatus(500)));
    RegistryError e = assertThrows(RegistryError.class, () -> client(settings()).registry());
    assertTrue(
        e.getMessage().contains(cdn.cdnUrl()),
        "expected " + cdn.cdnUrl() + " in: " + e.getMessage());
    assertTrue(
        e.getMessage().contains("HTTP 500"), "expected " + "HTTP 500" + " in: " + e.getMessage());
    assertTrue(
        e.hint().contains("AIRBYTE_LOCAL_REGISTRY"),
        "expected " + "AIRBYTE_LOCAL_REGISTRY" + " in: " + e.hint());
  }

  @Test
  void aLocalRegistryFileIsUsedWithoutTheNetwork() {
    Settings s = settings(SettingsLoader.LOCAL_REGISTRY, TestResources.registry().toString());
    assertEquals(FIXTURE_CONNECTORS, client(s).registry().all().size());
    assertEquals(0, registryRequests());
  }

  @Test
  void aBrokenLocalRegistryFileIsReportedWithItsPath() throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{not json");
    RegistrySettings r = settings(SettingsLoader.LOCAL_REGISTRY, broken.toString()).registry();
    RegistryError e =
        assertThrows(RegistryError.class, () -> new RegistryClient(r, dir).registry());
    assertTrue(
        e.getMessage().contains(broken.toString()),
        "expected " + broken.toString() + " in: " + e.getMessage());
  }

  @Test
  void aFailedLookUpIsNamedInWordsEvenWhenItsMessageIsTheBareHostName() {
    // the JVM caches a failed look-up: the second UnknownHostException says only the host name
    String why = RegistryClient.why(new UnknownHostException("connectors.airbyte.com"));

    assertTrue(
        why.startsWith("the host name did not resolve (connectors.airbyte.com"),
        "the reason should say what failed, not only name the host: " + why);
  }
}
