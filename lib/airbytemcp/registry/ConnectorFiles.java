package airbytemcp.registry;

import airbytemcp.common.HttpClients;
import airbytemcp.config.RegistrySettings;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Files Airbyte publishes per connector version under {@code
 * {cdn}/metadata/airbyte/{name}/{version}/}: specs ({@code cloud.json}, {@code oss.json}), {@code
 * manifest.yaml}, {@code metadata.yaml}, {@code components.zip}.
 */
public final class ConnectorFiles {
  private final RegistrySettings settings;
  private final Supplier<OkHttpClient> http;

  public ConnectorFiles(RegistrySettings settings) {
    this(settings, HttpClients::shared);
  }

  public ConnectorFiles(RegistrySettings settings, OkHttpClient http) {
    this(settings, () -> http);
  }

  /** The client is asked for on the first request, so a start that sends none never builds it. */
  private ConnectorFiles(RegistrySettings settings, Supplier<OkHttpClient> http) {
    this.settings = settings;
    this.http = http;
  }

  public String url(String connector, String version, String file) {
    return settings.connectorsCdnUrl()
        + "/metadata/airbyte/"
        + connector
        + "/"
        + version
        + "/"
        + file;
  }

  /** The file's text; empty when it does not exist (404). Other failures throw. */
  public Optional<String> fetchText(String connector, String version, String file) {
    if (settings.offline()) {
      throw new RegistryError(
          "Offline mode is on, so " + file + " of " + connector + " cannot be downloaded.",
          "Give the file locally (e.g. manifest_path), or "
              + RegistrySettings.OFFLINE_MODE_OFF
              + ".");
    }
    String url = url(connector, version, file);
    try (Response response =
        http.get().newCall(new Request.Builder().url(url).get().build()).execute()) {
      if (response.code() == 404 || response.code() == 403) {
        return Optional.empty();
      }
      if (!response.isSuccessful()) {
        throw new RegistryError(
            "Downloading " + url + " failed with HTTP " + response.code() + ".",
            "Try again later.");
      }
      return Optional.of(response.body().string());
    } catch (IOException e) {
      throw new RegistryError(
          "Could not download " + url + ": " + e.getMessage(),
          "Check the network or try again later.");
    }
  }
}
