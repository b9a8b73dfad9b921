package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A record line's byte scan cannot write a number's digits out, so a number in exponent form sends
 * the line the long way while some secret is all digits: {@code 7.39146825E9} is {@code
 * 7391468250}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ExponentNumbersInRecordLinesTest {
  private static boolean scan(Masker masker, String line) {
    byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
    return masker.revealsSecretInAscii(bytes, 0, bytes.length);
  }

  @Test
  void anExponentNumberGoesTheLongWayWhileASecretIsAllDigits() {
    Masker masker = new Masker();
    masker.register("7391468250");
    for (String line :
        new String[] {
          "{\"account\":7.39146825E9,\"balance\":12.5}",
          "{\"account\":7.39146825e+09}",
          "{\"a\":1,\"account\":739146825E1}"
        }) {
      assertTrue(scan(masker, line), "an exponent number was copied through: " + line);
    }
  }

  @Test
  void plainNumbersAndWordsWithAnEStayOnTheQuickWay() {
    Masker masker = new Masker();
    masker.register("7391468250");
    assertFalse(scan(masker, "{\"id\":12,\"name\":\"Eve\",\"price\":12.5,\"code\":\"E7\"}"));
  }

  @Test
  void exponentNumbersStayOnTheQuickWayWhenNoSecretIsAllDigits() {
    Masker masker = new Masker();
    masker.register("sk-Rt83Kq29Vb");
    assertFalse(scan(masker, "{\"account\":7.39146825E9}"));
  }
}
