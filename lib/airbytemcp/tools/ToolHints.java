package airbytemcp.tools;

import java.util.Objects;

/**
 * The four MCP tool annotations, always sent explicitly. Built by naming the hints that hold, as
 * the MCP SDK builds its ToolAnnotations: {@code ToolHints.writes().destructive().openWorld()}; a
 * hint left unnamed is false. The two common read shapes are constants.
 */
public final class ToolHints {
  private final boolean readOnly;
  private final boolean destructive;
  private final boolean idempotent;
  private final boolean openWorld;

  // Private: hints are named through the builder, never passed as a row of booleans.
  private ToolHints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {
    this.readOnly = readOnly;
    this.destructive = destructive;
    this.idempotent = idempotent;
    this.openWorld = openWorld;
  }

  /** Reads this server's own data (registry, cache, dotenv files): repeatable, nothing outside. */
  public static final ToolHints LOCAL_READ = reads().idempotent().build();

  /** Reads an outside system (Airbyte Cloud, a connector's API) and may be repeated freely. */
  public static final ToolHints OPEN_WORLD_READ = reads().idempotent().openWorld().build();

  /** A tool that only reads: it can be neither destructive nor write anything. */
  public static Builder reads() {
    return new Builder(true);
  }

  /** A tool that changes something. */
  public static Builder writes() {
    return new Builder(false);
  }

  /** Names the hints that hold; each is false until named. */
  public static final class Builder {
    private final boolean readOnly;
    private boolean destructive;
    private boolean idempotent;
    private boolean openWorld;

    private Builder(boolean readOnly) {
      this.readOnly = readOnly;
    }

    /** May delete or overwrite what is there (only for tools that write). */
    public Builder destructive() {
      if (readOnly) {
        throw new IllegalStateException("a read-only tool cannot be destructive");
      }
      this.destructive = true;
      return this;
    }

    /** Calling again with the same arguments has no further effect and gives the same answer. */
    public Builder idempotent() {
      this.idempotent = true;
      return this;
    }

    /** Talks to systems outside this server (Airbyte Cloud, connectors' APIs, destinations). */
    public Builder openWorld() {
      this.openWorld = true;
      return this;
    }

    public ToolHints build() {
      return new ToolHints(readOnly, destructive, idempotent, openWorld);
    }
  }

  public boolean readOnly() {
    return readOnly;
  }

  public boolean destructive() {
    return destructive;
  }

  public boolean idempotent() {
    return idempotent;
  }

  public boolean openWorld() {
    return openWorld;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ToolHints h
        && h.readOnly == readOnly
        && h.destructive == destructive
        && h.idempotent == idempotent
        && h.openWorld == openWorld;
  }

  @Override
  public int hashCode() {
    return Objects.hash(readOnly, destructive, idempotent, openWorld);
  }

  @Override
  public String toString() {
    return "ToolHints[readOnly="
        + readOnly
        + ", destructive="
        + destructive
        + ", idempotent="
        + idempotent
        + ", openWorld="
        + openWorld
        + "]";
  }
}
