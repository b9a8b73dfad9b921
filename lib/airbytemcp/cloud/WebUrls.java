package airbytemcp.cloud;

import airbytemcp.config.CloudSettings;

/** Links to objects in Airbyte's web app, as Airbyte Cloud (or the self-managed UI) shows them. */
public final class WebUrls {
  private final String webRoot;

  public WebUrls(String webRoot) {
    this.webRoot = webRoot.endsWith("/") ? webRoot.substring(0, webRoot.length() - 1) : webRoot;
  }

  /**
   * Cloud's web app for Cloud's API; the host's root for a self-managed {@code
   * https://HOST/api/public/v1}.
   */
  public static WebUrls forApi(String apiUrl) {
    String root = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
    if (root.equals(CloudSettings.CLOUD_API_URL)) {
      return new WebUrls("https://cloud.airbyte.com");
    }
    if (root.endsWith("/api/public/v1")) {
      return new WebUrls(root.substring(0, root.length() - "/api/public/v1".length()));
    }
    return new WebUrls(root);
  }

  public String workspace(String workspaceId) {
    return webRoot + "/workspaces/" + workspaceId;
  }

  public String source(String workspaceId, String sourceId) {
    return workspace(workspaceId) + "/source/" + sourceId;
  }

  public String destination(String workspaceId, String destinationId) {
    return workspace(workspaceId) + "/destination/" + destinationId;
  }

  public String connection(String workspaceId, String connectionId) {
    return workspace(workspaceId) + "/connections/" + connectionId;
  }

  /** The job history of a connection; every job links there. */
  public String jobHistory(String workspaceId, String connectionId) {
    return connection(workspaceId, connectionId) + "/timeline";
  }

  public String builderProject(String workspaceId, String projectId) {
    return workspace(workspaceId) + "/connector-builder/edit/" + projectId;
  }
}
