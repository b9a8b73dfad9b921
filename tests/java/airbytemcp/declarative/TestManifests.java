package airbytemcp.declarative;

/**
 * Small manifests for tests: a DeclarativeSource around given streams, and one-stream skeletons.
 */
public final class TestManifests {
  private TestManifests() {}

  /**
   * A source whose check reads {@code checked}, with optional definitions (YAML under {@code
   * definitions:}).
   */
  public static String source(String checked, String definitions, String streams) {
    return "version: 6.0.0\ntype: DeclarativeSource\ncheck: {type: CheckStream, stream_names: ["
        + checked
        + "]}\n"
        + (definitions.isEmpty() ? "" : "definitions:\n" + definitions)
        + "streams:\n"
        + streams;
  }

  /**
   * A DeclarativeStream list item named {@code name}; {@code retriever} holds the SimpleRetriever's
   * fields, each line indented by six spaces; {@code more} adds stream fields indented by four.
   */
  public static String stream(String name, String retriever, String more) {
    return "  - type: DeclarativeStream\n    name: "
        + name
        + "\n    primary_key: [id]\n"
        + "    schema_loader: {type: InlineSchemaLoader, schema: {type: object}}\n"
        + "    retriever:\n      type: SimpleRetriever\n"
        + retriever
        + more;
  }

  /**
   * A source of one stream, {@code items}: GET {@code urlBase}/items with a bearer token from the
   * spec's secret field {@code key}, records at {@code data}; {@code decoderLine} adds a retriever
   * line (or nothing) and {@code more} stream fields, as in {@link #stream}.
   */
  public static String bearerItems(String urlBase, String decoderLine, String more) {
    return source(
            "items",
            "",
            stream(
                "items",
                "      requester: {type: HttpRequester, url_base: \""
                    + urlBase
                    + "\", path: /items, http_method: GET,"
                    + " authenticator: {type: BearerAuthenticator, api_token: \"{{ config.key }}\"}}\n"
                    + "      record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}\n"
                    + decoderLine,
                more))
        + "spec:\n  type: Spec\n  connection_specification:\n    type: object\n    properties:\n"
        + "      key: {type: string, airbyte_secret: true}\n";
  }

  /**
   * The requester and record selector lines of a retriever: GET url_base+path, records at
   * field_path.
   */
  public static String get(String urlBase, String path, String fieldPath) {
    return "      requester: {type: HttpRequester, url_base: \""
        + urlBase
        + "\", path: \""
        + path
        + "\", http_method: GET}\n"
        + "      record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: "
        + fieldPath
        + "}}\n";
  }
}
