package airbytemcp.views;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import airbytemcp.cloud.ApiConformance;
import airbytemcp.cloud.FakeAirbyte;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A workspace for the views, played by the fake Airbyte: four connections in different health, with
 * job times relative to now (the board's "recent" window is measured from the server's clock).
 *
 * <ul>
 *   <li>{@link #HEALTHY}: 12 jobs, 9 succeeded, 2 failed, 1 cancelled; newest succeeded an hour
 *       ago.
 *   <li>{@link #FAILING}: the two newest failed within the last 3 hours (needs attention).
 *   <li>{@link #RUNNING}: a job running now, the one before succeeded 5 hours ago.
 *   <li>{@link #IDLE}: never synced.
 * </ul>
 */
public final class ViewScenario {
  public static final String HEALTHY = "a0000000-0000-4000-8000-000000000001";
  public static final String FAILING = "a0000000-0000-4000-8000-000000000002";
  public static final String RUNNING = "a0000000-0000-4000-8000-000000000003";
  public static final String IDLE = "a0000000-0000-4000-8000-000000000004";
  public static final int HEALTHY_JOBS = 12;

  /** Records of all of HEALTHY's jobs: job i (0 = newest) synced 1000 * (i + 1) records. */
  public static final long HEALTHY_RECORDS = 78_000;

  public static final String RUNNING_JOB = "7003";

  private static final String[] HEALTHY_STATUSES = {
    "succeeded",
    "succeeded",
    "failed",
    "succeeded",
    "succeeded",
    "cancelled",
    "succeeded",
    "succeeded",
    "failed",
    "succeeded",
    "succeeded",
    "succeeded"
  };

  private ViewScenario() {}

  public static FakeAirbyte install(FakeAirbyte fake) {
    fake.token();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String ws = FakeAirbyte.WORKSPACE;
    fake.publicJson(
        "GET",
        "/connections",
        FakeAirbyte.page(
            connection(HEALTHY, "Postgres to BigQuery", "b1", "d1"),
                connection(FAILING, "Stripe to Snowflake", "b2", "d2"),
            connection(RUNNING, "HubSpot to S3", "b3", "d1"),
                connection(IDLE, "Faker to DuckDB", "b4", "d2")));
    fake.publicJson(
        "GET", "/connections/" + HEALTHY, connection(HEALTHY, "Postgres to BigQuery", "b1", "d1"));
    String[][] actors = {
      {"b1", "Production Postgres"}, {"b2", "Stripe"}, {"b3", "HubSpot"}, {"b4", "Faker"}
    };
    for (String[] a : actors) {
      fake.publicJson(
          "GET",
          "/sources/" + id(a[0]),
          "{\"sourceId\":\""
              + id(a[0])
              + "\",\"name\":\""
              + a[1]
              + "\",\"sourceType\":\"postgres\",\"workspaceId\":\""
              + ws
              + "\",\"configuration\":{}}");
    }
    for (String[] a : new String[][] {{"d1", "Analytics warehouse"}, {"d2", "Data lake"}}) {
      fake.publicJson(
          "GET",
          "/destinations/" + id(a[0]),
          "{\"destinationId\":\""
              + id(a[0])
              + "\",\"name\":\""
              + a[1]
              + "\",\"destinationType\":\"bigquery\",\"workspaceId\":\""
              + ws
              + "\",\"configuration\":{}}");
    }
    List<String> healthy = new ArrayList<>();
    for (int i = 0; i < HEALTHY_JOBS; i++) {
      healthy.add(
          job(
              6000 + HEALTHY_JOBS - i,
              HEALTHY,
              HEALTHY_STATUSES[i],
              now.minus(Duration.ofHours(1 + 24L * i)),
              Duration.ofSeconds(60 + 30L * i),
              1000L * (i + 1)));
    }
    jobs(fake, HEALTHY, healthy);
    jobs(
        fake,
        FAILING,
        List.of(
            job(7002, FAILING, "failed", now.minus(Duration.ofHours(2)), Duration.ofSeconds(40), 0),
            job(7001, FAILING, "failed", now.minus(Duration.ofHours(3)), Duration.ofSeconds(35), 0),
            job(
                7000,
                FAILING,
                "succeeded",
                now.minus(Duration.ofHours(30)),
                Duration.ofSeconds(300),
                5000)));
    jobs(
        fake,
        RUNNING,
        List.of(
            job(7003, RUNNING, "running", now.minus(Duration.ofMinutes(10)), null, 0),
            job(
                6999,
                RUNNING,
                "succeeded",
                now.minus(Duration.ofHours(5)),
                Duration.ofSeconds(900),
                25000)));
    jobs(fake, IDLE, List.of());
    return fake;
  }

  /** A short source/destination key as a UUID, so each actor has its own id. */
  static String id(String key) {
    return "c0000000-0000-4000-8000-0000000000"
        + (key.charAt(0) == 'b' ? "1" : "2")
        + key.charAt(1);
  }

  private static String connection(String id, String name, String source, String destination) {
    return "{\"connectionId\":\""
        + id
        + "\",\"name\":\""
        + name
        + "\",\"sourceId\":\""
        + id(source)
        + "\",\"destinationId\":\""
        + id(destination)
        + "\",\"workspaceId\":\""
        + FakeAirbyte.WORKSPACE
        + "\",\"status\":\"active\",\"schedule\":{\"scheduleType\":\"manual\"},\"configurations\":{\"streams\":[]}}";
  }

  private static String job(
      long id, String connection, String status, Instant start, Duration duration, long rows) {
    return "{\"jobId\":"
        + id
        + ",\"status\":\""
        + status
        + "\",\"jobType\":\"sync\",\"startTime\":\""
        + start
        + "\",\"lastUpdatedAt\":\""
        + (duration == null ? start : start.plus(duration))
        + "\""
        + (duration == null ? "" : ",\"duration\":\"" + duration + "\"")
        + ",\"connectionId\":\""
        + connection
        + "\",\"bytesSynced\":"
        + rows * 512
        + ",\"rowsSynced\":"
        + rows
        + "}";
  }

  private static void jobs(FakeAirbyte fake, String connection, List<String> newestFirst) {
    fake.server.stubFor(
        get(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/jobs"))
            .withQueryParam("connectionId", equalTo(connection))
            .willReturn(okJson(FakeAirbyte.page(newestFirst.toArray(String[]::new)))));
  }
}
