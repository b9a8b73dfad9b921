package airbytemcp.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A group of tools that can be switched on or off as a whole. */
public enum Domain {
  REGISTRY,
  LOCAL,
  CLOUD,
  INTERACTIVE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Domain> fromId(String id) {
    return Arrays.stream(values())
        .filter(d -> d.id().equals(id.trim().toLowerCase(Locale.ROOT)))
        .findFirst();
  }
}
