package airbytemcp.tools;

import airbytemcp.common.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps every answer within an agent's context: at most {@link #MAX_CHARS} characters of text, and
 * the same for structured content. An answer that is longer is cut where it can be continued: the
 * tail of its list (records, rows, versions, items) or of its longest text (log lines), and it then
 * says so, how much was left out, and which argument gets the next part ({@link AnswerPaging}).
 * Applied to every tool's result, in one place.
 */
public final class AnswerBudget {
  /**
   * Claude Code refuses tool output beyond about 25k tokens; 25,000 characters stays well below
   * that.
   */
  public static final int MAX_CHARS = 25_000;

  /** Room kept for the note that says what was cut. */
  private static final int NOTE_ROOM = 600;

  /** How long a description in a cut object stays at first. */
  private static final int DESCRIPTION_CHARS = 200;

  private AnswerBudget() {}

  public static ToolResult fit(String tool, ToolArgs args, ToolResult result) {
    return fit(tool, args, result, MAX_CHARS);
  }

  static ToolResult fit(String tool, ToolArgs args, ToolResult result, int budget) {
    if (result.structured() == null) {
      return fitsText(result.text(), budget) ? result : cutText(tool, args, result, budget);
    }
    Map<String, Object> structured = plain(result.structured());
    boolean textFits = result.text() == null || fitsText(result.text(), budget);
    if (textFits && Json.write(structured).length() <= budget) {
      return result;
    }
    Map<String, Object> cut = cutStructured(tool, args, structured, budget - NOTE_ROOM);
    String text =
        result.text() == null || fitsText(result.text(), budget)
            ? result.text()
            : cutText(tool, args, ToolResult.text(result.text()), budget).text();
    return new ToolResult(cut, text, false);
  }

  private static boolean fitsText(String text, int budget) {
    return text == null || text.length() <= budget;
  }

  private static ToolResult cutText(String tool, ToolArgs args, ToolResult result, int budget) {
    String text = result.text();
    int keep = Math.max(0, budget - NOTE_ROOM);
    int newline = text.lastIndexOf('\n', keep);
    if (newline > keep / 2) {
      keep = newline;
    }
    String note =
        "\n\n[Answer cut to fit the agent's context: "
            + keep
            + " of "
            + text.length()
            + " characters shown, "
            + (text.length() - keep)
            + " left out. "
            + AnswerPaging.nextPart(tool, args, -1)
            + "]";
    return new ToolResult(null, text.substring(0, keep) + note, result.isError());
  }

  /**
   * Cuts the largest list (or, without one, the longest string) until the JSON fits, and says so.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> cutStructured(
      String tool, ToolArgs args, Map<String, Object> structured, int budget) {
    long lists = structured.values().stream().filter(List.class::isInstance).count();
    String listKey = lists == 1 ? largest(structured, List.class) : null;
    if (listKey != null) {
      List<Object> items = (List<Object>) structured.get(listKey);
      int low = 0;
      int high = items.size();
      while (low < high) { // the most items whose JSON fits
        int mid = (low + high + 1) / 2;
        if (Json.write(with(structured, listKey, items.subList(0, mid))).length() <= budget) {
          low = mid;
        } else {
          high = mid - 1;
        }
      }
      Map<String, Object> cut = with(structured, listKey, new ArrayList<>(items.subList(0, low)));
      // A record page's facts counted the records before this cut: its next offset would skip
      // the records cut here.
      Map<String, Object> note =
          note(listKey + " items", low, items.size(), AnswerPaging.nextPart(tool, args, low));
      if (cut.containsKey(RecordPage.NEXT_OFFSET)) {
        RecordPage.keptOnly(cut, tool, low);
        note.remove("next_part"); // the page says it
        // the page holds what was asked for, not all there is: "left out" would read as the rest
        note.remove("total");
        note.remove("left_out");
        note.put("page_items", items.size());
      }
      cut.put("truncated", note);
      return fitsOrNote(cut, budget + NOTE_ROOM);
    }
    String objectKey = lists == 0 ? largest(structured, Map.class) : null;
    if (objectKey != null && objectKey.equals(largest(structured, Object.class))) {
      Map<String, Object> cut = withShorterDescriptions(structured, objectKey, budget);
      if (cut != null) {
        return cut;
      }
    }
    String textKey = lists == 0 ? largest(structured, String.class) : null;
    if (textKey != null) {
      String text = (String) structured.get(textKey);
      int over = Json.write(structured).length() - budget;
      int keep = Math.max(0, text.length() - over - 64);
      int newline = text.lastIndexOf('\n', keep);
      keep = newline > 0 ? newline + 1 : keep;
      int lines = (int) text.substring(0, keep).chars().filter(c -> c == '\n').count();
      Map<String, Object> cut = with(structured, textKey, text.substring(0, keep));
      // A log slice says where it starts (from 1); the next part starts after the lines kept here.
      int skipped =
          structured.get("log_text_start_line") instanceof Number n ? n.intValue() - 1 : 0;
      cut.put(
          "truncated",
          note(
              textKey + " characters",
              keep,
              text.length(),
              AnswerPaging.nextPart(tool, args, skipped + lines)));
      return fitsOrNote(cut, budget + NOTE_ROOM);
    }
    // Nested lists (e.g. samples per stream): shorten each the same way until the whole fits.
    Map<String, Object> cut = new LinkedHashMap<>(structured);
    int per =
        1
            + structured.values().stream()
                .filter(List.class::isInstance)
                .mapToInt(v -> ((List<?>) v).size())
                .max()
                .orElse(0);
    while (Json.write(cut).length() > budget && per > 0) {
      per = per / 2;
      for (Map.Entry<String, Object> e : structured.entrySet()) {
        if (e.getValue() instanceof List<?> list && list.size() > per) {
          cut.put(e.getKey(), new ArrayList<>(list.subList(0, per)));
        }
      }
    }
    if (Json.write(cut).length() > budget) {
      cut = new LinkedHashMap<>();
    }
    cut.put("truncated", note("entries", per, -1, AnswerPaging.nextPart(tool, args, -1)));
    return cut;
  }

  /**
   * The answer with the descriptions in its largest object (a connector's config spec, a stream's
   * JSON schema) shortened, then dropped, and its examples dropped, until it fits; every key, type
   * and requirement stays. Null when even that does not fit.
   */
  private static Map<String, Object> withShorterDescriptions(
      Map<String, Object> structured, String key, int budget) {
    for (int limit : new int[] {DESCRIPTION_CHARS, DESCRIPTION_CHARS / 4, 0}) {
      Map<String, Object> cut = with(structured, key, shortened(structured.get(key), limit));
      Map<String, Object> note = new LinkedHashMap<>();
      note.put("message", "Answer cut to fit the agent's context (" + MAX_CHARS + " characters).");
      note.put(
          "cut",
          key
              + (limit == 0
                  ? ": descriptions and examples left out"
                  : ": descriptions cut to " + limit + " characters, examples left out"));
      note.put("kept", "every key, type, default and requirement");
      cut.put("truncated", note);
      if (Json.write(cut).length() <= budget + NOTE_ROOM) {
        return cut;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static Object shortened(Object value, int limit) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
        if (e.getKey().equals("examples") && e.getValue() instanceof List) {
          continue; // a schema's examples; a field named so is an object
        }
        if (e.getKey().equals("description") && e.getValue() instanceof String text) {
          if (limit > 0) {
            out.put(e.getKey(), text.length() <= limit ? text : text.substring(0, limit) + "…");
          }
          continue;
        }
        out.put(e.getKey(), shortened(e.getValue(), limit));
      }
      return out;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(item -> shortened(item, limit)).toList();
    }
    return value;
  }

  /** Whatever else the answer holds must fit too; if it does not, only the note is left. */
  private static Map<String, Object> fitsOrNote(Map<String, Object> cut, int budget) {
    if (Json.write(cut).length() <= budget) {
      return cut;
    }
    return new LinkedHashMap<>(Map.of("truncated", cut.get("truncated")));
  }

  private static Map<String, Object> note(String what, int shown, int total, String next) {
    Map<String, Object> note = new LinkedHashMap<>();
    note.put("message", "Answer cut to fit the agent's context (" + MAX_CHARS + " characters).");
    note.put("cut", what);
    note.put("shown", shown);
    if (total >= 0) {
      note.put("total", total);
      note.put("left_out", total - shown);
    }
    note.put("next_part", next);
    return note;
  }

  private static String largest(Map<String, Object> structured, Class<?> kind) {
    String best = null;
    int bestSize = -1;
    for (Map.Entry<String, Object> e : structured.entrySet()) {
      if (kind.isInstance(e.getValue())) {
        int size = Json.write(e.getValue()).length();
        if (size > bestSize) {
          best = e.getKey();
          bestSize = size;
        }
      }
    }
    return best;
  }

  private static Map<String, Object> with(
      Map<String, Object> structured, String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(structured);
    copy.put(key, value);
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> plain(Map<String, Object> value) {
    return Json.MAPPER.convertValue(value, Map.class);
  }
}
