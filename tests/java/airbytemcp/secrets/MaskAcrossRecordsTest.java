package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Records of a stream masked together key by key: a secret cut over two records (a log's line cut
 * in two) is masked in both, where masking each record alone keeps both parts.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MaskAcrossRecordsTest {
  private static final String SECRET = "lk-Rb71-Qx93Zn-Wd82";
  private final Masker masker = new Masker();

  MaskAcrossRecordsTest() {
    masker.register(SECRET);
  }

  private List<JsonNode> masked(String... records) {
    return masker.maskAcrossRecords(List.of(records).stream().map(Json::parse).toList());
  }

  @Test
  void aSecretCutOverOneFieldOfTwoRecordsIsMaskedInBoth() {
    List<JsonNode> records =
        masked(
            "{\"id\": 1, \"line\": \"key=" + SECRET.substring(0, 7) + "\"}",
            "{\"id\": 2, \"line\": \"" + SECRET.substring(7) + " sent\"}");
    assertEquals("key=****", records.get(0).path("line").asText(), records.toString());
    assertEquals("**** sent", records.get(1).path("line").asText(), records.toString());
  }

  @Test
  void aSecretCutOverTheItemsOfTwoRecordsListsIsMaskedInBoth() {
    List<JsonNode> records =
        masked(
            "{\"log\": {\"lines\": [\"start\", \"" + SECRET.substring(0, 3) + "\"]}}",
            "{\"log\": {\"lines\": [\"" + SECRET.substring(3) + "\", \"end\"]}}");
    String text = records.toString();
    assertFalse(
        text.contains(SECRET.substring(0, 3) + "\"") || text.contains(SECRET.substring(3)),
        "a part of the secret is left: " + text);
    assertEquals("end", records.get(1).path("log").path("lines").get(1).asText(), text);
  }

  @Test
  void keysThatNameOneColumnAreMaskedTogether() {
    List<JsonNode> records =
        masked(
            "{\"Log Line\": \"key=" + SECRET.substring(0, 7) + "\"}",
            "{\"log_line\": \"" + SECRET.substring(7) + " sent\"}");
    assertEquals("**** sent", records.get(1).path("log_line").asText(), records.toString());
  }

  @Test
  void recordsThatHoldNoCutSecretAreTheSameObjects() {
    List<JsonNode> records =
        List.of(Json.parse("{\"line\": \"GET /a\"}"), Json.parse("{\"line\": \"GET /b\"}"));
    assertSame(records, masker.maskAcrossRecords(records), "nothing was cut, yet records changed");
  }
}
