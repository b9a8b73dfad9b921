package airbytemcp.cache;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.secrets.Masker;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The check of each staged record against the stream's previous one, on its own. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RecordSeamsTest {
  private static final String SECRET = "tok-Hv25Mc71Ja-Rb93";
  private final Masker masker = new Masker();

  private static void stage(RecordSeams seams, String members) {
    byte[] bytes = members.getBytes(StandardCharsets.UTF_8);
    seams.check(bytes, 0, bytes.length, bytes.length == members.length());
  }

  @Test
  void aSecretLearnedAfterTheSyncStartedIsFoundAcrossRecords() {
    RecordSeams seams = RecordSeams.of(masker, "events");
    stage(seams, "\"data\":{\"line\":\"before any secret\"}");
    masker.register(SECRET); // a token refreshed while the sync runs
    stage(seams, "\"data\":{\"line\":\"auth " + SECRET.substring(0, 9) + "\"}");
    CacheError error =
        assertThrows(
            CacheError.class,
            () -> stage(seams, "\"data\":{\"line\":\"" + SECRET.substring(9) + " ok\"}"),
            "a secret registered after the stage began was not looked for across records");
    assertTrue(
        error.getMessage().contains("stream 'events'") && error.getMessage().contains("'line'"),
        error.getMessage());
  }

  /** Stages {@code first}, then finds the secret the join with {@code second} holds. */
  private void assertFoundAcross(String first, String second, String what) {
    masker.register(SECRET);
    RecordSeams seams = RecordSeams.of(masker, "events");
    stage(seams, first);
    assertThrows(CacheError.class, () -> stage(seams, second), what + " passed");
  }

  @Test
  void theItemsOfListsUnderOneKeyAreJoinedAcrossRecords() {
    assertFoundAcross(
        "\"data\":{\"lines\":[\"start\",\"" + SECRET.substring(0, 4) + "\"]}",
        "\"data\":{\"lines\":[\"" + SECRET.substring(4) + "\",\"end\"]}",
        "a secret cut over the last item of one record's list and the first of the next's");
  }

  @Test
  void aNonAsciiRecordIsJoinedAsText() {
    assertFoundAcross(
        "\"data\":{\"line\":\"café " + SECRET.substring(0, 12) + "\"}",
        "\"data\":{\"line\":\"" + SECRET.substring(12) + " über\"}",
        "a secret cut over two records with non-ASCII text");
  }

  @Test
  void keysSpelledOtherwiseThatLandInOneColumnAreJoined() {
    assertFoundAcross(
        "\"data\":{\"Log Line\":\"auth " + SECRET.substring(0, 10) + "\"}",
        "\"data\":{\"log_line\":\"" + SECRET.substring(10) + " ok\"}",
        "a secret cut over two records whose keys both name the column log_line");
  }

  @Test
  void recordsWhoseJoinsHoldNoSecretPass() {
    masker.register(SECRET);
    RecordSeams seams = RecordSeams.of(masker, "events");
    assertDoesNotThrow(
        () -> {
          for (int i = 0; i < 100; i++) {
            stage(seams, "\"data\":{\"id\":" + i + ",\"line\":\"GET /items/" + i + " -> 200\"}");
          }
        });
  }
}
