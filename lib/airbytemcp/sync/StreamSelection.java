package airbytemcp.sync;

import airbytemcp.cache.CacheError;
import java.util.List;
import java.util.function.Supplier;

/**
 * Which streams a sync reads: {@code "suggested"} (the default) takes the registry's suggested
 * streams the source has, or all streams when there are none; {@code "*"} takes all; anything else
 * is a list of stream names.
 */
public final class StreamSelection {
  public static final String SUGGESTED = "suggested";
  public static final String ALL = "*";

  private StreamSelection() {}

  public static List<String> resolve(
      List<String> requested, List<String> available, Supplier<List<String>> suggested) {
    if (requested.isEmpty() || requested.equals(List.of(SUGGESTED))) {
      List<String> chosen =
          suggested.get().stream().filter(available::contains).distinct().toList();
      return chosen.isEmpty() ? available : chosen;
    }
    if (requested.equals(List.of(ALL))) {
      return available;
    }
    if (requested.contains(ALL) || requested.contains(SUGGESTED)) {
      throw new CacheError(
          "'*' and 'suggested' cannot be combined with stream names.",
          "Pass \"*\", \"suggested\", or a list of stream names.");
    }
    return requested.stream().distinct().toList();
  }
}
