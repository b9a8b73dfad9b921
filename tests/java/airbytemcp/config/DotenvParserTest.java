package airbytemcp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dotenv file is read as python-dotenv 1.2 reads it (the expected values were produced with
 * python-dotenv's own dotenv_values on the same text).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DotenvParserTest {
  @TempDir Path dir;

  private static Map<String, String> values(String text) {
    return DotenvParser.parse(text, Map.of()).values();
  }

  @Test
  void singleQuotesAreRemovedAndOnlyBackslashAndQuoteAreEscapesInThem() {
    assertEquals("abc", values("KEY='abc'\n").get("KEY"), "quotes must not stay part of the value");
    assertEquals("a'b\\c\\n", values("SQ='a\\'b\\\\c\\n'\n").get("SQ"));
  }

  @Test
  void doubleQuotesDecodeTheirEscapes() {
    assertEquals(
        "line1\nline2\t\"q\" \\ end",
        values("DQ=\"line1\\nline2\\t\\\"q\\\" \\\\ end\"").get("DQ"));
  }

  @Test
  void exportPrefixIsIgnored() {
    assertEquals(Map.of("K", "v", "J", "w"), values("export K=v\nexport   J=w\n"));
  }

  @Test
  void inlineCommentsNeedWhitespaceBeforeTheHash() {
    Map<String, String> v =
        values("A = value with spaces   # a comment\nB=abc#def\nC='q' # after quotes\n");
    assertEquals("value with spaces", v.get("A"));
    assertEquals("abc#def", v.get("B"));
    assertEquals("q", v.get("C"));
  }

  @Test
  void quotedValuesMaySpanLines() {
    Map<String, String> v = values("MULTI=\"first\nsecond\"\nSQ='x\ny'   # after\nNEXT=1\n");
    assertEquals("first\nsecond", v.get("MULTI"));
    assertEquals("x\ny", v.get("SQ"));
    assertEquals("1", v.get("NEXT"));
  }

  @Test
  void emptyValuesAreEmptyAndBareKeysAreNotSet() {
    Map<String, String> v = values("EMPTY=\nEMPTY_QUOTED=\"\"\nBARE\n");
    assertEquals("", v.get("EMPTY"));
    assertEquals("", v.get("EMPTY_QUOTED"));
    assertFalse(v.containsKey("BARE"), "a key without '=' has no value, as in python-dotenv");
  }

  @Test
  void variablesExpandFromEarlierLinesWithDefaultsAndTheEnvironmentWins() {
    Map<String, String> v =
        DotenvParser.parse(
                "PLAIN=abc\nREF=${PLAIN}-${MISSING:-fallback}-${UNSET}\nDQ=\"${PLAIN}x\"\nSQ='${PLAIN}y'\nHOST=${FROM_ENV}\n",
                Map.of("FROM_ENV", "envhost"))
            .values();
    assertEquals("abc-fallback-", v.get("REF"));
    assertEquals("abcx", v.get("DQ"));
    assertEquals("abcy", v.get("SQ"), "python-dotenv expands in single quotes too");
    assertEquals("envhost", v.get("HOST"));
    Map<String, String> shadowed =
        DotenvParser.parse("PLAIN=file\nREF=${PLAIN}\n", Map.of("PLAIN", "env")).values();
    assertEquals(
        "env",
        shadowed.get("REF"),
        "the process environment wins over the file, as with override=False");
  }

  @Test
  void anUnparseableStatementIsSkippedToTheEndOfItsLineAndTheRestIsRead() {
    DotenvParser.Result r =
        DotenvParser.parse(
            String.join(
                "\n",
                "# comment",
                "PLAIN=abc",
                "SINGLE='it''s'",
                "BAD LINE",
                "AFTER_BAD=ok",
                "TRAILING='v' junk",
                "LAST=end",
                "'QK'=quoted key",
                ""),
            Map.of());
    assertEquals(List.of(3, 4, 6), r.skippedLines(), "the skipped statements' line numbers");
    assertEquals(
        Map.of("PLAIN", "abc", "AFTER_BAD", "ok", "LAST", "end", "QK", "quoted key"), r.values());
  }

  @Test
  void aBase64ValueWrappedOntoTheNextLineIsNoNameAndIsSkipped() {
    String credential = "eyJ0eXBlIjoic2VydmljZV9hY2NvdW50IiwicHJvamVjdCI6ImFjbWUifQ";
    DotenvParser.Result r =
        DotenvParser.parse(
            String.join(
                "\n",
                "GOOGLE_CREDENTIALS_B64=",
                credential + "==",
                "PEM_LAST_LINE=",
                "aGVsbG8gd29ybGQgdGhpcyBpcyBhIGtleQ=",
                "NEXT=ok",
                ""),
            Map.of());
    assertEquals(List.of(2, 4), r.skippedLines(), "the wrapped lines are reported by number");
    assertEquals(
        Map.of("GOOGLE_CREDENTIALS_B64", "", "PEM_LAST_LINE", "", "NEXT", "ok"),
        r.values(),
        "no part of a credential may be read as a name: names are listed to the agent");
  }

  @Test
  void aWrappedUrlSafeKeyOrAShortPemTailIsNoNameEither() {
    DotenvParser.Result r =
        DotenvParser.parse(
            String.join(
                "\n",
                "FERNET_KEY=",
                // URL-safe Base64 has '_' and '-', which names have too: its mixed case tells it
                "Qk3_vT9xLm2-Rp8sWc4_hJ6nYb1eDf5gAz7uKo0iNtU=",
                "SIGNING_KEY=-----BEGIN PRIVATE KEY-----",
                "Zx9kQm4tN2vPqR==",
                "lower_case_name=",
                "NEXT=ok",
                ""),
            Map.of());
    assertEquals(List.of(2, 4), r.skippedLines(), "the wrapped lines are reported by number");
    assertEquals(
        Map.of(
            "FERNET_KEY", "",
            "SIGNING_KEY", "-----BEGIN PRIVATE KEY-----",
            "lower_case_name", "",
            "NEXT", "ok"),
        r.values(),
        "a key of one case that binds nothing is still a name");
  }

  @Test
  void aKeyWithCharactersNoNameHasIsSkipped() {
    DotenvParser.Result r = DotenvParser.parse("ab+cd/ef=gh\n9LIVES=x\nOK=1\n", Map.of());
    assertEquals(List.of(1, 2), r.skippedLines());
    assertEquals(Map.of("OK", "1"), r.values());
  }

  @Test
  void namesOfEveryUsualShapeAreKept() {
    Map<String, String> read =
        values(
            "api.key=a\nmy-token=b\ndatabaseConnectionString=c\nA_VERY_LONG_NAME_WITHOUT_VALUE=\n_X=d\n");
    assertEquals(
        Map.of(
            "api.key", "a",
            "my-token", "b",
            "databaseConnectionString", "c",
            "A_VERY_LONG_NAME_WITHOUT_VALUE", "",
            "_X", "d"),
        read);
  }

  @Test
  void windowsLineEndingsAreLineEnds() {
    assertEquals(Map.of("A", "1", "B", "two"), values("A=1\r\nB='two'\r\n"));
  }

  @Test
  void aFileWithBadLinesIsStillReadAndItsSummaryNamesLineNumbersButNoContent() throws IOException {
    Path file = dir.resolve("secrets.env");
    Files.writeString(
        file, "export API_KEY='sk-live-123'\nthis is not valid sk-hidden\nOTHER=\"x\"\n");
    DotenvFile read = DotenvFile.read(file, "AIRBYTE_MCP_ENV_FILE");
    assertEquals(Map.of("API_KEY", "sk-live-123", "OTHER", "x"), read.values());
    String summary = read.summary();
    assertTrue(summary.contains("Read 2 names") && summary.contains(file.toString()), summary);
    assertTrue(summary.contains("line 2"), "the skipped line is named: " + summary);
    assertFalse(summary.contains("sk-"), "no content of the file appears: " + summary);
  }

  @Test
  void theSummarySaysWhyNothingWasRead() {
    DotenvFile missing = DotenvFile.read(dir.resolve("absent.env"), "AIRBYTE_MCP_ENV_FILE");
    assertTrue(
        missing.summary().contains("does not exist")
            && missing.summary().contains("No names were read"),
        missing.summary());
  }
}
