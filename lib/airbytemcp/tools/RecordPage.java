package airbytemcp.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one shape of every answer that lists records or rows, short or cut: an object with the
 * records under {@code result} (the key clients read before, when a short list came bare) and the
 * paging facts: {@code offset} (of the first record), {@code count}, {@code next_offset} (null when
 * no more exist) and, when more do, {@code next_part} (how to get them).
 */
final class RecordPage {
  static final String RECORDS = "result";
  static final String NEXT_OFFSET = "next_offset";

  private RecordPage() {}

  /** {@code more}: records exist after these (or may: the reader stopped once it had enough). */
  static Map<String, Object> of(String tool, List<?> records, int offset, boolean more) {
    Map<String, Object> page = new LinkedHashMap<>();
    page.put(RECORDS, new ArrayList<>(records));
    page.put("offset", offset);
    page.put("count", records.size());
    page.put(NEXT_OFFSET, more ? offset + records.size() : null);
    if (more) {
      page.put("next_part", AnswerPaging.nextPart(tool, offset, records.size()));
    }
    return page;
  }

  /**
   * {@link #of}, for an answer that knows there are {@code total} records in all when no more
   * follow: a page asked for past them says so, rather than look like an empty stream.
   */
  static Map<String, Object> of(String tool, List<?> records, int offset, boolean more, int total) {
    Map<String, Object> page = of(tool, records, offset, more);
    if (records.isEmpty() && !more && offset > 0) {
      String what = tool.equals("run_sql_query") ? " rows" : " records";
      page.put(
          "next_part",
          "Nothing at offset "
              + offset
              + (total == 0
                  ? ": there are no" + what + " at all."
                  : ": there are "
                      + total
                      + what
                      + " in all, at offsets 0 to "
                      + (total - 1)
                      + "."));
    }
    return page;
  }

  /** The page after {@link AnswerBudget} kept only its first {@code kept} records. */
  static void keptOnly(Map<String, Object> page, String tool, int kept) {
    int offset = page.get("offset") instanceof Number n ? n.intValue() : 0;
    page.put("count", kept);
    if (kept == 0) { // the same offset would answer the same empty page again
      page.put(NEXT_OFFSET, offset + 1);
      page.put("next_part", AnswerPaging.tooLongToShow(tool, offset));
      return;
    }
    page.put(NEXT_OFFSET, offset + kept);
    page.put("next_part", AnswerPaging.nextPart(tool, offset, kept));
  }

  static Map<String, Object> schema(Map<String, Object> record) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(RECORDS, OutputSchemas.arrayOf(record));
    properties.put("offset", OutputSchemas.type("integer"));
    properties.put("count", OutputSchemas.type("integer"));
    properties.put(NEXT_OFFSET, OutputSchemas.nullableInteger());
    properties.put("next_part", OutputSchemas.string());
    return OutputSchemas.object(properties, List.of(RECORDS, "offset", "count", NEXT_OFFSET));
  }
}
