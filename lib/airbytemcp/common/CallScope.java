package airbytemcp.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The life of one tool call, so work deep below a tool (a query, a connector process, an HTTP read)
 * can be stopped when the client cancels the call or the server shuts down. Work registers what
 * stops it with {@link #onCancel}; {@link #cancel} runs those hooks and interrupts the thread
 * running the call.
 *
 * <p>The scope of the running call is found through {@link #current()} on the call's thread; work
 * outside any call gets a scope that is never cancelled.
 */
public final class CallScope implements AutoCloseable {
  private static final ThreadLocal<CallScope> CURRENT = new ThreadLocal<>();
  private static final Set<CallScope> OPEN = ConcurrentHashMap.newKeySet();
  private static final CallScope NONE = new CallScope(null);

  private final Thread owner;
  private final List<Runnable> hooks = new ArrayList<>();
  private volatile boolean cancelled;
  private boolean closed; // guarded by hooks

  private CallScope(Thread owner) {
    this.owner = owner;
  }

  /** Opens the scope of a call on this thread; close it when the call ends. */
  public static CallScope open() {
    CallScope scope = new CallScope(Thread.currentThread());
    CURRENT.set(scope);
    OPEN.add(scope);
    return scope;
  }

  /** The scope of the call running on this thread, or one that is never cancelled. */
  public static CallScope current() {
    CallScope scope = CURRENT.get();
    return scope == null ? NONE : scope;
  }

  /** Cancels every open call (the server is stopping). */
  public static void cancelAll() {
    OPEN.forEach(CallScope::cancel);
  }

  /**
   * Runs {@code hook} when the call is cancelled (at once when it already is); closing the returned
   * handle forgets the hook, which work does when it ends normally.
   */
  public Registration onCancel(Runnable hook) {
    if (this == NONE) {
      return () -> {};
    }
    boolean runNow;
    synchronized (hooks) {
      runNow = cancelled;
      if (!runNow) {
        hooks.add(hook);
      }
    }
    if (runNow) {
      hook.run();
    }
    return () -> {
      synchronized (hooks) {
        hooks.remove(hook);
      }
    };
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /** Stops the call: runs its hooks (each once) and interrupts its thread. */
  public void cancel() {
    if (this == NONE) {
      return;
    }
    List<Runnable> toRun;
    synchronized (hooks) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      toRun = new ArrayList<>(hooks);
      hooks.clear();
    }
    for (Runnable hook : toRun) {
      try {
        hook.run();
      } catch (RuntimeException e) {
        // one failing hook must not keep the others from stopping their work
      }
    }
    synchronized (hooks) {
      // only while the call runs: an interrupt landing after close() would hit whatever the pooled
      // thread does next, such as writing the answer (an interrupted socket write aborts it)
      if (owner != null && !closed) {
        owner.interrupt();
      }
    }
  }

  @Override
  public void close() {
    OPEN.remove(this);
    if (CURRENT.get() == this) {
      CURRENT.remove();
    }
    synchronized (hooks) {
      hooks.clear();
      closed = true;
    }
    // a cancel that raced the end of the call must not leave the pooled thread interrupted
    if (owner == Thread.currentThread()) {
      Thread.interrupted();
    }
  }

  /** Forgets a hook. */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
