package airbytemcp.views;

/**
 * The MCP Apps views this server offers: each is a {@code ui://} resource that a tool links through
 * {@code _meta.ui.resourceUri}, rendered by the host from the tool's structured result.
 */
public enum UiView {
  CONNECTORS_LIST(
      "ui://airbyte-mcp/connectors-list.html",
      "Airbyte connectors",
      "Filterable table of the connectors in Airbyte's registry.",
      ConnectorsPage.CSS,
      ConnectorsPage.SCRIPT),
  SYNC_HISTORY(
      "ui://airbyte-mcp/sync-history.html",
      "Connection sync history",
      "Charts and table of a Cloud connection's recent sync jobs.",
      SyncHistoryPage.CSS,
      SyncHistoryPage.SCRIPT),
  WORKSPACE_STATUS(
      "ui://airbyte-mcp/workspace-status.html",
      "Workspace sync status",
      "Board of a Cloud workspace's connections and how their syncs are going.",
      WorkspaceStatusPage.CSS,
      WorkspaceStatusPage.SCRIPT);

  /** The MIME type MCP Apps hosts expect for an HTML view. */
  public static final String MIME_TYPE = "text/html;profile=mcp-app";

  private final String uri;
  private final String title;
  private final String description;
  private final String css;
  private final String script;

  UiView(String uri, String title, String description, String css, String script) {
    this.uri = uri;
    this.title = title;
    this.description = description;
    this.css = css;
    this.script = script;
  }

  public String uri() {
    return uri;
  }

  public String title() {
    return title;
  }

  public String description() {
    return description;
  }

  public String html() {
    return ViewPage.html(title, css, script);
  }
}
