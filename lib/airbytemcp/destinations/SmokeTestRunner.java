package airbytemcp.destinations;

import airbytemcp.common.Json;
import airbytemcp.common.Plural;
import airbytemcp.connectors.Connector;
import airbytemcp.network.EgressRules;
import airbytemcp.protocol.Messages;
import airbytemcp.protocol.StreamDescriptor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends synthetic scenarios to a destination connector through its {@code write} and reports what
 * happened. A preflight with {@code basic_types} runs first (unless skipped) so a destination that
 * cannot take even that fails fast. After a successful write to destination-duckdb the tables are
 * read back for their statistics.
 */
public final class SmokeTestRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SmokeTestRunner.class);
  private static final DateTimeFormatter NAMESPACE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmm", Locale.ROOT);

  /** What to test: the scenarios, the namespace they go to, and whether to skip the preflight. */
  public record Request(
      String destinationName,
      JsonNode config,
      List<SmokeScenario> scenarios,
      String scenariosRequested,
      String namespace,
      boolean skipPreflight) {}

  /** Hears which step the smoke test is on. */
  @FunctionalInterface
  public interface Listener {
    void step(String message);
  }

  private final Clock clock;
  private final EgressRules egress;

  /** A runner whose read-backs reach public hosts only. */
  public SmokeTestRunner(Clock clock) {
    this(clock, EgressRules.NONE);
  }

  /**
   * @param egress the loopback and private hosts a Postgres read-back may connect to
   */
  public SmokeTestRunner(Clock clock, EgressRules egress) {
    this.clock = clock;
    this.egress = egress;
  }

  /** {@code zz_deleteme_yyyymmdd_hhmm_<suffix>} (UTC), the namespace a new smoke test writes to. */
  public String newNamespace(String suffix) {
    String tail = suffix == null || suffix.isBlank() ? "smoke_test" : suffix.strip();
    return "zz_deleteme_" + LocalDateTime.now(clock).format(NAMESPACE_TIME) + "_" + tail;
  }

  public SmokeTestResult run(Connector destination, Request request, Listener listener) {
    long start = System.nanoTime();
    boolean runPreflight =
        !request.skipPreflight()
            && !(request.scenarios().size() == 1
                && request.scenarios().get(0).name().equals(SmokeScenarios.PREFLIGHT));
    Boolean preflightPassed = null;
    if (runPreflight) {
      listener.step("Preflight: writing basic_types");
      String error = write(destination, request, List.of(SmokeScenarios.preflight()));
      preflightPassed = error == null;
      if (error != null) {
        return new SmokeTestResult(
            false,
            request.destinationName(),
            request.namespace(),
            0,
            request.scenariosRequested(),
            seconds(start),
            "Preflight (basic_types) failed: " + error,
            false,
            null,
            null,
            null);
      }
    }
    listener.step("Writing " + Plural.of(request.scenarios().size(), "scenario"));
    String error = write(destination, request, request.scenarios());
    long delivered =
        error == null
            ? request.scenarios().stream().mapToLong(SmokeScenario::recordCount).sum()
            : 0;
    List<String> warnings = new ArrayList<>();
    JdbcReadback.Readback readback = error == null ? readBack(request, warnings) : null;
    return new SmokeTestResult(
        error == null,
        request.destinationName(),
        request.namespace(),
        delivered,
        request.scenariosRequested(),
        seconds(start),
        error,
        preflightPassed,
        readback == null ? null : readback.statistics(),
        readback == null ? null : readback.notFound(),
        warnings.isEmpty() ? null : warnings);
  }

  /**
   * Writes the scenarios in one {@code write}; the failure message, or null when the destination
   * took them.
   */
  private static String write(
      Connector destination, Request request, List<SmokeScenario> scenarios) {
    try {
      destination.write(
          request.config(),
          configuredCatalog(scenarios, request.namespace()),
          () -> lines(scenarios, request.namespace()),
          message -> {});
      return null;
    } catch (RuntimeException e) {
      LOG.info("Smoke test write to {} failed: {}", request.destinationName(), e.getMessage());
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }

  private JdbcReadback.Readback readBack(Request request, List<String> warnings) {
    String name = request.destinationName();
    if (name.contains("postgres")) {
      try {
        if (PostgresReadback.target(request.config()) == null) {
          warnings.add("The config names no Postgres host, so tables were not read back.");
          return null;
        }
        return PostgresReadback.read(
            request.config(), request.namespace(), request.scenarios(), egress);
      } catch (PostgresReadback.ReadbackFailed e) {
        warnings.add("Reading the tables back from Postgres failed: " + e.getMessage());
        return null;
      }
    }
    if (!name.contains("duckdb")) {
      return null;
    }
    Path file = DuckDbReadback.databaseFile(request.config());
    if (file == null) {
      warnings.add(
          "The config names no local DuckDB file (destination_path), so tables were not read back.");
      return null;
    }
    try {
      return DuckDbReadback.read(file, request.namespace(), request.scenarios());
    } catch (SQLException e) {
      warnings.add("Reading the tables back failed: " + e.getMessage());
      return null;
    }
  }

  static ObjectNode configuredCatalog(List<SmokeScenario> scenarios, String namespace) {
    ObjectNode catalog = Json.object();
    ArrayNode streams = catalog.putArray("streams");
    for (SmokeScenario s : scenarios) {
      ObjectNode configured = streams.addObject();
      ObjectNode stream = configured.putObject("stream");
      stream.put("name", s.name());
      stream.put("namespace", namespace);
      stream.set("json_schema", s.jsonSchema());
      stream.putArray("supported_sync_modes").add("full_refresh");
      ArrayNode key = stream.putArray("source_defined_primary_key");
      s.primaryKey().forEach(k -> key.addArray().add(k));
      configured.put("sync_mode", "full_refresh");
      configured.put("destination_sync_mode", s.primaryKey().isEmpty() ? "append" : "append_dedup");
      configured.set("primary_key", key.deepCopy());
      configured.putArray("cursor_field");
      configured.put("generation_id", 0);
      configured.put("minimum_generation_id", 0);
      configured.put("sync_id", 0);
    }
    return catalog;
  }

  /**
   * The RECORD lines of every scenario, each stream closed by a STATE; generated as they are sent.
   */
  static Iterator<String> lines(List<SmokeScenario> scenarios, String namespace) {
    long emittedAt = System.currentTimeMillis();
    Iterator<SmokeScenario> remaining = scenarios.iterator();
    // Not Stream.flatMap: its iterator() buffers each inner stream whole, a large batch included.
    return new Iterator<>() {
      private Iterator<String> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && remaining.hasNext()) {
          SmokeScenario s = remaining.next();
          current =
              Stream.concat(
                      s.records().get().map(data -> record(s.name(), namespace, data, emittedAt)),
                      Stream.of(state(s.name(), namespace)))
                  .iterator();
        }
        return current.hasNext();
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  private static String record(String stream, String namespace, JsonNode data, long emittedAt) {
    return Json.write(
        Messages.record(new StreamDescriptor(stream, namespace), data, emittedAt).json());
  }

  private static String state(String stream, String namespace) {
    ObjectNode done = Json.object().put("smoke_test", "complete");
    return Json.write(
        Messages.streamState(new StreamDescriptor(stream, namespace), done, 0).json());
  }

  private double seconds(long start) {
    return Math.round((System.nanoTime() - start) / 1e7) / 100.0;
  }
}
