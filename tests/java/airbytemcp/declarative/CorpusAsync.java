package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The corpus fake's side of an AsyncRetriever: a created job gets an id where the other requesters
 * read it ({@code creation_response['reportId']}), is reported running on its first poll and done
 * on the next (by the manifest's own status words), and points at a download that holds one page of
 * records encoded as the download decoder reads them (gzip, JSON, JSON lines, CSV, XML, zip).
 * Requests of other parts (parents, authenticators) are left to {@link CorpusFake}.
 */
final class CorpusAsync {
  static final String DOWNLOAD = "corpus-async-download";
  private static final String JOB = "corpusjob";
  private static final Pattern JOB_IN_REQUEST = Pattern.compile(JOB + "(\\d+)");
  private static final Pattern DOWNLOAD_IN_REQUEST = Pattern.compile(DOWNLOAD + "-(\\d+)");
  private static final Pattern STEPS =
      Pattern.compile(
          "\\[\\s*['\"]([^'\"]+)['\"]\\s*]|\\.\\s*get\\(\\s*['\"]([^'\"]+)['\"][^)]*\\)|\\.(\\w+)");

  /** Records in one download: enough to show every record of it arrives. */
  static final int RECORDS = 3;

  private final ObjectNode config;
  private final JsonNode def;
  private final Map<String, JsonNode> requesters = new LinkedHashMap<>();
  private final Map<String, Pattern> urls = new LinkedHashMap<>();
  private final Map<Integer, Integer> polls = new HashMap<>();
  private final Map<Integer, Integer> downloads = new HashMap<>();
  private int jobs;

  /** Notes for the verdict: what this fake could not answer as the manifest expects. */
  private final Set<String> notes;

  static boolean applies(CorpusStream s) {
    return "AsyncRetriever".equals(s.retriever.path("type").asText());
  }

  CorpusAsync(CorpusStream target, ObjectNode config, Set<String> notes) {
    this.config = config;
    this.notes = notes;
    this.def = target.retriever;
    for (String name :
        List.of(
            "creation_requester",
            "polling_requester",
            "url_requester",
            "abort_requester",
            "delete_requester",
            "download_requester")) {
      JsonNode r = def.get(name);
      if (r != null && r.isObject()) {
        requesters.put(name, r);
        urls.put(name, CorpusStream.regexOf(whole(r), r, config));
      }
    }
  }

  /** The requesters of the job, for the authenticators they name. */
  List<JsonNode> requesters() {
    return List.copyOf(requesters.values());
  }

  /**
   * How strongly a request belongs to the job: how much of its URL a requester's template fixes, or
   * more for a request carrying a job id or a download target the fake handed out; 0 when none.
   */
  int score(Request request, String text) {
    if (DOWNLOAD_IN_REQUEST.matcher(text).find() || JOB_IN_REQUEST.matcher(text).find()) {
      return Integer.MAX_VALUE;
    }
    String which = requesterOf(request, text);
    return which == null ? 0 : CorpusStream.literalLength(urls.get(which));
  }

  /**
   * The answer to a request of the job.
   *
   * @param page the records of one page of the target stream, counted as served by the caller
   */
  Response answer(Request request, String text, IntFunction<List<ObjectNode>> page) {
    Matcher download = DOWNLOAD_IN_REQUEST.matcher(text);
    if (download.find()) {
      int job = Integer.parseInt(download.group(1));
      int n = downloads.merge(job, 1, Integer::sum);
      // one page per download; a download paginator asking for more gets an empty one
      return download(request, n == 1 ? page.apply(1) : List.of());
    }
    String which = requesterOf(request, text);
    if (which == null) {
      which = "polling_requester";
    }
    Matcher id = JOB_IN_REQUEST.matcher(text);
    int job = id.find() ? Integer.parseInt(id.group(1)) : jobs;
    switch (which) {
      case "creation_requester" -> {
        jobs++;
        return json(request, created(jobs));
      }
      case "url_requester" -> {
        ObjectNode body = Json.object();
        put(body, path(def.path("download_target_extractor")), target(job));
        return json(request, body);
      }
      case "abort_requester", "delete_requester" -> {
        return json(request, Json.object());
      }
      default -> {
        return json(request, polled(job));
      }
    }
  }

  /** The requester whose method and URL pattern fit the request, the most specific first. */
  private String requesterOf(Request request, String text) {
    boolean carriesJob = JOB_IN_REQUEST.matcher(text).find();
    String url = request.url().newBuilder().query(null).build().toString();
    String best = null;
    int bestScore = -1;
    for (Map.Entry<String, JsonNode> e : requesters.entrySet()) {
      String name = e.getKey();
      if (name.equals("download_requester")) {
        continue; // known by the target it was handed, never by its (often wholly open) URL
      }
      String method = e.getValue().path("http_method").asText("GET").toUpperCase(Locale.ROOT);
      if (!method.equals(request.method()) || !urls.get(name).matcher(url).find()) {
        continue;
      }
      int score = CorpusStream.literalLength(urls.get(name));
      // a job id in the request says it follows the creation; its absence, that it is the creation
      if (carriesJob != name.equals("creation_requester")) {
        score += 10_000;
      }
      if (score > bestScore) {
        best = name;
        bestScore = score;
      }
    }
    return best;
  }

  /** A creation answer: the job id wherever the later requesters read it. */
  private ObjectNode created(int job) {
    ObjectNode body = Json.object();
    List<List<String>> paths = reads("creation_response");
    if (paths.isEmpty()) {
      paths = List.of(List.of("id"));
    }
    for (List<String> p : paths) {
      put(body, p, Json.MAPPER.getNodeFactory().textNode(JOB + job));
    }
    return body;
  }

  /** A polling answer: running on a job's first poll when the manifest names a running status. */
  private ObjectNode polled(int job) {
    int n = polls.merge(job, 1, Integer::sum);
    JsonNode mapping = def.path("status_mapping");
    JsonNode running = mapping.path("running");
    String status =
        n == 1 && running.isArray() && !running.isEmpty()
            ? running.get(0).asText()
            : mapping.path("completed").path(0).asText("completed");
    ObjectNode body = Json.object();
    for (List<String> p : reads("polling_response")) {
      put(body, p, Json.MAPPER.getNodeFactory().textNode(JOB + job));
    }
    List<String> statusPath = path(def.path("status_extractor"));
    if (statusPath.isEmpty()) {
      notes.add("status_extractor has no field path");
    } else {
      put(body, statusPath, Json.MAPPER.getNodeFactory().textNode(status));
    }
    if (!def.hasNonNull("url_requester")) {
      put(body, path(def.path("download_target_extractor")), target(job));
    }
    return body;
  }

  /**
   * Where a job's records are: a whole URL when the download requester's URL is the target, else a
   * token it puts into its own URL.
   */
  private JsonNode target(int job) {
    JsonNode download = requesters.get("download_requester");
    String template = download == null ? "" : whole(download).strip();
    String token = DOWNLOAD + "-" + job;
    String value =
        template.startsWith("{{") && template.contains("download_target")
            ? "https://corpus-async.invalid/" + token
            : token;
    return Json.MAPPER.getNodeFactory().textNode(value);
  }

  /** The download answer: the records where the download extractor looks, as its decoder reads. */
  private Response download(Request request, List<ObjectNode> records) {
    JsonNode extractor =
        def.hasNonNull("download_extractor")
            ? def.get("download_extractor")
            : def.path("record_selector").path("extractor");
    List<String> fieldPath = new ArrayList<>();
    extractor
        .path("field_path")
        .forEach(p -> fieldPath.add(new Tpl(extractor).text(p, Scope.of(config))));
    byte[] body = encode(def.get("download_decoder"), records, fieldPath);
    return new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(200)
        .message("OK")
        .header("Content-Type", "application/octet-stream")
        .body(ResponseBody.create(body, MediaType.get("application/octet-stream")))
        .build();
  }

  /** The records as the decoder (with its inner decoders and parsers) reads them back. */
  byte[] encode(JsonNode decoder, List<ObjectNode> records, List<String> fieldPath) {
    String type = decoder == null ? "JsonDecoder" : decoder.path("type").asText("JsonDecoder");
    return switch (type) {
      case "GzipDecoder", "GzipJsonDecoder" ->
          gzip(encode(decoder.get("decoder"), records, fieldPath));
      case "CompositeRawDecoder" ->
          encode(parserAsDecoder(decoder.path("parser")), records, fieldPath);
      case "ZipfileDecoder" -> zip(encode(decoder.get("decoder"), records, fieldPath));
      case "JsonlDecoder" -> {
        StringBuilder lines = new StringBuilder();
        for (ObjectNode r : records) {
          lines.append(Json.write(placed(fieldPath, List.of(r)))).append('\n');
        }
        yield utf8(lines.toString());
      }
      case "CsvDecoder" -> utf8(CorpusRecords.csv(records));
      case "XmlDecoder" -> {
        String xml =
            CorpusXml.of(placed(fieldPath, records) instanceof ObjectNode o ? o : Json.object());
        if (xml == null) {
          notes.add("download XML not faked: no single root element for " + fieldPath);
        }
        yield utf8(xml == null ? "" : xml);
      }
      case "JsonDecoder" -> utf8(Json.write(placed(fieldPath, records)));
      default -> {
        notes.add("download decoder not faked: " + type);
        yield utf8(Json.write(placed(fieldPath, records)));
      }
    };
  }

  /** A CompositeRawDecoder's parser as the decoder that reads the same bytes. */
  private static JsonNode parserAsDecoder(JsonNode parser) {
    String type = parser.path("type").asText("JsonParser");
    ObjectNode d = Json.object();
    switch (type) {
      case "GzipParser" -> {
        d.put("type", "GzipDecoder");
        d.set("decoder", parserAsDecoder(parser.path("inner_parser")));
      }
      case "JsonLineParser" -> d.put("type", "JsonlDecoder");
      case "CsvParser" -> d.put("type", "CsvDecoder");
      default -> d.put("type", "JsonDecoder");
    }
    return d;
  }

  /** The records at {@code fieldPath}: the list itself for an empty path. */
  private static JsonNode placed(List<String> fieldPath, List<ObjectNode> records) {
    ArrayNode list = Json.array();
    records.forEach(list::add);
    if (fieldPath.isEmpty()) {
      return records.size() == 1 ? records.get(0) : list;
    }
    ObjectNode body = Json.object();
    put(body, fieldPath, list);
    return body;
  }

  /**
   * The paths other templates read from {@code root} ({@code creation_response['reportId']}, {@code
   * stream_slice.extra_fields['polling_response'].get('file')}), looked for across the job's
   * requesters.
   */
  private List<List<String>> reads(String root) {
    List<List<String>> out = new ArrayList<>();
    Matcher m =
        Pattern.compile(
                "(?:\\b"
                    + root
                    + "|extra_fields\\s*\\[\\s*['\"]"
                    + root
                    + "['\"]\\s*]|extra_fields\\."
                    + root
                    + ")((?:"
                    + STEPS.pattern()
                    + ")+)")
            .matcher(Json.write(def).replace("\\\"", "\""));
    while (m.find()) {
      List<String> path = new ArrayList<>();
      Matcher step = STEPS.matcher(m.group(1));
      while (step.find()) {
        String key =
            step.group(1) != null
                ? step.group(1)
                : step.group(2) != null ? step.group(2) : step.group(3);
        if (List.of("get", "keys", "values", "items").contains(key)) {
          break;
        }
        path.add(key);
      }
      // the response headers and the request that got it come from the runtime, not the body
      boolean runtimes = !path.isEmpty() && List.of("headers", "request").contains(path.get(0));
      if (!path.isEmpty() && !runtimes && !out.contains(path)) {
        out.add(path);
      }
    }
    return out;
  }

  private static List<String> path(JsonNode extractor) {
    List<String> out = new ArrayList<>();
    extractor.path("field_path").forEach(p -> out.add(p.asText()));
    return out;
  }

  /** Sets {@code value} at {@code path}; a {@code *} step is a list holding one such item. */
  private static void put(ObjectNode at, List<String> path, JsonNode value) {
    if (path.isEmpty()) {
      return;
    }
    ObjectNode cur = at;
    for (int i = 0; i < path.size(); i++) {
      String key = path.get(i);
      boolean last = i == path.size() - 1;
      boolean listNext = !last && path.get(i + 1).equals("*");
      if (last) {
        cur.set(key, value);
        return;
      }
      if (listNext) {
        ArrayNode list = cur.putArray(key);
        if (i + 1 == path.size() - 1) {
          list.add(value);
          return;
        }
        cur = list.addObject();
        i++;
        continue;
      }
      JsonNode next = cur.get(key);
      cur = next instanceof ObjectNode o ? o : cur.putObject(key);
    }
  }

  /** A requester's URL template: url, or url_base joined with path. */
  private static String whole(JsonNode requester) {
    if (requester.hasNonNull("url")) {
      return requester.get("url").asText();
    }
    String base = requester.path("url_base").asText("");
    String path = requester.path("path").asText("");
    return path.isEmpty() || base.isEmpty()
        ? base + path
        : base.replaceAll("/+$", "") + "/" + path.replaceAll("^/+", "");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] zip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("records"));
      z.write(body);
      z.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Response json(Request request, JsonNode body) {
    return new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(200)
        .message("OK")
        .header("Content-Type", "application/json")
        .body(ResponseBody.create(Json.write(body), MediaType.get("application/json")))
        .build();
  }
}
