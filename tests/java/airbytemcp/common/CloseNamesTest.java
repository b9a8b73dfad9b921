package airbytemcp.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CloseNamesTest {
  static final List<String> CONNECTORS =
      List.of(
          "source-postgres",
          "destination-postgres",
          "source-stripe",
          "source-faker",
          "source-github",
          "destination-duckdb",
          "source-postmark",
          "source-posthog");

  @Test
  void aMisspeltNameGetsTheClosestFirst() {
    assertEquals("source-postgres", CloseNames.closest("source-postgress", CONNECTORS, 3).get(0));
  }

  @Test
  void aNameWithoutItsPrefixFindsBothKinds() {
    List<String> close = CloseNames.closest("postgres", CONNECTORS, 3);
    assertTrue(
        close.containsAll(List.of("source-postgres", "destination-postgres")), close.toString());
  }

  @Test
  void caseDoesNotMatterAndAtMostThreeComeBack() {
    assertEquals(List.of("source-stripe"), CloseNames.closest("Stripe", CONNECTORS, 3));
    assertTrue(CloseNames.closest("source-post", CONNECTORS, 3).size() <= 3);
  }

  @Test
  void twoAdjacentLettersSwappedAreOneEdit() {
    assertEquals(1, CloseNames.distance("fkaer", "faker"), "k and a swapped");
    assertEquals(1, CloseNames.distance("ab", "ba"), "the whole name swapped");
    assertEquals(
        3,
        CloseNames.distance("ca", "abc"),
        "a swapped pair is not edited again (optimal string alignment, not full Damerau's 2)");
    assertEquals(3, CloseNames.distance("kitten", "sitting"), "other edits count as before");
  }

  @Test
  void aSwappedNameIsAsCloseAsOneWithALetterAdded() {
    // Levenshtein's 2 for the swap would put the name with a letter added (1) first
    assertEquals(
        List.of("source-faker"),
        CloseNames.closest("source-fkaer", List.of("source-fkaers", "source-faker"), 1),
        "the swap is one edit; at equal distance names sort alphabetically");
  }

  @Test
  void nothingCloseGivesNothing() {
    assertEquals(List.of(), CloseNames.closest("salesforce-marketing-cloud", CONNECTORS, 3));
  }

  @Test
  void misspeltToolNamesAreFoundToo() {
    assertEquals(
        List.of("list_connectors"),
        CloseNames.closest(
            "list_conectors",
            List.of("list_connectors", "get_connector_info", "run_sql_query"),
            3));
  }
}
