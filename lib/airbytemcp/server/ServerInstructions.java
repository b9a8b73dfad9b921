package airbytemcp.server;

/** What the server tells an agent about itself at initialize. */
final class ServerInstructions {
  private ServerInstructions() {}

  static final String TEXT =
      """
      airbyte-mcp gives you Airbyte's connector catalogue and the means to use it.

      Tool domains:
      - registry: find connectors (list_connectors), read their config schema and docs (get_connector_info, \
      get_api_docs_urls), see their releases. Nothing is installed.
      - local: validate configs, list streams, preview records and sync data into a local DuckDB cache that \
      you can query with read-only SQL. These tools run connectors on the user's machine.
      - cloud: deploy sources, destinations and connections to Airbyte Cloud or a self-managed Airbyte, run \
      and watch syncs, read logs. If no workspace is configured, call list_cloud_organizations and \
      list_cloud_workspaces and ask the user which to use; never pick one yourself.

      Secrets: you never see secret values. list_dotenv_secrets shows the names the user has stored; put \
      "secret_reference::NAME" in a config where a secret belongs. Configs with literal values in secret \
      fields are refused.

      Safety: in safe mode (the default) updates and deletes only touch Cloud objects created by this server \
      process, and deletes need the object's current name as confirmation. In read-only mode tools that change \
      Cloud objects are not offered; reads and running syncs of existing connections remain.
      """;
}
