package airbytemcp.tools;

/** How to get the next part of a cut answer, per tool: which argument to pass, with which value. */
final class AnswerPaging {
  private AnswerPaging() {}

  /** {@code shown}: the items (or log lines) this answer holds; negative when unknown. */
  static String nextPart(String tool, ToolArgs args, int shown) {
    return nextPart(tool, args.optionalInteger("offset").orElse(0), shown);
  }

  /** {@code offset}: where the answer's items start. */
  static String nextPart(String tool, int offset, int shown) {
    return switch (tool) {
      // each page reads the stream again from its start: a whole stream goes through the cache
      case "read_source_stream_records" ->
          shown >= 0
              ? "Call read_source_stream_records again with the same arguments and offset="
                  + (offset + shown)
                  + " for the next part; each call reads the stream from its start, so for many "
                  + "records run sync_source_to_cache once and page with run_sql_query."
              : "Ask for fewer records (a smaller max_records), or sync_source_to_cache and query.";
      // the query runs again for each page, and rows come in a set order only with an ORDER BY
      case "run_sql_query" ->
          shown >= 0
              ? "Call run_sql_query again with the same arguments and offset="
                  + (offset + shown)
                  + " for the next part (pages neither overlap nor skip rows only when the query "
                  + "has an ORDER BY)."
              : "Ask for fewer rows (a smaller max_records or LIMIT), or page with offset.";
      case "get_connector_version_history" ->
          shown >= 0
              ? "Call "
                  + tool
                  + " again with the same arguments and offset="
                  + (offset + shown)
                  + " for the next part."
              : "Ask for fewer items (a smaller max_records or limit), or page with offset.";
      case "get_cloud_sync_logs" ->
          shown >= 0
              ? "Call get_cloud_sync_logs again with this answer's job_id and attempt_number, from_tail=false and "
                  + "line_offset="
                  + shown
                  + " for the lines after these."
              : "Use line_offset and a smaller max_lines.";
      case "get_stream_previews" -> "Ask for fewer streams or a smaller limit.";
      default ->
          "Narrow the request (filters such as name_contains, or a smaller limit) to see the rest.";
    };
  }

  /**
   * What to do when the first record of a page alone is longer than an answer may be: the next
   * offset skips it, but what the agent wants is most likely its fields, shortened.
   */
  static String tooLongToShow(String tool, int offset) {
    String record = tool.equals("run_sql_query") ? "row" : "record";
    String shorten =
        tool.equals("run_sql_query")
            ? "select fewer or shorter columns (e.g. left(col, 1000) or json_extract)"
            : "sync_source_to_cache, then select fewer or shorter fields with run_sql_query";
    return "The "
        + record
        + " at offset "
        + offset
        + " alone is longer than an answer may be ("
        + AnswerBudget.MAX_CHARS
        + " characters): "
        + shorten
        + ", or skip it with offset="
        + (offset + 1)
        + ".";
  }
}
