package airbytemcp.declarative;

import com.hubspot.jinjava.objects.collections.SizeLimitingPyMap;
import java.util.Map;

/** A dict in templates: Jinjava's map plus Python's two-argument {@code get(key, default)}. */
public final class PyDict extends SizeLimitingPyMap {
  public PyDict(Map<String, Object> map) {
    super(map, Integer.MAX_VALUE);
  }

  public Object get(Object key, Object fallback) {
    return containsKey(key) ? get(key) : fallback;
  }
}
