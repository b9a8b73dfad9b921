package airbytemcp.declarative;

import airbytemcp.common.Plural;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * AsyncRetriever for one slice: create a job ({@code creation_requester}), poll it ({@code
 * polling_requester}) until {@code status_mapping} calls it completed, find its download targets
 * ({@code download_target_extractor} on the polling response, or on the answer of {@code
 * url_requester}), then download each target ({@code download_requester}, paged by {@code
 * download_paginator}) and select records from it with {@code download_decoder}. Templates see
 * {@code creation_response}, {@code polling_response} and {@code download_target}. A failed or
 * timed-out job fails the stream.
 */
final class AsyncRetrieval {
  /** How long to wait between polls of a running job. */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

  private final JsonNode def;
  private final RuntimeOptions options;
  private final HttpRequester creation;
  private final HttpRequester polling;
  private final HttpRequester download;
  private final HttpRequester urlRequester;
  private final HttpRequester abort;
  private final HttpRequester delete;
  private final RecordSelector selector;
  private final Paginator paginator;

  AsyncRetrieval(JsonNode def, Scope base, RuntimeOptions options) {
    this.def = def;
    this.options = options;
    this.creation = new HttpRequester(def.path("creation_requester"), base, options);
    this.polling = new HttpRequester(def.path("polling_requester"), base, options);
    this.download = new HttpRequester(def.path("download_requester"), base, options);
    this.urlRequester =
        def.hasNonNull("url_requester")
            ? new HttpRequester(def.get("url_requester"), base, options)
            : null;
    this.abort = optional(def.get("abort_requester"), base, options);
    this.delete = optional(def.get("delete_requester"), base, options);
    this.selector =
        new RecordSelector(
            def.path("record_selector"),
            def.get("download_decoder"),
            def.get("download_extractor"));
    this.paginator = new Paginator(def.get("download_paginator"));
  }

  private static HttpRequester optional(JsonNode def, Scope base, RuntimeOptions options) {
    return def == null || def.isNull() ? null : new HttpRequester(def, base, options);
  }

  /**
   * Runs the job for the slice whose request options are in {@code parts}; hands over each record.
   * A job that times out is cancelled with the abort requester; a job whose results were read is
   * cleaned up with the delete requester (both see {@code creation_response}, as in the CDK).
   */
  void read(
      Scope scope,
      RequestParts parts,
      UnaryOperator<ObjectNode> transform,
      Consumer<ObjectNode> each) {
    HttpOutcome creationOutcome = creation.send(scope, parts);
    Scope s =
        withResponse(
            scope,
            "creation_response",
            context(creationOutcome.json(), creationOutcome, creation.lastRequest()));
    HttpOutcome polledOutcome;
    try {
      polledOutcome = poll(s);
    } catch (JobTimedOut e) {
      if (abort != null) {
        abort.send(s, new RequestParts());
      }
      throw e;
    }
    JsonNode polled = polledOutcome.json();
    s = withResponse(s, "polling_response", context(polled, polledOutcome, polling.lastRequest()));
    JsonNode targetsFrom =
        urlRequester == null ? polled : urlRequester.send(s, new RequestParts()).json();
    for (String target : targets(targetsFrom)) {
      Scope d = withResponse(s, "download_target", target);
      Object token = paginator.initialToken(d);
      boolean first = true;
      while (true) {
        Scope page = d.with("next_page_token", Paginator.variable(token));
        RequestParts p = new RequestParts();
        paginator.inject(p, token, page);
        HttpOutcome outcome = download.send(page, p);
        List<ObjectNode> records = selector.select(outcome, page, transform);
        records.forEach(each);
        Object next = paginator.next(outcome, records, token, page);
        if (next == null || (!first && next.equals(token))) {
          break;
        }
        token = next;
        first = false;
      }
    }
    if (delete != null) {
      delete.send(s, new RequestParts());
    }
  }

  /** The job ran out of time, by the API's word or by {@code polling_job_timeout}. */
  private static final class JobTimedOut extends DeclarativeError {
    private static final long serialVersionUID = 1L;

    JobTimedOut(String message, String hint) {
      super(message, hint);
    }
  }

  /**
   * A job response as the CDK shows it to templates: its JSON fields, plus its {@code headers} and
   * the {@code request} that got it unless the body has fields of those names.
   */
  private static Object context(JsonNode body, HttpOutcome outcome, Map<String, Object> request) {
    if (!body.isObject()) {
      return body;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    Object fields = PyValues.fromJson(body);
    if (fields instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), v));
    }
    out.putIfAbsent("headers", new PyDict(new LinkedHashMap<>(outcome.headers())));
    out.putIfAbsent("request", new PyDict(request));
    return new PyDict(out);
  }

  /**
   * The scope with a job value both as a variable and, as the CDK passes it, in {@code
   * stream_slice.extra_fields}.
   */
  private static Scope withResponse(Scope scope, String name, Object value) {
    Map<String, Object> slice = new LinkedHashMap<>();
    Map<String, Object> extra = new LinkedHashMap<>();
    if (scope.get("stream_slice") instanceof Map<?, ?> m) {
      m.forEach((k, v) -> slice.put(String.valueOf(k), v));
      if (m.get("extra_fields") instanceof Map<?, ?> e) {
        e.forEach((k, v) -> extra.put(String.valueOf(k), v));
      }
    }
    extra.put(name, value);
    slice.put("extra_fields", new PyDict(extra));
    return scope.with(name, value).with("stream_slice", new PyDict(slice));
  }

  private HttpOutcome poll(Scope s) {
    long timeoutMinutes = def.path("polling_job_timeout").asLong(60);
    long maxPolls =
        Math.max(1, Duration.ofMinutes(timeoutMinutes).toSeconds() / POLL_INTERVAL.toSeconds());
    for (long i = 0; i < maxPolls; i++) {
      HttpOutcome outcome = polling.send(s, new RequestParts());
      String status = status(outcome.json());
      JsonNode mapping = def.path("status_mapping");
      if (listed(mapping.path("completed"), status)) {
        return outcome;
      }
      if (listed(mapping.path("timeout"), status)) {
        throw new JobTimedOut(
            "The API's export job ended with status '" + status + "'.",
            "Try again later; if it keeps failing, narrow the date range or check the account's access.");
      }
      if (listed(mapping.path("failed"), status)) {
        throw new DeclarativeError(
            "The API's export job ended with status '" + status + "'.",
            "Try again later; if it keeps failing, narrow the date range or check the account's access.");
      }
      if (!listed(mapping.path("running"), status)) {
        throw new DeclarativeError(
            "The API's export job reported the status '"
                + status
                + "', which the manifest's status_mapping does not list.",
            "Run the connector with Docker or Python.");
      }
      try {
        options.sleeper().sleep(POLL_INTERVAL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeclarativeError("Interrupted while waiting for an export job.", null);
      }
    }
    throw new JobTimedOut(
        "The API's export job was still running after " + Plural.of(timeoutMinutes, "minute") + ".",
        "Try again later or narrow the date range.");
  }

  private String status(JsonNode polled) {
    JsonNode value = Dpath.get(polled, path(def.path("status_extractor").path("field_path")));
    if (value != null && value.isArray()) {
      value = value.path(0);
    }
    return value == null || value.isNull() || value.isMissingNode() ? "" : value.asText();
  }

  private List<String> targets(JsonNode from) {
    List<String> out = new ArrayList<>();
    JsonNode extractor = def.get("download_target_extractor");
    if (extractor == null || extractor.isNull()) {
      return out;
    }
    List<String> path = path(extractor.path("field_path"));
    // as a DpathExtractor: every match of a path with wildcards, each item of a list found
    List<JsonNode> found = new ArrayList<>();
    if (path.contains("*")) {
      found.addAll(Dpath.values(from, path));
    } else {
      JsonNode value = Dpath.get(from, path);
      if (value != null) {
        found.add(value);
      }
    }
    for (JsonNode value : found) {
      if (value.isArray()) {
        value.forEach(v -> out.add(v.asText()));
      } else if (!value.isNull() && !value.isMissingNode()) {
        out.add(value.asText());
      }
    }
    return out;
  }

  private static List<String> path(JsonNode fieldPath) {
    List<String> out = new ArrayList<>();
    fieldPath.forEach(p -> out.add(p.asText()));
    return out;
  }

  private static boolean listed(JsonNode list, String status) {
    for (JsonNode s : list) {
      if (s.asText().equals(status)) {
        return true;
      }
    }
    return false;
  }
}
