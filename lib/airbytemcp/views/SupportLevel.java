package airbytemcp.views;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Airbyte's connector support levels, ordered; the registry spells them in lower case. */
public enum SupportLevel {
  ARCHIVED(100, "Archived"),
  COMMUNITY(200, "Marketplace"),
  CERTIFIED(300, "Airbyte");

  private final int rank;
  private final String label;

  SupportLevel(int rank, String label) {
    this.rank = rank;
    this.label = label;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public int rank() {
    return rank;
  }

  /** The level a registry entry names, if it is one of the ordered ones. */
  public static Optional<SupportLevel> of(String registryValue) {
    return Arrays.stream(values())
        .filter(l -> l.id().equalsIgnoreCase(String.valueOf(registryValue).strip()))
        .findFirst();
  }

  /** A level given by a caller: its name or its number (100, 200, 300). */
  public static SupportLevel parse(String argument, String argumentName) {
    String value = argument.strip();
    return Arrays.stream(values())
        .filter(l -> l.id().equalsIgnoreCase(value) || String.valueOf(l.rank).equals(value))
        .findFirst()
        .orElseThrow(
            () ->
                new ViewError(
                    "Unknown " + argumentName + " '" + argument + "'.",
                    "Use archived (100), community (200) or certified (300)."));
  }

  /** How the catalog shows a registry support level: certified connectors are Airbyte's own. */
  public static String label(String registryValue) {
    if ("enterprise".equalsIgnoreCase(registryValue)) {
      return "Enterprise";
    }
    return of(registryValue)
        .map(l -> l.label)
        .orElse(registryValue == null ? "Unknown" : registryValue);
  }
}
