package airbytemcp.views;

/**
 * The MCP Apps views this server offers: each is a {@code ui://} resource that a tool links through
 * {@code _meta.ui.resourceUri}, rendered by the host from the tool's structured result.
 */
public enum UiView {
  /** Metrics, a filterable and sortable table, the chosen connector's details. */
  CONNECTORS_LIST(
      "ui://airbyte-mcp/connectors-list.html",
      "Airbyte connectors",
      "Filterable table of the connectors in Airbyte's registry.",
      "connectors-list"),
  /** Totals, one bar chart per measure (bars coloured by status), the job table. */
  SYNC_HISTORY(
      "ui://airbyte-mcp/sync-history.html",
      "Connection sync history",
      "Charts and table of a Cloud connection's recent sync jobs.",
      "sync-history"),
  /** Totals, then one row per connection, problems first. */
  WORKSPACE_STATUS(
      "ui://airbyte-mcp/workspace-status.html",
      "Workspace sync status",
      "Board of a Cloud workspace's connections and how their syncs are going.",
      "workspace-status");

  /** The MIME type MCP Apps hosts expect for an HTML view. */
  public static final String MIME_TYPE = "text/html;profile=mcp-app";

  private final String uri;
  private final String title;
  private final String description;

  /** The name of the view's own files, {@code assets/<stem>.css} and {@code assets/<stem>.js}. */
  private final String stem;

  UiView(String uri, String title, String description, String stem) {
    this.uri = uri;
    this.title = title;
    this.description = description;
    this.stem = stem;
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
    return ViewPage.html(title, stem);
  }
}
