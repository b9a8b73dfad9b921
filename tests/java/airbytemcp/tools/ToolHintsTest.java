package airbytemcp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tool hints are named, never a row of booleans: each named hint is true, every other false. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ToolHintsTest {
  @Test
  void aWriteHasOnlyTheHintsItNames() {
    ToolHints hints = ToolHints.writes().destructive().openWorld().build();
    assertFalse(hints.readOnly(), "writes() is not read-only");
    assertTrue(hints.destructive(), "destructive was named");
    assertFalse(hints.idempotent(), "idempotent was not named");
    assertTrue(hints.openWorld(), "openWorld was named");
  }

  @Test
  void theReadConstantsDifferOnlyInReachingOutside() {
    assertTrue(ToolHints.LOCAL_READ.readOnly() && ToolHints.LOCAL_READ.idempotent());
    assertFalse(ToolHints.LOCAL_READ.openWorld(), "a local read stays on this machine");
    assertEquals(
        ToolHints.reads().idempotent().openWorld().build(),
        ToolHints.OPEN_WORLD_READ,
        "hints with the same names are equal");
  }

  @Test
  void aReadCannotBeDestructive() {
    assertThrows(IllegalStateException.class, () -> ToolHints.reads().destructive());
  }
}
