package airbytemcp.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TableNamesTest {
  @Test
  void lowerCasesAndReplacesEveryNonAlphanumericWithAnUnderscore() {
    assertEquals("customer_orders_v2_", TableNames.normalize("Customer Orders-v2!"));
    assertEquals("caf_", TableNames.normalize("Café"));
  }

  @Test
  void prefixesNamesStartingWithADigit() {
    assertEquals("_2024_sales", TableNames.normalize("2024 Sales"));
  }

  @Test
  void refusesNamesWithoutLettersOrDigits() {
    assertThrows(CacheError.class, () -> TableNames.normalize("--"));
  }
}
