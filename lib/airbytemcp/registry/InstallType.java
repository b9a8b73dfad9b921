package airbytemcp.registry;

import java.util.Locale;
import java.util.Optional;

/** Ways a connector can be installed and run; not exclusive (every connector can run in Docker). */
public enum InstallType {
  /** A manifest-only (declarative YAML) connector. */
  YAML,
  /** Published on PyPI. */
  PYTHON,
  /** Written in Java (runs in Docker). */
  JAVA,
  /** Has a Docker image: every connector. */
  DOCKER;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<InstallType> fromId(String id) {
    try {
      return Optional.of(valueOf(id.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
