package airbytemcp.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import org.junit.jupiter.api.Test;

/**
 * A YAML error's reason reaches the agent, and the file may be one the agent cannot otherwise read:
 * the reason keeps the parser's sentences, never the file's lines or words it quotes.
 */
class YamlReasonTest {

  @Test
  void theQuotedLinesBeneathTheReasonAreLeftOut() {
    String reason =
        Json.yamlReason(
            parserSays(
                "mapping values are not allowed here\n"
                    + " in 'reader', line 1, column 5:\n"
                    + "    a: b: hunter2\n"
                    + "        ^\n"));
    assertEquals("mapping values are not allowed here", reason);
  }

  @Test
  void aQuotedWordOfTheFileIsLeftOutButTokenKindsAndCharactersStay() {
    String reason =
        Json.yamlReason(
            parserSays(
                "found undefined alias 'hunter2alias'\n"
                    + "expected ',' or ']', but found '<block mapping start>'\n"
                    + "found character '\\t(TAB)' that cannot start any token\n"));
    assertFalse(reason.contains("hunter2"), "a word of the file was quoted: " + reason);
    assertEquals(
        "found undefined alias '...': expected ',' or ']', but found '<block mapping start>':"
            + " found character '\\t(TAB)' that cannot start any token",
        reason);
  }

  private static JsonParseException parserSays(String message) {
    return new JsonParseException((JsonParser) null, message);
  }
}
