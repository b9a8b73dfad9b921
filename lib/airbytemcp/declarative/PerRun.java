package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One value per run of a manifest with a config, shared by every stream of the run, their parents
 * and check (they are all built from the same manifest and config objects), and kept only while
 * both objects live.
 */
final class PerRun<T> {
  /** Stands for a run without config in the key. */
  private static final Object NO_CONFIG = new Object();

  private record Entry<T>(WeakReference<Object> manifest, WeakReference<Object> config, T value) {}

  private final List<Entry<T>> entries = new ArrayList<>();

  /** The run's value, made by {@code make} the first time it is asked for. */
  T get(Manifest manifest, JsonNode config, Supplier<T> make) {
    Object key = config == null ? NO_CONFIG : config;
    synchronized (entries) {
      entries.removeIf(e -> e.manifest().get() == null || e.config().get() == null);
      for (Entry<T> e : entries) {
        if (e.manifest().get() == manifest.definition() && e.config().get() == key) {
          return e.value();
        }
      }
      T value = make.get();
      entries.add(
          new Entry<>(new WeakReference<>(manifest.definition()), new WeakReference<>(key), value));
      return value;
    }
  }
}
