package airbytemcp.config;

import java.util.Optional;

/** Where and as whom to reach Airbyte Cloud or a self-managed Airbyte. Blank values are absent. */
public record CloudSettings(
    Optional<String> clientId,
    Optional<String> clientSecret,
    Optional<String> bearerToken,
    Optional<String> workspaceId,
    Optional<String> organizationId,
    String apiUrl,
    String configApiUrl) {

  public static final String CLOUD_API_URL = "https://api.airbyte.com/v1";
  public static final String CLOUD_CONFIG_API_URL = "https://cloud.airbyte.com/api/v1";

  /**
   * Airbyte Cloud's Config API for Cloud's public API; {@code https://HOST/api/v1} for a
   * self-managed one.
   */
  static String deriveConfigApiUrl(String apiUrl) {
    String root = stripSlash(apiUrl);
    if (root.equals(CLOUD_API_URL)) {
      return CLOUD_CONFIG_API_URL;
    }
    if (root.endsWith("/api/public/v1")) {
      return root.substring(0, root.length() - "/public/v1".length()) + "/v1";
    }
    throw new ConfigError(
        "Cannot derive the Config API URL from AIRBYTE_CLOUD_API_URL='" + apiUrl + "'.",
        "Set AIRBYTE_CLOUD_CONFIG_API_URL as well (for a self-managed Airbyte: https://HOST/api/v1).");
  }

  static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
