package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskerTest {
  private final Masker masker = new Masker();

  @Test
  void masksASecretInsideALongerString() {
    masker.register("s3cr3t-token-value");
    assertEquals(
        "GET https://api.example.com/x?key=**** failed",
        masker.mask("GET https://api.example.com/x?key=s3cr3t-token-value failed"));
  }

  @Test
  void masksTheJsonEscapedFormOfASecret() {
    masker.register("pa\"ss\\word");
    String json = Json.write(Map.of("password", "pa\"ss\\word"));
    assertEquals("{\"password\":\"****\"}", masker.mask(json));
  }

  @Test
  void masksTheUrlEncodedFormOfASecret() {
    masker.register("key with/slash&amp");
    String url =
        "https://x.example.com/?k="
            + URLEncoder.encode("key with/slash&amp", StandardCharsets.UTF_8);
    assertEquals("https://x.example.com/?k=****", masker.mask(url));
  }

  @Test
  void masksLongerSecretsBeforeTheirPrefixes() {
    masker.register("abcd");
    masker.register("abcdefgh");
    assertEquals("x **** y", masker.mask("x abcdefgh y"));
  }

  @Test
  void ignoresValuesTooShortOrTooCommonToBeSecrets() {
    masker.register("abc");
    masker.register("true");
    masker.register("5432");
    assertTrue(masker.isEmpty());
    assertEquals("abc true 5432", masker.mask("abc true 5432"));
  }

  @Test
  void masksKeysAndValuesOfAJsonTree() {
    masker.register("topsecret1");
    JsonNode tree =
        Json.parse("{\"topsecret1\": [\"a topsecret1 b\", {\"n\": \"topsecret1\"}], \"ok\": 1}");
    assertEquals(
        "{\"****\":[\"a **** b\",{\"n\":\"****\"}],\"ok\":1}", Json.write(masker.mask(tree)));
  }

  @Test
  void masksPlainJavaData() {
    masker.register("hunter2hunter2");
    Object masked = masker.maskValue(Map.of("list", List.of("x hunter2hunter2"), "n", 3));
    assertEquals(Map.of("list", List.of("x ****"), "n", 3), masked);
  }

  @Test
  void registersEveryLeafOfAConfig() {
    masker.registerLeaves(
        Json.parse("{\"a\": {\"b\": [\"leaf-secret-1\"]}, \"c\": \"leaf-secret-2\"}"));
    assertEquals("**** ****", masker.mask("leaf-secret-1 leaf-secret-2"));
  }

  // Red team m2: a double prints as 7.39146825E9, whose text holds none of the secret's digits.
  @Test
  void masksAnAllDigitSecretHeldAsAFloat() {
    masker.register("7391468250");
    JsonNode record = Json.parse("{\"account\": 7391468250.0, \"total\": 12.5}");
    assertEquals(
        "{\"account\":\"****\",\"total\":12.5}",
        Json.write(masker.mask(record)),
        "the secret's digits, written out, are found in the number");
    assertEquals("****", masker.maskValue(7391468250.0), "and in a Java double");
  }

  /** Found by red team s: a log cut a key over two lines, which were masked one by one. */
  @Test
  void linesAreMaskedTogetherAndKeptApart() {
    Masker masker = new Masker();
    masker.register("sk-split-Rt83Kq29Vb");
    assertEquals(
        List.of("start", "key: ****", "****' done", "", "plain", "again ****"),
        masker.maskLines(
            List.of(
                "start",
                "key: sk-spl",
                "it-Rt83Kq29Vb' done",
                "",
                "plain",
                "again sk-split-Rt83Kq29Vb")));
    assertEquals(List.of("a", "b"), masker.maskLines(List.of("a", "b")));
  }

  /** Found by red team s: a source's list of log lines held a key cut over two items. */
  @Test
  void aListsTextItemsAreMaskedTogether() {
    Masker masker = new Masker();
    masker.register("sk-split-Rt83Kq29Vb");
    String line = "{\"lines\":[\"key: sk-spl\",\"it-Rt83Kq29Vb done\",\"plain\"],\"n\":1}";
    assertEquals(
        "{\"lines\":[\"key: ****\",\"**** done\",\"plain\"],\"n\":1}",
        masker.maskRecordValue(line));
    assertEquals(
        "{\"lines\":[\"key: ****\",\"**** done\",\"plain\"],\"n\":1}",
        Json.write(masker.mask(Json.parse(line))));
    byte[] bytes = ("{\"data\":" + line + "}").getBytes(StandardCharsets.US_ASCII);
    assertTrue(masker.revealsSecretInAscii(bytes, 0, bytes.length), "a line staged as it is");
    assertEquals(
        List.of("key: ****", "**** done"),
        masker.maskValue(List.of("key: sk-spl", "it-Rt83Kq29Vb done")));
    String plain = "{\"lines\":[\"a\",\"b\"]}";
    assertEquals(plain, masker.maskRecordValue(plain));
  }
}
