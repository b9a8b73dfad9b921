package airbytemcp.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import airbytemcp.config.RegistrySettings;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A connector's documentation page is the one the registry names, on the configured docs site:
 * enterprise connectors and renamed ones have pages their names do not give.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DocsPageUrlTest {
  private static final String DOCS = "http://127.0.0.1:9/docs"; // never fetched here

  private final ConnectorRegistry registry =
      ConnectorRegistry.parse(
          Json.parse(
              """
              {"sources": [
                {"name": "Workday", "dockerRepository": "airbyte/source-workday",
                 "dockerImageTag": "1.0.0",
                 "documentationUrl": "https://docs.airbyte.com/integrations/enterprise-connectors/source-workday"},
                {"name": "Jenkins", "dockerRepository": "farosai/airbyte-jenkins-source",
                 "dockerImageTag": "0.1.0",
                 "documentationUrl": "https://docs.airbyte.com/integrations/sources/jenkins"},
                {"name": "Streamr", "dockerRepository": "devmate/source-streamr",
                 "dockerImageTag": "0.1.0",
                 "documentationUrl": "https://github.com/devmate-cloud/streamr-airbyte-connectors"},
                {"name": "Plain", "dockerRepository": "airbyte/source-plain",
                 "dockerImageTag": "0.1.0"}
              ], "destinations": []}"""));

  private final VersionHistory history =
      new VersionHistory(
          new RegistrySettings(
              "unused", Optional.empty(), "unused", DOCS, true, Duration.ofMinutes(1)),
          new OkHttpClient());

  private String page(String connector) {
    return history.docsPageUrl(registry.find(connector).orElseThrow());
  }

  @Test
  void theRegistrysPageIsTakenOnTheConfiguredSite() {
    assertEquals(
        DOCS + "/integrations/enterprise-connectors/source-workday", page("source-workday"));
    assertEquals(DOCS + "/integrations/sources/jenkins", page("airbyte-jenkins-source"));
  }

  @Test
  void aPageOnAnotherSiteIsTakenAsItIs() {
    assertEquals(
        "https://github.com/devmate-cloud/streamr-airbyte-connectors", page("source-streamr"));
  }

  @Test
  void withoutOneThePageIsBuiltFromTheName() {
    assertEquals(DOCS + "/integrations/sources/plain", page("source-plain"));
  }
}
