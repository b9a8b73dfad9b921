package airbytemcp.server;

/**
 * What the server tells an agent about itself at initialize. Guidance that many tools share lives
 * here once, not in every tool description, so the tool list stays small.
 */
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
      and watch syncs, read logs.

      Reading data locally: get_stream_previews for a few sample records of several streams; \
      read_source_stream_records for the first records of one stream; sync_source_to_cache then run_sql_query \
      to count, filter, join or page through whole streams.

      Connector configs (local tools): pass config as an object, a JSON string or an absolute path to a JSON/YAML \
      file; or config_file; or config_secret_name, a secret holding the whole config (merged over config). Write \
      "secret_reference::NAME" where a secret belongs; the server fills it in. override_execution_mode: auto \
      (the server picks), docker, python, yaml/native (declarative runtime) or local (a program on the PATH); \
      manifest_path runs a local declarative manifest; version pins a version; docker_image runs that image.

      Cloud access: the server needs AIRBYTE_CLOUD_CLIENT_ID and AIRBYTE_CLOUD_CLIENT_SECRET, or \
      AIRBYTE_CLOUD_BEARER_TOKEN. workspace_id defaults to AIRBYTE_CLOUD_WORKSPACE_ID; if none is configured, \
      call list_cloud_organizations and list_cloud_workspaces and ask the user which to use when there is more \
      than one; never pick one yourself.

      Secrets: you never see secret values. list_dotenv_secrets shows the names the user has stored; put \
      "secret_reference::NAME" in a config where a secret belongs. Configs with literal values in secret \
      fields are refused.

      Long answers are cut to fit your context; the answer then says what was left out and which argument \
      (offset, page, cursor) gets the next part.

      Safety: in safe mode (AIRBYTE_CLOUD_MCP_SAFE_MODE, the default) updates and deletes only touch Cloud \
      objects created by this server process, are refused before Airbyte is contacted, and deletes need the \
      object's current name as confirmation. In read-only mode tools that change Cloud objects are not \
      offered; reads and running syncs of existing connections remain.

      The resource airbyte-mcp://server/info tells how this server is set up and why a tool is not offered.
      """;
}
