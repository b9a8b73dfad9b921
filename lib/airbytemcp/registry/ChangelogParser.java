package airbytemcp.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the changelog table of a connector's documentation page (HTML as served, or Markdown as
 * written): rows of version, date, pull request and subject.
 */
final class ChangelogParser {
  private static final Pattern HTML_ROW =
      Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern HTML_CELL =
      Pattern.compile("<t[dh][^>]*>(.*?)</t[dh]>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern VERSION =
      Pattern.compile("^v?(\\d+\\.\\d+\\.\\d+(?:[-.][A-Za-z0-9.]+)?)$");
  private static final Pattern DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");
  private static final Pattern PR =
      Pattern.compile("https?://github\\.com/[^\\s\"')\\]]+/pull/(\\d+)");
  private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");

  record Row(String version, String date, String prUrl, String subject, List<String> errors) {}

  private ChangelogParser() {}

  static List<Row> parse(String page) {
    List<List<String>> rows = new ArrayList<>();
    Matcher html = HTML_ROW.matcher(page);
    while (html.find()) {
      List<String> cells = new ArrayList<>();
      Matcher cell = HTML_CELL.matcher(html.group(1));
      while (cell.find()) {
        cells.add(cell.group(1));
      }
      rows.add(cells);
    }
    if (rows.isEmpty()) {
      for (String line : page.split("\n")) {
        String trimmed = line.strip();
        if (trimmed.startsWith("|") && trimmed.endsWith("|")) {
          List<String> cells = new ArrayList<>();
          for (String cell : trimmed.substring(1, trimmed.length() - 1).split("\\|", -1)) {
            cells.add(cell);
          }
          rows.add(cells);
        }
      }
    }
    List<Row> parsed = new ArrayList<>();
    for (List<String> cells : rows) {
      if (cells.size() < 2) {
        continue;
      }
      Matcher version = VERSION.matcher(plain(cells.get(0)));
      if (!version.matches()) {
        continue;
      }
      List<String> errors = new ArrayList<>();
      Matcher date = DATE.matcher(plain(cells.get(1)));
      String dateText = date.find() ? date.group(1) : null;
      if (dateText == null) {
        errors.add("no date in '" + plain(cells.get(1)) + "'");
      }
      String prUrl = null;
      if (cells.size() > 2) {
        Matcher pr = PR.matcher(cells.get(2));
        Matcher href = HREF.matcher(cells.get(2));
        prUrl = pr.find() ? pr.group(0) : href.find() ? href.group(1) : null;
      }
      String subject = cells.size() > 3 ? plain(cells.get(3)) : null;
      parsed.add(new Row(version.group(1), dateText, prUrl, subject, List.copyOf(errors)));
    }
    return parsed;
  }

  /** Cell text without tags, Markdown links reduced to their text, entities decoded. */
  private static String plain(String cell) {
    String text = cell.replaceAll("<[^>]+>", "").replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1");
    text =
        text.replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&#39;", "'")
            .replace("`", "");
    return text.strip();
  }
}
