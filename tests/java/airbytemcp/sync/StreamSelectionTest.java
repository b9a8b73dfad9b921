package airbytemcp.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import airbytemcp.cache.CacheError;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamSelectionTest {
  private static final List<String> AVAILABLE = List.of("users", "orders", "events");

  @Test
  void suggestedTakesTheRegistrysSuggestionsTheSourceHas() {
    assertEquals(
        List.of("orders", "users"),
        StreamSelection.resolve(
            List.of("suggested"), AVAILABLE, () -> List.of("orders", "gone", "users")));
  }

  @Test
  void suggestedIsTheDefaultAndFallsBackToAllStreamsWithoutSuggestions() {
    assertEquals(AVAILABLE, StreamSelection.resolve(List.of(), AVAILABLE, List::of));
    assertEquals(
        AVAILABLE, StreamSelection.resolve(List.of("suggested"), AVAILABLE, () -> List.of("gone")));
  }

  @Test
  void starTakesEveryStream() {
    assertEquals(
        AVAILABLE, StreamSelection.resolve(List.of("*"), AVAILABLE, () -> List.of("users")));
  }

  @Test
  void namesAreTakenAsGivenWithoutRepeats() {
    assertEquals(
        List.of("events", "users"),
        StreamSelection.resolve(List.of("events", "users", "events"), AVAILABLE, List::of));
  }

  @Test
  void starOrSuggestedMixedWithNamesIsRefused() {
    assertThrows(
        CacheError.class,
        () -> StreamSelection.resolve(List.of("*", "users"), AVAILABLE, List::of));
  }
}
