package airbytemcp.declarative;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evidence of which shared manifests a test really ran: how many records each one's connector
 * emitted in reads that completed in this JVM (catalog/declarative-verified.csv is checked against
 * it).
 */
public final class ManifestReads {
  private static final Map<DeclarativeConnector, String> MANIFEST_OF =
      Collections.synchronizedMap(new WeakHashMap<>());
  private static final Map<String, Long> RECORDS = new ConcurrentHashMap<>();

  private ManifestReads() {}

  static DeclarativeConnector fromShared(String manifest, DeclarativeConnector connector) {
    MANIFEST_OF.put(connector, manifest);
    return connector;
  }

  static void completed(DeclarativeConnector connector, long records) {
    String manifest = MANIFEST_OF.get(connector);
    if (manifest != null) {
      RECORDS.merge(manifest, records, Long::sum);
    }
  }

  /** Records read so far through the connector of this shared manifest (e.g. source-stripe). */
  public static long records(String manifest) {
    return RECORDS.getOrDefault(manifest, 0L);
  }

  public static void clear() {
    RECORDS.clear();
  }
}
