package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DeclarativeStream at run time: partitions × cursor slices × pages, records through selector
 * and transformations, state after every slice. StateDelegatingStream picks its full-refresh or
 * incremental stream by whether there is state.
 */
final class StreamRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(StreamRuntime.class);

  /** Where a read's output goes. */
  interface Sink {
    void record(ObjectNode data, Map<String, Object> slice);

    void state(JsonNode streamState);

    /**
     * False once the reader has enough: a parent stream stops as soon as its substream needs no
     * more.
     */
    default boolean wantsMore() {
      return true;
    }
  }

  private final JsonNode def;
  private final Manifest manifest;
  private final JsonNode config;
  private final RuntimeOptions options;
  private final Scope base;
  private final String name;

  private StreamRuntime(JsonNode def, Manifest manifest, JsonNode config, RuntimeOptions options) {
    this.def = def;
    this.manifest = manifest;
    this.config = config;
    this.options = options;
    this.base =
        Scope.of(config)
            .withBudget(ApiBudget.of(manifest, config, options))
            .withCredentialSites(CredentialSites.of(manifest, config, options))
            .withSecretDecoys(SecretDecoys.of(config, options.masker()));
    this.name = new Tpl(def).text("name", base);
  }

  static StreamRuntime of(
      JsonNode def, Manifest manifest, JsonNode config, RuntimeOptions options, boolean hasState) {
    if ("StateDelegatingStream".equals(def.path("type").asText())) {
      JsonNode chosen = hasState ? def.get("incremental_stream") : def.get("full_refresh_stream");
      ObjectNode named = chosen.deepCopy();
      named.put("name", def.path("name").asText(named.path("name").asText()));
      return new StreamRuntime(named, manifest, config, options);
    }
    if (!"DeclarativeStream".equals(def.path("type").asText("DeclarativeStream"))) {
      throw new DeclarativeError(
          "The stream type " + def.path("type").asText() + " is not supported.",
          "Run the connector with Docker or Python.");
    }
    return new StreamRuntime(def, manifest, config, options);
  }

  String name() {
    return name;
  }

  /** The configured stream's JSON schema, for a JsonSchemaPropertySelector; null outside a read. */
  private JsonNode catalogSchema;

  /**
   * Reads as the configured catalog's stream: a JsonSchemaPropertySelector asks only for the
   * properties its {@code json_schema} holds.
   */
  StreamRuntime configuredAs(JsonNode configuredStream) {
    JsonNode schema = configuredStream.path("stream").get("json_schema");
    this.catalogSchema = schema != null && schema.isObject() ? schema : null;
    return this;
  }

  /**
   * The state a StateDelegatingStream may resume from: none when it is older than {@code
   * api_retention_period} (the API no longer has the events to catch up with, so the stream reads
   * in full again).
   */
  static JsonNode usableState(
      JsonNode def, JsonNode state, Manifest manifest, JsonNode config, RuntimeOptions options) {
    if (state == null
        || !"StateDelegatingStream".equals(def.path("type").asText())
        || !def.hasNonNull("api_retention_period")) {
      return state;
    }
    StreamRuntime incremental =
        new StreamRuntime(def.get("incremental_stream"), manifest, config, options);
    if (!(incremental.cursor().orElse(null) instanceof DatetimeCursor cursor)) {
      return state;
    }
    String field = cursor.cursorField();
    JsonNode value = state.hasNonNull(field) ? state.get(field) : state.path("state").get(field);
    if (value == null || value.isNull()) {
      return state;
    }
    ZonedDateTime oldest =
        IsoDuration.parse(def.get("api_retention_period").asText())
            .subtractFrom(TemplateMacros.now_utc().value());
    return cursor.parse(value.asText()).isBefore(oldest) ? null : state;
  }

  Optional<Cursor> cursor() {
    JsonNode inc = def.get("incremental_sync");
    if (inc == null || inc.isNull()) {
      return Optional.empty();
    }
    switch (inc.path("type").asText()) {
      case "DatetimeBasedCursor":
        return Optional.of(new DatetimeCursor(inc, base, options.masker()));
      case "IncrementingCountCursor":
        return Optional.of(new CountCursor(inc, base, options.masker()));
      default:
        throw new DeclarativeError(
            "The incremental sync "
                + inc.path("type").asText()
                + " of stream "
                + name
                + " is not supported.",
            "Run the connector with Docker or Python, or sync it as full refresh.");
    }
  }

  JsonNode jsonSchema() {
    JsonNode loader = def.path("schema_loader");
    if (loader.isArray()) {
      loader = loader.path(0);
    }
    switch (loader.path("type").asText("JsonFileSchemaLoader")) {
      case "InlineSchemaLoader":
        return loader.path("schema");
      case "DynamicSchemaLoader":
        return DynamicSchema.load(loader, name, manifest, config, options);
      case "JsonFileSchemaLoader":
        {
          JsonNode fromManifest = manifest.definition().path("schemas").get(name);
          if (fromManifest != null) {
            return fromManifest;
          }
          break;
        }
      default:
        break;
    }
    LOG.warn(
        "Stream {} has a {} the JVM runtime cannot load; it is described as an open object.",
        name,
        loader.path("type").asText("schema loader"));
    return Json.object().put("type", "object").put("additionalProperties", true);
  }

  List<List<String>> primaryKey() {
    JsonNode pk = def.get("primary_key");
    List<List<String>> out = new ArrayList<>();
    if (pk == null || pk.isNull()) {
      return out;
    }
    if (pk.isTextual()) {
      if (!pk.asText().isEmpty()) {
        out.add(List.of(pk.asText()));
      }
      return out;
    }
    for (JsonNode part : pk) {
      if (part.isArray()) {
        List<String> path = new ArrayList<>();
        part.forEach(p -> path.add(p.asText()));
        out.add(path);
      } else {
        out.add(List.of(part.asText()));
      }
    }
    return out;
  }

  /**
   * Reads the stream. {@code state} is the stream's state from an earlier run (null for none, or
   * for a full refresh); {@code maxRecords} above zero stops after that many records (connection
   * checks).
   */
  void read(JsonNode state, int maxRecords, Sink sink) {
    new Run(state, maxRecords, sink).run();
  }

  /** Ends a download early once the reader has enough records. */
  private static final class EnoughRecords extends RuntimeException {
    EnoughRecords() {
      super(null, null, false, false);
    }
  }

  private final class Run {
    private final JsonNode state;
    private final int maxRecords;
    private final Sink sink;
    private final JsonNode retriever = def.path("retriever");
    private final HttpRequester requester;
    private final AsyncRetrieval async;
    private final RecordSelector selector;
    private final Paginator paginator;
    private final Transformations transformations;
    private final QueryProperties queryProperties =
        QueryProperties.of(def.path("retriever").path("requester"));
    private final Optional<Cursor> cursor = cursor();
    private final ObjectNode parentStates = Json.object();
    private final boolean normalizeBySchema =
        "Default".equals(retriever.path("record_selector").path("schema_normalization").asText());
    private final JsonNode schema = normalizeBySchema ? jsonSchema() : null;
    private int emitted;

    Run(JsonNode state, int maxRecords, Sink sink) {
      this.state = StateMigrations.apply(def, state, base);
      this.maxRecords = maxRecords;
      this.sink = sink;
      String type = retriever.path("type").asText("SimpleRetriever");
      if (!"SimpleRetriever".equals(type) && !"AsyncRetriever".equals(type)) {
        throw new DeclarativeError(
            "The retriever "
                + retriever.path("type").asText()
                + " of stream "
                + name
                + " is not supported.",
            "Run the connector with Docker or Python.");
      }
      this.async =
          "AsyncRetriever".equals(type) ? new AsyncRetrieval(retriever, base, options) : null;
      this.requester =
          async != null ? null : new HttpRequester(retriever.path("requester"), base, options);
      this.selector =
          new RecordSelector(retriever.path("record_selector"), retriever.get("decoder"));
      this.paginator = new Paginator(retriever.get("paginator"));
      this.transformations = new Transformations(def.path("transformations"));
    }

    private ObjectNode normalize(ObjectNode record) {
      return normalizeBySchema ? SchemaNormalizer.normalize(record, schema) : record;
    }

    private boolean done() {
      return (maxRecords > 0 && emitted >= maxRecords) || !sink.wantsMore();
    }

    void run() {
      JsonNode routers = retriever.get("partition_router");
      boolean routed = routers != null && !routers.isNull();
      if (cursor.isEmpty()) {
        PartitionRouters.forEach(
            routers, base, this::readParent, this::done, p -> readSlice(p, Map.of(), null, null));
        if (!parentStates.isEmpty() && !done()) {
          sink.state(Json.object().set("parent_state", parentStates));
        }
        return;
      }
      Cursor c = cursor.get();
      if (!routed) {
        JsonNode current = state;
        for (Map<String, Object> slice : c.slices(current, base)) {
          if (done()) {
            return;
          }
          current = advance(c, current, slice, readSlice(Partition.NONE, slice, current, c));
          if (maxRecords == 0 && !done()) {
            sink.state(current);
          }
        }
        return;
      }
      if (c.global()) {
        readGlobal(c, routers);
        return;
      }
      Map<JsonNode, JsonNode> perPartition = new LinkedHashMap<>();
      if (state != null) {
        for (JsonNode s : state.path("states")) {
          perPartition.put(s.path("partition"), s.path("cursor"));
        }
      }
      // New partitions start from the incoming global state; the outgoing one is the newest record
      // seen anywhere.
      JsonNode inputGlobal = state == null ? null : state.get("state");
      JsonNode[] global = {inputGlobal};
      PartitionRouters.forEach(
          routers,
          base,
          this::readParent,
          this::done,
          p -> {
            JsonNode key = p.key();
            JsonNode current = perPartition.get(key);
            if (current == null && key.has("parent_slice")) {
              // a migrated legacy state names the partition without its parent slice
              ObjectNode bare = (ObjectNode) key.deepCopy();
              bare.remove("parent_slice");
              current = perPartition.remove(bare);
            }
            if (current == null) {
              current = inputGlobal;
            }
            for (Map<String, Object> slice : c.slices(current, base)) {
              if (done()) {
                return;
              }
              Long newest = readSlice(p, slice, current, c);
              current = advance(c, current, slice, newest);
              perPartition.put(key, current);
              if (newest != null) {
                global[0] =
                    later(c, global[0], Json.object().set(c.cursorField(), c.stateValue(newest)));
              }
              if (maxRecords == 0 && !done()) {
                sink.state(partitionedState(perPartition, global[0]));
              }
            }
          });
    }

    /**
     * One cursor for every partition: each partition reads the same slices; state moves once all
     * are read.
     */
    private void readGlobal(Cursor c, JsonNode routers) {
      JsonNode prior = state == null ? null : state.get("state");
      List<Map<String, Object>> slices = c.slices(prior, base);
      Long[] newest = {null};
      PartitionRouters.forEach(
          routers,
          base,
          this::readParent,
          this::done,
          p -> {
            for (Map<String, Object> slice : slices) {
              if (done()) {
                return;
              }
              Long seen = readSlice(p, slice, prior, c);
              if (seen != null && (newest[0] == null || seen > newest[0])) {
                newest[0] = seen;
              }
            }
          });
      if (maxRecords > 0 || slices.isEmpty() || done()) {
        return;
      }
      ObjectNode out = Json.object();
      out.set("state", advance(c, prior, slices.get(slices.size() - 1), newest[0]));
      out.put("use_global_cursor", true);
      if (!parentStates.isEmpty()) {
        out.set("parent_state", parentStates);
      }
      sink.state(out);
    }

    private ObjectNode partitionedState(Map<JsonNode, JsonNode> perPartition, JsonNode global) {
      ObjectNode out = Json.object();
      ArrayNode states = out.putArray("states");
      perPartition.forEach(
          (k, v) -> states.add(Json.object().<ObjectNode>set("partition", k).set("cursor", v)));
      if (global != null) {
        out.set("state", global);
      }
      out.put("use_global_cursor", false);
      if (!parentStates.isEmpty()) {
        out.set("parent_state", parentStates);
      }
      return out;
    }

    private JsonNode later(Cursor c, JsonNode a, JsonNode b) {
      Long x = a == null ? null : c.position(a.get(c.cursorField()));
      Long y = b == null ? null : c.position(b.get(c.cursorField()));
      if (x == null) {
        return b;
      }
      return y != null && y > x ? b : a;
    }

    /**
     * The state after a slice: the newest record seen, or the slice's end when it had none; never
     * backwards.
     */
    private JsonNode advance(Cursor c, JsonNode current, Map<String, Object> slice, Long newest) {
      Long value = newest != null ? newest : c.sliceEnd(slice);
      Long before = current == null ? null : c.position(current.get(c.cursorField()));
      if (value == null || (before != null && before > value)) {
        value = before;
      }
      return value == null ? current : Json.object().set(c.cursorField(), c.stateValue(value));
    }

    /**
     * Reads the parent stream, handing each record on as it arrives and stopping once this stream
     * has enough.
     */
    private void readParent(
        JsonNode streamDef, boolean incremental, Consumer<PartitionRouters.ParentRecord> each) {
      JsonNode parentState =
          incremental && state != null
              ? state.path("parent_state").get(new Tpl(streamDef).text("name", base))
              : null;
      StreamRuntime parent =
          StreamRuntime.of(streamDef, manifest, config, options, parentState != null);
      parent.read(
          parentState,
          0,
          new Sink() {
            @Override
            public void record(ObjectNode data, Map<String, Object> slice) {
              each.accept(new PartitionRouters.ParentRecord(data, slice));
            }

            @Override
            public void state(JsonNode streamState) {
              if (incremental) {
                parentStates.set(parent.name(), streamState);
              }
            }

            @Override
            public boolean wantsMore() {
              return !done();
            }
          });
    }

    /** An AsyncRetriever slice: one export job, its records handed on as they are downloaded. */
    private Long readJob(
        Partition p,
        Map<String, Object> interval,
        Scope scope,
        Cursor c,
        Map<String, Object> sliceMap,
        Long sliceStart) {
      RequestParts parts = new RequestParts();
      p.options().forEach(o -> parts.inject(o.getKey(), o.getValue(), scope));
      if (c != null) {
        c.inject(parts, interval, scope);
      }
      Long[] newest = {null};
      try {
        async.read(
            scope,
            parts,
            r -> normalize(transformations.apply(r, scope)),
            out -> {
              if (c != null) {
                Long v = c.position(out.get(c.cursorField()));
                if (c.clientSide() && v != null && sliceStart != null && v < sliceStart) {
                  return;
                }
                if (v != null && (newest[0] == null || v > newest[0])) {
                  newest[0] = v;
                }
              }
              sink.record(out, sliceMap);
              emitted++;
              if (done()) {
                throw new EnoughRecords();
              }
            });
      } catch (EnoughRecords e) {
        // the reader has what it needs
      }
      return newest[0];
    }

    /**
     * Where paging starts again after the API refused to go on: the rest of the slice from the
     * newest record read (SPLIT_USING_CURSOR; records come oldest first). RESET continues the same
     * way, since starting the slice over would meet the same refusal.
     */
    private Map<String, Object> resetInterval(
        Map<String, Object> interval,
        Cursor c,
        Long newest,
        int pages,
        PaginationResetRequested e) {
      JsonNode reset = retriever.get("pagination_reset");
      if (reset == null || reset.isNull() || pages == 0) {
        throw e;
      }
      Map<String, Object> rest = c == null || newest == null ? null : c.splitAt(interval, newest);
      if (rest == null || Objects.equals(c.sliceStart(rest), c.sliceStart(interval))) {
        throw e; // no progress to continue from: failing beats paging the same records forever
      }
      LOG.info(
          "Stream {}: the API stopped paging; continuing from {}.",
          name,
          c.stateValue(newest).asText());
      return rest;
    }

    /**
     * Reads every page of one slice; returns the newest cursor position seen (null when none or no
     * cursor).
     */
    private Long readSlice(
        Partition p, Map<String, Object> interval, JsonNode sliceState, Cursor c) {
      Map<String, Object> sliceMap = new LinkedHashMap<>(p.values());
      sliceMap.putAll(interval);
      Map<String, Object> streamSlice = new LinkedHashMap<>(sliceMap);
      streamSlice.put("extra_fields", new PyDict(new LinkedHashMap<>(p.extraFields())));
      Scope scope =
          base.with("stream_slice", new PyDict(streamSlice))
              .with("stream_partition", new PyDict(new LinkedHashMap<>(p.values())))
              .with("stream_interval", new PyDict(new LinkedHashMap<>(interval)))
              .with("stream_state", sliceState == null ? Json.object() : sliceState);
      Long sliceStart = c == null ? null : c.sliceStart(interval);
      if (async != null) {
        return readJob(p, interval, scope, c, sliceMap, sliceStart);
      }
      Long newest = null;
      boolean ignoreSlicerOnPages =
          retriever.path("ignore_stream_slicer_parameters_on_paginated_requests").asBoolean(false);
      Object token = paginator.initialToken(scope);
      boolean first = true;
      int pages = 0;
      int readInSlice = 0;
      int resetLimit =
          retriever.path("pagination_reset").path("limits").path("number_of_records").asInt(0);
      while (true) {
        Scope s = scope.with("next_page_token", Paginator.variable(token));
        RequestParts parts = new RequestParts();
        if (first || !ignoreSlicerOnPages) {
          p.options().forEach(o -> parts.inject(o.getKey(), o.getValue(), s));
          if (c != null) {
            c.inject(parts, interval, s);
          }
        }
        paginator.inject(parts, token, s);
        HttpOutcome outcome;
        List<ObjectNode> records;
        try {
          if (queryProperties != null) {
            pages++;
            Map.Entry<HttpOutcome, List<ObjectNode>> page = chunkedPage(s, parts, streamSlice, p);
            outcome = page.getKey();
            records = page.getValue();
          } else {
            outcome = requester.send(s, parts);
            pages++;
            records =
                selector.select(
                    outcome,
                    s,
                    transformations.isEmpty() && !normalizeBySchema
                        ? RecordSelector.AS_IS
                        : r -> normalize(transformations.apply(r, s)));
          }
        } catch (PaginationResetRequested e) {
          Map<String, Object> rest = resetInterval(interval, c, newest, pages, e);
          Long after = readSlice(p, rest, sliceState, c);
          return newest == null || (after != null && after > newest) ? after : newest;
        } catch (UndecodableResponse e) {
          if (!e.json() || pages == 1) {
            throw e; // the stream's first answer is not what the manifest reads: a wrong URL, a
            // proxy, an error page
          }
          // Past the first page, manifests rely on the CDK reading a non-JSON page as empty, which
          // ends the
          // stream (e.g. a page number past the last item requesting the site's home page); say so
          // in the log.
          LOG.warn(
              "Stream {}: a later page was not JSON and is read as empty, ending the stream. {}",
              name,
              e.getMessage());
          break;
        }
        boolean reachedState = false;
        for (ObjectNode out : records) {
          if (c != null) {
            Long v = c.position(out.get(c.cursorField()));
            reachedState |= c.dataFeed() && v != null && sliceStart != null && v < sliceStart;
            if (c.clientSide() && v != null && sliceStart != null && v < sliceStart) {
              continue;
            }
            if (v != null && (newest == null || v > newest)) {
              newest = v;
            }
          }
          sink.record(out, sliceMap);
          emitted++;
          if (done()) {
            return newest;
          }
        }
        Object next = paginator.next(outcome, records, token, s);
        readInSlice += records.size();
        if (next != null && resetLimit > 0 && readInSlice >= resetLimit && c != null) {
          // PaginationResetLimits: past this many records the API stops paging, so the slice is
          // restarted from the newest cursor value read (when that makes progress)
          Map<String, Object> rest = newest == null ? null : c.splitAt(interval, newest);
          if (rest != null && !Objects.equals(c.sliceStart(rest), c.sliceStart(interval))) {
            Long after = readSlice(p, rest, sliceState, c);
            return after != null && after > newest ? after : newest;
          }
        }
        if (next == null
            || reachedState) { // a data feed (newest first) has caught up with what was read before
          break;
        }
        if (Objects.equals(next, token) && !first) {
          LOG.warn(
              "Stream {} got the same page token twice ({} pages read); stopping to avoid a loop.",
              name,
              pages);
          break;
        }
        token = next;
        first = false;
      }
      return newest;
    }

    /**
     * One page read once per chunk of query properties (same page token), the records merged by the
     * chunking's key; returns the last chunk's response (it drives the paginator) and the records.
     */
    private Map.Entry<HttpOutcome, List<ObjectNode>> chunkedPage(
        Scope s, RequestParts parts, Map<String, Object> streamSlice, Partition p) {
      HttpOutcome last = null;
      List<ObjectNode> records = new ArrayList<>();
      Map<String, ObjectNode> merged = new LinkedHashMap<>();
      for (List<String> chunk : queryProperties.chunks(base, manifest, options, catalogSchema)) {
        Map<String, Object> extra = new LinkedHashMap<>(p.extraFields());
        extra.put("query_properties", new ArrayList<>(chunk));
        Map<String, Object> slice = new LinkedHashMap<>(streamSlice);
        slice.put("extra_fields", new PyDict(extra));
        Map<String, Object> partition = new LinkedHashMap<>(p.values());
        partition.put("extra_fields", new PyDict(new LinkedHashMap<>(extra)));
        Scope cs =
            s.with("stream_slice", new PyDict(slice))
                .with("stream_partition", new PyDict(partition));
        RequestParts chunkParts = new RequestParts();
        chunkParts.query.putAll(parts.query);
        chunkParts.headers.putAll(parts.headers);
        chunkParts.form.putAll(parts.form);
        chunkParts.json = parts.json;
        if (queryProperties.parameter() != null) {
          chunkParts.query(queryProperties.parameter(), String.join(",", chunk));
        }
        last = requester.send(cs, chunkParts);
        for (ObjectNode r :
            selector.select(last, cs, x -> normalize(transformations.apply(x, cs)))) {
          String key = queryProperties.merges() ? queryProperties.mergeKey(r) : null;
          if (key == null) {
            records.add(r);
          } else {
            QueryProperties.deepMerge(merged.computeIfAbsent(key, k -> Json.object()), r);
          }
        }
      }
      records.addAll(merged.values());
      return Map.entry(last, records);
    }
  }
}
