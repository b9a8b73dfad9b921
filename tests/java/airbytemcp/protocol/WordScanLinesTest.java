package airbytemcp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The splitter skips eight bytes at a time: a line break, backslash or non-ASCII byte must be seen
 * at every position of such a word and across every chunk boundary.
 */
@Timeout(30)
class WordScanLinesTest {
  /** Each line as "plain text" or "other text", the way a byte-at-a-time reading sees it. */
  private static List<String> expected(byte[] text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= text.length; i++) {
      if (i == text.length && start == i) {
        break;
      }
      if (i == text.length || text[i] == '\n') {
        int end = i > start && text[i - 1] == '\r' ? i - 1 : i;
        boolean plain = true;
        for (int k = start; k < i; k++) {
          plain &= text[k] >= 0 && text[k] != '\\';
        }
        out.add(describe(text, start, end - start, plain));
        start = i + 1;
      }
    }
    return out;
  }

  private static String describe(byte[] bytes, int offset, int length, boolean plain) {
    return (plain ? "plain " : "other ")
        + new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
  }

  private static List<String> split(byte[] text, int[] cuts) {
    List<String> out = new ArrayList<>();
    LineSplitter splitter =
        new LineSplitter(
            (bytes, offset, length, plain) -> out.add(describe(bytes, offset, length, plain)),
            1 << 20,
            "stdout");
    int from = 0;
    for (int cut : cuts) {
      splitter.accept(text, from, cut - from);
      from = cut;
    }
    splitter.accept(text, from, text.length - from);
    splitter.finish();
    return out;
  }

  @Test
  void aMarkAtEveryPositionOfAWordIsSeenWhateverTheChunking() {
    byte[] marks = {'\n', '\\', (byte) 0xC3, '\r'};
    for (byte mark : marks) {
      for (int at = 0; at < 40; at++) {
        byte[] text =
            "abcdefghijklmnopqrstuvwxyz0123456789ABCD\nlast line of plain text\n"
                .getBytes(StandardCharsets.US_ASCII);
        text[at] = mark;
        for (int cut = 0; cut <= text.length; cut += 3) {
          assertEquals(
              expected(text),
              split(text, new int[] {cut}),
              "mark " + mark + " at " + at + " with a chunk cut at " + cut);
        }
      }
    }
  }

  @Test
  void randomTextInRandomChunksSplitsAsByteByByte() {
    Random random = new Random(18);
    byte[] alphabet = "abc{}\":,0123456789 \n\n\r\\".getBytes(StandardCharsets.US_ASCII);
    for (int round = 0; round < 500; round++) {
      byte[] text = new byte[random.nextInt(300)];
      for (int i = 0; i < text.length; i++) {
        int pick = random.nextInt(alphabet.length + 4);
        // mostly plain letters (the words the scan skips), sometimes a mark or a non-ASCII byte
        text[i] =
            pick < alphabet.length
                ? (random.nextInt(4) == 0 ? alphabet[pick] : (byte) ('a' + random.nextInt(26)))
                : (byte) (0x80 + random.nextInt(0x80));
      }
      int[] cuts = random.ints(random.nextInt(5), 0, text.length + 1).sorted().toArray();
      assertEquals(expected(text), split(text, cuts), "round " + round);
    }
  }

  @Test
  void crlfLinesLoseTheirCarriageReturnAtAnyAlignment() {
    for (int pad = 0; pad < 16; pad++) {
      String line = "x".repeat(pad);
      byte[] text = (line + "\r\n" + line + "\r\n").getBytes(StandardCharsets.US_ASCII);
      assertEquals(
          List.of("plain " + line, "plain " + line),
          split(text, new int[] {pad + 1}),
          "lines of " + pad + " chars");
    }
  }
}
