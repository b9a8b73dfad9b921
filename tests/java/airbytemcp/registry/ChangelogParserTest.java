package airbytemcp.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChangelogParserTest {
  @Test
  void readsRowsOfAnHtmlChangelogTable() {
    String html =
        """
        <h2 id="changelog">Changelog</h2><table><thead><tr><th>Version</th><th>Date</th><th>Pull Request</th><th>Subject</th></tr></thead>
        <tbody><tr><td>0.3.1</td><td>2025-05-03</td><td><a href="https://github.com/airbytehq/airbyte/pull/59001">59001</a></td><td>Update dependencies &amp; <code>docs</code></td></tr>
        <tr><td>0.3.0</td><td>2025-04-01</td><td><a href="https://github.com/airbytehq/airbyte/pull/58000">58000</a></td><td>Add stream</td></tr></tbody></table>
        """;
    List<ChangelogParser.Row> rows = ChangelogParser.parse(html);
    assertEquals(2, rows.size());
    assertEquals("0.3.1", rows.get(0).version());
    assertEquals("2025-05-03", rows.get(0).date());
    assertEquals("https://github.com/airbytehq/airbyte/pull/59001", rows.get(0).prUrl());
    assertEquals("Update dependencies & docs", rows.get(0).subject());
  }

  @Test
  void readsRowsOfAMarkdownChangelogTable() {
    String md =
        """
        | Version | Date | Pull Request | Subject |
        |:--------|:-----|:-------------|:--------|
        | 1.2.0 | 2024-12-01 | [49000](https://github.com/airbytehq/airbyte/pull/49000) | Migrate to manifest-only |
        """;
    List<ChangelogParser.Row> rows = ChangelogParser.parse(md);
    assertEquals(1, rows.size());
    assertEquals("Migrate to manifest-only", rows.get(0).subject());
  }

  @Test
  void aRowWithoutADateIsKeptWithAParsingError() {
    List<ChangelogParser.Row> rows = ChangelogParser.parse("| 0.1.0 | soon | | First |\n");
    assertNull(rows.get(0).date());
    assertEquals(1, rows.get(0).errors().size());
  }
}
