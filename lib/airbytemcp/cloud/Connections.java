package airbytemcp.cloud;

import static airbytemcp.cloud.Workspaces.text;
import static airbytemcp.cloud.Workspaces.textOr;

import airbytemcp.common.Json;
import airbytemcp.common.Plural;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Connections between a deployed source and destination: create, list, describe, change, delete.
 */
public final class Connections {
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Summary(
      String id,
      String name,
      String url,
      String sourceId,
      String destinationId,
      String lastJobStatus,
      Long lastJobId,
      String lastJobTime,
      Long currentlyRunningJobId,
      String currentlyRunningJobStartTime) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Details(
      String connectionId,
      String connectionName,
      String connectionUrl,
      String sourceId,
      String sourceName,
      String destinationId,
      String destinationName,
      List<String> selectedStreams,
      String tablePrefix,
      String status,
      String scheduleType,
      String cronExpression,
      String basicTiming) {}

  private final AirbyteApi api;
  private final WebUrls urls;
  private final SafeModeLedger ledger;
  private final Actors sources;
  private final Actors destinations;

  Connections(
      AirbyteApi api, WebUrls urls, SafeModeLedger ledger, Actors sources, Actors destinations) {
    this.api = api;
    this.urls = urls;
    this.ledger = ledger;
    this.sources = sources;
    this.destinations = destinations;
  }

  public String create(
      String workspaceId,
      String name,
      String sourceId,
      String destinationId,
      List<String> streams,
      Optional<String> prefix) {
    List<String> selected = selectableStreams(sourceId, streams);
    ObjectNode body =
        Json.object()
            .put("name", name)
            .put("sourceId", ActorKind.SOURCE.id(sourceId))
            .put("destinationId", ActorKind.DESTINATION.id(destinationId));
    body.set("configurations", streamConfigurations(selected));
    body.put("prefix", prefix.orElse(""));
    String id = text(api.post("/connections", body), "connectionId");
    ledger.recordCreated(CloudObject.CONNECTION, id);
    return id;
  }

  /** Checks a connection id before it goes into a path. */
  public static String id(String value) {
    return CloudIds.uuid("connection_id", value);
  }

  public String url(String workspaceId, String id) {
    return urls.connection(workspaceId, id);
  }

  public JsonNode get(String id) {
    return api.get("/connections/" + id(id), ApiQuery.of());
  }

  /** The connection, after checking it belongs to the workspace the caller means. */
  public JsonNode getInWorkspace(String workspaceId, String id) {
    JsonNode connection = get(id);
    String actual = text(connection, "workspaceId");
    if (actual != null && !actual.equals(workspaceId)) {
      throw new CloudError(
          "Connection '"
              + id
              + "' belongs to workspace '"
              + actual
              + "', not '"
              + workspaceId
              + "'.",
          "Pass workspace_id='" + actual + "' if that workspace is the one you mean.");
    }
    return connection;
  }

  public Details describe(String workspaceId, String id) {
    JsonNode connection = getInWorkspace(workspaceId, id);
    String sourceId = text(connection, "sourceId");
    String destinationId = text(connection, "destinationId");
    return new Details(
        id,
        textOr(connection, "name"),
        url(workspaceId, id),
        sourceId,
        textOr(sources.get(sourceId), "name"),
        destinationId,
        textOr(destinations.get(destinationId), "name"),
        streamNames(connection),
        textOr(connection, "prefix"),
        text(connection, "status"),
        text(connection.path("schedule"), "scheduleType"),
        text(connection.path("schedule"), "cronExpression"),
        text(connection.path("schedule"), "basicTiming"));
  }

  /**
   * Connections of the workspace, optionally with the latest job status of each; {@code limit}
   * applies after all filters.
   */
  public List<Summary> list(
      String workspaceId,
      Optional<String> nameContains,
      Optional<Integer> limit,
      boolean withStatus,
      boolean failingOnly,
      SyncJobs jobs) {
    if (limit.isPresent() && limit.get() <= 0) {
      throw new CloudError("limit must be greater than 0.", null);
    }
    boolean filtered = nameContains.isPresent() || failingOnly;
    List<JsonNode> items =
        api.list(
            "/connections",
            ApiQuery.of().add("workspaceIds", workspaceId),
            filtered ? Optional.empty() : limit);
    String needle = nameContains.map(n -> n.toLowerCase(Locale.ROOT)).orElse("");
    List<Summary> result = new ArrayList<>();
    for (JsonNode item : items) {
      if (limit.isPresent() && result.size() >= limit.get()) {
        break;
      }
      if (!textOr(item, "name").toLowerCase(Locale.ROOT).contains(needle)) {
        continue;
      }
      String id = text(item, "connectionId");
      Summary summary =
          new Summary(
              id,
              textOr(item, "name"),
              url(workspaceId, id),
              text(item, "sourceId"),
              text(item, "destinationId"),
              null,
              null,
              null,
              null,
              null);
      if (withStatus || failingOnly) {
        summary = withLatestJobs(summary, jobs.recent(workspaceId, id, 5));
        if (failingOnly
            && !List.of("failed", "cancelled").contains(String.valueOf(summary.lastJobStatus()))) {
          continue;
        }
      }
      result.add(summary);
    }
    return result;
  }

  private static Summary withLatestJobs(Summary s, List<JsonNode> newestFirst) {
    JsonNode running = null;
    JsonNode finished = null;
    for (JsonNode job : newestFirst) {
      boolean done = SyncJobs.isFinished(textOr(job, "status"));
      if (!done && running == null) {
        running = job;
      }
      if (done) {
        finished = job;
        break;
      }
    }
    return new Summary(
        s.id(),
        s.name(),
        s.url(),
        s.sourceId(),
        s.destinationId(),
        finished == null ? null : text(finished, "status"),
        finished == null ? null : finished.path("jobId").asLong(),
        finished == null ? null : text(finished, "startTime"),
        running == null ? null : running.path("jobId").asLong(),
        running == null ? null : text(running, "startTime"));
  }

  public String rename(String workspaceId, String id, String name) {
    api.patch("/connections/" + id(id), Json.object().put("name", name));
    return url(workspaceId, id);
  }

  public String setPrefix(String workspaceId, String id, String prefix) {
    ledger.requireCreatedHere(CloudObject.CONNECTION, id(id));
    api.patch("/connections/" + id(id), Json.object().put("prefix", prefix));
    return url(workspaceId, id);
  }

  /**
   * Replaces the stream selection; per-stream settings go back to Airbyte's defaults. Returns the
   * streams set.
   */
  public List<String> setStreams(String workspaceId, String id, List<String> streams) {
    ledger.requireCreatedHere(CloudObject.CONNECTION, id(id));
    List<String> selected = selectableStreams(text(get(id), "sourceId"), streams);
    ObjectNode body = Json.object();
    body.set("configurations", streamConfigurations(selected));
    api.patch("/connections/" + id(id), body);
    return selected;
  }

  /**
   * The streams to select, checked against the source's catalog: names must be among the source's
   * streams, and {@code *} on its own means every one of them.
   */
  public List<String> selectableStreams(String sourceId, List<String> requested) {
    List<String> wanted = requested.stream().distinct().toList();
    if (wanted.isEmpty()) {
      throw new CloudError(
          "No streams were selected.",
          "Pass one stream name, a list of them, or '*' for every stream of the source.");
    }
    List<String> available = sourceStreams(sourceId);
    if (wanted.contains(ALL_STREAMS)) {
      if (wanted.size() > 1) {
        throw new CloudError(
            "'*' selects every stream and cannot be combined with stream names.",
            "Pass '*' alone, or only stream names.");
      }
      if (available.isEmpty()) {
        throw new CloudError(
            "Source '" + sourceId + "' reports no streams, so '*' selects nothing.",
            "Check the source with check_cloud_connector; its config may not reach the data.");
      }
      return available;
    }
    List<String> unknown = wanted.stream().filter(n -> !available.contains(n)).toList();
    if (!unknown.isEmpty()) {
      throw new CloudError(
          "Source '"
              + sourceId
              + "' has no stream named "
              + String.join(", ", quoted(unknown))
              + ". Nothing was changed. Available streams: "
              + listed(available)
              + ".",
          "Use the names exactly as listed (they are case-sensitive), or '*' for all of them.");
    }
    return wanted;
  }

  /** The names of the streams a deployed source offers (Airbyte's stream properties for it). */
  public List<String> sourceStreams(String sourceId) {
    JsonNode answer =
        api.get("/streams", ApiQuery.of().add("sourceId", ActorKind.SOURCE.id(sourceId)));
    List<String> names = new ArrayList<>();
    answer.forEach(
        stream -> {
          String name = text(stream, "streamName");
          if (name != null && !names.contains(name)) {
            names.add(name);
          }
        });
    return names;
  }

  /** A selected_streams value of exactly this means every stream of the source. */
  public static final String ALL_STREAMS = "*";

  private static final int LISTED = 100;

  private static List<String> quoted(List<String> names) {
    return names.stream().map(n -> "'" + CloudIds.shown(n) + "'").toList();
  }

  private static String listed(List<String> names) {
    if (names.isEmpty()) {
      return "(none)";
    }
    String shown = String.join(", ", names.subList(0, Math.min(LISTED, names.size())));
    return names.size() > LISTED ? shown + " and " + (names.size() - LISTED) + " more" : shown;
  }

  /** Changes status and/or schedule; returns what changed, in words. */
  public List<String> update(
      String id, Optional<Boolean> enabled, Optional<String> cron, Optional<Boolean> manual) {
    return update(id, enabled, cron, manual, Optional.empty());
  }

  /**
   * Hours an interval schedule may have: they divide a day, so the schedule is the same every day.
   */
  public static final List<Integer> INTERVAL_HOURS = List.of(1, 2, 3, 4, 6, 8, 12, 24);

  /**
   * Changes status and/or schedule (a cron expression, manual, or every {@code intervalHours}
   * hours, sent as the equivalent cron expression since the public API takes only cron and manual
   * schedules).
   */
  public List<String> update(
      String id,
      Optional<Boolean> enabled,
      Optional<String> givenCron,
      Optional<Boolean> manual,
      Optional<Integer> intervalHours) {
    ledger.requireCreatedHere(CloudObject.CONNECTION, id(id));
    if (enabled.isEmpty() && givenCron.isEmpty() && manual.isEmpty() && intervalHours.isEmpty()) {
      throw new CloudError(
          "Nothing to change.",
          "Pass at least one of enabled, cron_expression, interval_hours and manual_schedule.");
    }
    int schedules =
        (givenCron.isPresent() ? 1 : 0)
            + (manual.orElse(false) ? 1 : 0)
            + (intervalHours.isPresent() ? 1 : 0);
    if (schedules > 1) {
      throw new CloudError(
          "cron_expression, interval_hours and manual_schedule=true contradict each other.",
          "Pass one schedule: a cron_expression, interval_hours, or manual_schedule=true.");
    }
    if (intervalHours.isPresent() && !INTERVAL_HOURS.contains(intervalHours.get())) {
      throw new CloudError(
          "interval_hours must be one of " + INTERVAL_HOURS + ", not " + intervalHours.get() + ".",
          "For other timings pass a cron_expression.");
    }
    Optional<String> cron =
        givenCron.or(
            () -> intervalHours.map(h -> h == 24 ? "0 0 0 * * ?" : "0 0 */" + h + " * * ?"));
    List<String> changes = new ArrayList<>();
    if (enabled.isPresent()) {
      String wanted = enabled.get() ? "active" : "inactive";
      if (!wanted.equals(text(get(id), "status"))) {
        api.patch("/connections/" + id(id), Json.object().put("status", wanted));
      }
      changes.add("status set to '" + (enabled.get() ? "enabled" : "disabled") + "'");
    }
    if (cron.isPresent()) {
      ObjectNode body = Json.object();
      body.putObject("schedule").put("scheduleType", "cron").put("cronExpression", cron.get());
      api.patch("/connections/" + id(id), body);
      changes.add(
          intervalHours
              .map(
                  h ->
                      "schedule set to every "
                          + Plural.of(h, "hour")
                          + " (cron '"
                          + cron.get()
                          + "')")
              .orElse("schedule set to cron '" + cron.get() + "'"));
    } else if (manual.orElse(false)) {
      ObjectNode body = Json.object();
      body.putObject("schedule").put("scheduleType", "manual");
      api.patch("/connections/" + id(id), body);
      changes.add("schedule set to 'manual'");
    }
    return changes;
  }

  /**
   * Deletes after safe mode (the connection, and the source/destination when cascading) and the
   * name confirmation pass; nothing is deleted when any check fails.
   */
  public void delete(String id, String expectedName, boolean withSource, boolean withDestination) {
    ledger.requireCreatedHere(CloudObject.CONNECTION, id(id));
    JsonNode connection = get(id);
    String actual = textOr(connection, "name");
    if (!actual.equals(expectedName)) {
      throw Actors.nameMismatch("connection", id, actual, expectedName);
    }
    String sourceId = text(connection, "sourceId");
    String destinationId = text(connection, "destinationId");
    if (withSource) {
      ledger.requireCreatedHere(CloudObject.SOURCE, sourceId);
    }
    if (withDestination) {
      ledger.requireCreatedHere(CloudObject.DESTINATION, destinationId);
    }
    api.delete("/connections/" + id(id));
    if (withSource) {
      sources.deleteWithConnection(sourceId);
    }
    if (withDestination) {
      destinations.deleteWithConnection(destinationId);
    }
  }

  static List<String> streamNames(JsonNode connection) {
    List<String> names = new ArrayList<>();
    connection.path("configurations").path("streams").forEach(s -> names.add(textOr(s, "name")));
    return names;
  }

  private static ObjectNode streamConfigurations(List<String> streams) {
    ObjectNode configurations = Json.object();
    ArrayNode list = configurations.putArray("streams");
    streams.forEach(name -> list.addObject().put("name", name));
    return configurations;
  }
}
