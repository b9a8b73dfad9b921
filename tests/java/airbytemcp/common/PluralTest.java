package airbytemcp.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PluralTest {
  @Test
  void oneOfSomethingIsSingular() {
    assertEquals("1 stream", Plural.of(1, "stream"));
  }

  @Test
  void noneAndManyArePlural() {
    assertEquals("0 streams", Plural.of(0, "stream"));
    assertEquals("2 streams", Plural.of(2, "stream"));
  }

  @Test
  void anIrregularPluralIsGivenByTheCaller() {
    assertEquals("1 entry", Plural.of(1, "entry", "entries"));
    assertEquals("3 entries", Plural.of(3, "entry", "entries"));
  }

  @Test
  void largeCountsAreGroupedInEveryLocale() {
    assertEquals("1,234 records", Plural.grouped(1234, "record"));
    assertEquals("1 record", Plural.grouped(1, "record"));
  }

  @Test
  void theNounAloneFollowsTheCount() {
    assertEquals("stream", Plural.noun(1, "stream"));
    assertEquals("streams", Plural.noun(5, "stream"));
  }
}
