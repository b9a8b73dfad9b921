package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** RFC 4180 CSV: quoted fields may hold delimiters, doubled quotes and line breaks. */
final class Csv {
  private Csv() {}

  /**
   * One record per row after the header, keyed by the header's names; {@code cell} maps each value
   * (null where a row is shorter than the header) to what the record holds.
   */
  static List<ObjectNode> records(String text, char delimiter, UnaryOperator<String> cell) {
    List<List<String>> rows = parse(text, delimiter);
    List<ObjectNode> out = new ArrayList<>();
    if (rows.isEmpty()) {
      return out;
    }
    List<String> header = rows.get(0);
    for (List<String> row : rows.subList(1, rows.size())) {
      ObjectNode o = Json.object();
      for (int i = 0; i < header.size(); i++) {
        o.put(header.get(i), cell.apply(i < row.size() ? row.get(i) : null));
      }
      out.add(o);
    }
    return out;
  }

  static List<List<String>> parse(String text, char delimiter) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        any = true;
      } else if (c == delimiter) {
        row.add(field.toString());
        field.setLength(0);
        any = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (any || field.length() > 0) {
          row.add(field.toString());
          rows.add(row);
        }
        row = new ArrayList<>();
        field.setLength(0);
        any = false;
      } else {
        field.append(c);
        any = true;
      }
    }
    if (any || field.length() > 0) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
