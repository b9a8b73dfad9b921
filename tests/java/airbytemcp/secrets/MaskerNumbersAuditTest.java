package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertFalse;

import airbytemcp.common.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Audit B (defence in depth): a numeric secret held as a Java number in a tool's structured answer
 * is not masked by maskValue (ToolAdapter masks answers with it after convertValue has turned every
 * JsonNode into plain maps and numbers), while mask(JsonNode) would mask it.
 */
class MaskerNumbersAuditTest {
  @Test
  void aNumericSecretInPlainDataIsMasked() {
    Masker masker = new Masker();
    masker.register("73914682");
    Object masked = masker.maskValue(Map.of("account", 73914682L));
    assertFalse(Json.write(masked).contains("73914682"), Json.write(masked));
  }
}
