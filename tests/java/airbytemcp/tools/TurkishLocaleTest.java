package airbytemcp.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.config.SettingsLoader;
import airbytemcp.secrets.Masker;
import airbytemcp.testing.FakeToolCall;
import airbytemcp.testing.RegistryFake;
import airbytemcp.testing.TestSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under a Turkish default locale, "i".toUpperCase() is a dotted capital İ: a tool must not depend
 * on the machine's locale to read its own enum words.
 */
class TurkishLocaleTest {
  private static final String REGISTRY =
      """
      {"sources": [{"sourceDefinitionId": "9b1d4f4e-0000-4000-8000-000000000001", "name": "Items",
                    "dockerRepository": "airbyte/source-items", "dockerImageTag": "1.0.0", "sourceType": "api"}],
       "destinations": [{"destinationDefinitionId": "9b1d4f4e-0000-4000-8000-000000000002", "name": "Sink",
                    "dockerRepository": "airbyte/destination-sink", "dockerImageTag": "2.0.0"}]}
      """;

  @TempDir Path dir;
  private final Locale original = Locale.getDefault();
  private RegistryFake cdn;

  @BeforeEach
  void turkish() {
    Locale.setDefault(Locale.forLanguageTag("tr-TR"));
    cdn = new RegistryFake();
    cdn.server.stubFor(get(RegistryFake.REGISTRY_PATH).willReturn(okJson(REGISTRY)));
  }

  @AfterEach
  void restore() {
    Locale.setDefault(original);
    cdn.close();
  }

  @Test
  @SuppressWarnings("unchecked")
  void listConnectorsFiltersByTypeUnderATurkishLocale() throws Exception {
    var settings = TestSettings.in(dir).env(SettingsLoader.CONNECTORS_CDN_URL, cdn.cdnUrl()).load();
    ToolDefinition list =
        new RegistryTools(Services.create(settings, new Masker()))
            .definitions().stream()
                .filter(t -> t.name().equals("list_connectors"))
                .findFirst()
                .orElseThrow();

    ToolResult result =
        list.handler().call(new FakeToolCall(Map.of("connector_type_filter", "destination")));

    assertEquals(
        List.of("destination-sink"),
        (List<String>) result.structured().get("result"),
        "connector_type_filter=destination must select the destination under tr-TR: " + result);
  }
}
