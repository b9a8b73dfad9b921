package airbytemcp.cache;

/** Hears how a sync is getting on; called on the sync's thread, so it must return quickly. */
@FunctionalInterface
public interface SyncListener {
  SyncListener NONE = progress -> {};

  void onProgress(SyncProgress progress);
}
