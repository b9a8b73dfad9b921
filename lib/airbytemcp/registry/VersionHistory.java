package airbytemcp.registry;

import airbytemcp.common.HttpClients;
import airbytemcp.config.RegistrySettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A connector's released versions, newest first, from the changelog on its documentation page. For
 * the newest versions the registry's own release timestamps replace the changelog's dates, which
 * are often the day a PR was opened rather than released.
 */
public final class VersionHistory {
  private final RegistrySettings settings;
  private final Supplier<OkHttpClient> http;

  public VersionHistory(RegistrySettings settings) {
    this(settings, HttpClients::shared);
  }

  public VersionHistory(RegistrySettings settings, OkHttpClient http) {
    this(settings, () -> http);
  }

  /** The client is asked for on the first request, so a start that sends none never builds it. */
  private VersionHistory(RegistrySettings settings, Supplier<OkHttpClient> http) {
    this.settings = settings;
    this.http = http;
  }

  /**
   * The connector's page: the registry's own address (enterprise connectors and renamed ones have
   * pages no name gives), on the configured docs site when it is Airbyte's; one built from the name
   * when the registry gives none.
   */
  public String docsPageUrl(ConnectorMetadata connector) {
    String listed = connector.documentationUrl();
    if (listed != null && listed.startsWith(RegistrySettings.DOCS_URL + "/")) {
      return settings.docsUrl() + listed.substring(RegistrySettings.DOCS_URL.length());
    }
    if (listed != null && listed.startsWith("https://")) {
      return listed;
    }
    return settings.docsUrl()
        + "/integrations/"
        + connector.connectorType().docsSegment()
        + "/"
        + connector.shortName();
  }

  public List<ConnectorVersion> versions(ConnectorMetadata connector, int versionsToValidate) {
    String pageUrl = docsPageUrl(connector);
    String page = fetch(pageUrl);
    List<ConnectorVersion> versions = new ArrayList<>();
    int index = 0;
    for (ChangelogParser.Row row : ChangelogParser.parse(page)) {
      String date = row.date();
      if (index < versionsToValidate) {
        String registryDate = registryReleaseDate(connector, row.version());
        if (registryDate != null) {
          date = registryDate;
        }
      }
      versions.add(
          new ConnectorVersion(
              row.version(),
              date,
              "https://hub.docker.com/r/"
                  + connector.dockerRepository()
                  + "/tags?name="
                  + row.version(),
              pageUrl + "#changelog",
              row.prUrl(),
              row.subject(),
              row.errors()));
      index++;
    }
    return versions;
  }

  private static String registryReleaseDate(ConnectorMetadata connector, String version) {
    JsonNode candidate = connector.entry().path("releases").path("releaseCandidates").path(version);
    JsonNode timestamp = candidate.path("generated").path("git").path("commit_timestamp");
    if (timestamp.isTextual()) {
      return timestamp.asText();
    }
    if (version.equals(connector.latestVersion())) {
      JsonNode latest = connector.entry().path("generated").path("git").path("commit_timestamp");
      if (latest.isTextual()) {
        return latest.asText();
      }
    }
    return null;
  }

  private String fetch(String url) {
    if (settings.offline()) {
      throw new RegistryError(
          "Offline mode is on, so the changelog at " + url + " cannot be read.",
          "To read it, " + RegistrySettings.OFFLINE_MODE_OFF + ".");
    }
    try (Response response =
        http.get().newCall(new Request.Builder().url(url).get().build()).execute()) {
      if (!response.isSuccessful()) {
        throw new RegistryError(
            "Failed to fetch the changelog at " + url + " (HTTP " + response.code() + ").",
            "The documentation site may be down or the page moved; try again later.");
      }
      return response.body().string();
    } catch (IOException e) {
      throw new RegistryError(
          "Failed to fetch the changelog at " + url + ": " + e.getMessage(),
          "Check the network and try again.");
    }
  }
}
