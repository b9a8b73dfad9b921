package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * The API of one stream (with its parents and its authenticator's endpoints) faked from its
 * manifest, answering every request the runtime sends, whatever its host: records where the
 * extractor looks, two pages in the shape the paginator reads, tokens and sessions where the
 * authenticator asks. It also keeps what it served, for the verdict.
 */
final class CorpusFake implements Interceptor {
  static final String PAGE_FIELD = "corpus_read_page";
  private static final String TOKEN = "pgtok";
  private static final String HEX_TOKEN = "c0ffee0";
  private static final Pattern TOKEN_IN_REQUEST =
      Pattern.compile("(?:" + TOKEN + "|" + HEX_TOKEN + ")(\\d)");
  private static final Pattern LAST_OF_LIST =
      Pattern.compile(
          "\\[\\s*-1\\s*]((?:\\.get\\(\\s*['\"][^'\"]+['\"][^)]*\\)|\\[\\s*['\"][^'\"]+['\"]\\s*]|\\s*\\.\\s*(?!get\\()\\w+)+)");

  /** -Dcorpus.debug=true logs every request and its route to stderr. */
  private static final boolean DEBUG = Boolean.getBoolean("corpus.debug");

  /** A full first page: the largest page size in the corpus is 25,000. */
  private static final int MAX_PAGE = 25000;

  private static final int SOFT_BUDGET = 3000;
  private static final int HARD_BUDGET = 20000;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern ACCESS =
      Pattern.compile(
          "\\b(response|headers|last_record|record)((?:\\.get\\(\\s*['\"][^'\"]+['\"][^)]*\\)|\\[\\s*['\"][^'\"]+['\"]\\s*]|\\s*\\.\\s*(?!get\\()\\w+)+)");
  private static final Pattern RECORD_ID = Pattern.compile("p([12])r\\d+|([12])\\d{5}");
  private static final Pattern CONFIG_KEY =
      Pattern.compile("config(?:\\[\\s*['\"]([^'\"]+)['\"]\\s*]|\\.get\\(\\s*['\"]([^'\"]+)['\"])");
  private static final Pattern QUOTED = Pattern.compile("(['\"])([^'\"]*)\\1");
  private static final Pattern ARITHMETIC =
      Pattern.compile("(response|last_record)[^+}]*\\+\\s*\\d");
  private static final Pattern SIZE_IN_STOP =
      Pattern.compile(
          "(?:length|last_page_size|count|size)\\s*\\)?\\s*(?:<|<=|==|!=|>=)\\s*(\\d+)");
  private static final Pattern DATE_CALL =
      Pattern.compile(
          "(?:format_datetime|str_to_datetime)\\(\\s*(record[^,)]*)"
              + "(?:,\\s*(['\"])[^'\"]*\\2\\s*(?:,\\s*['\"]([^'\"]*)['\"])?)?");
  private static final Pattern STEP =
      Pattern.compile(
          "\\.\\s*get\\(\\s*['\"]([^'\"]+)['\"]|\\[\\s*['\"]([^'\"]+)['\"]\\s*]|\\.\\s*(\\w+)");

  private final CorpusStream target;
  private final ObjectNode config;
  private final List<Route> routes = new ArrayList<>();

  /** Pages of the target stream served with records: page number to times served. */
  final Map<Integer, Integer> servedPages = new TreeMap<>();

  final Set<String> notes = new LinkedHashSet<>();

  /** Per stream: record fields its transformations parse as dates, with their values. */
  private final Map<CorpusStream, Map<List<String>, JsonNode>> dates = new HashMap<>();

  /** Streams whose cursor tokens are page numbers (their stop condition compares them). */
  private final Set<CorpusStream> numericTokens = new HashSet<>();

  /** Per stream: the record fields set so that its record filter keeps the record. */
  private final Map<CorpusStream, Map<List<String>, JsonNode>> filterFits = new HashMap<>();

  /** One generated record per stream, copied for each record served. */
  private final Map<CorpusStream, JsonNode> shapes = new HashMap<>();

  int requests;

  /** The job side of an AsyncRetriever target, else null. */
  private final CorpusAsync async;

  /** Set when the harness gave up on the read: every later request fails. */
  volatile boolean abandoned;

  private record Route(Pattern url, int score, CorpusStream stream, JsonNode auth) {}

  CorpusFake(CorpusStream target, ObjectNode config) {
    this.target = target;
    this.config = config;
    for (CorpusStream s : target.family()) {
      routes.add(
          new Route(s.url, CorpusStream.literalLength(s.url) + (s == target ? 1 : 0), s, null));
      if (s.urlWithPartition != null) {
        Pattern p = s.urlWithPartition;
        routes.add(new Route(p, CorpusStream.literalLength(p) + (s == target ? 1 : 0), s, null));
      }
      collectAuth(s.requester.path("authenticator"), s);
    }
    async = CorpusAsync.applies(target) ? new CorpusAsync(target, config, notes) : null;
    if (async != null) {
      async.requesters().forEach(r -> collectAuth(r.path("authenticator"), target));
    }
    raisePageLimits(target, config);
    if (DEBUG) {
      routes.forEach(r -> System.err.println("corpus-fake route " + r.url + " " + r.score));
    }
  }

  /**
   * A config number the stop condition compares pages with ({@code page > config['pages_to_fetch']
   * - 1}) is raised to 3: a generated 1 would rightly stop after page 1.
   */
  private static void raisePageLimits(CorpusStream s, ObjectNode config) {
    if (s.strategy == null) {
      return;
    }
    Matcher m = CONFIG_KEY.matcher(s.strategy.path("stop_condition").asText(""));
    while (m.find()) {
      String key = m.group(1) != null ? m.group(1) : m.group(2);
      JsonNode v = config.get(key);
      if (v != null && v.isIntegralNumber() && v.asLong() < 3) {
        config.put(key, 3);
      }
    }
  }

  private void collectAuth(JsonNode auth, CorpusStream owner) {
    if (auth == null || !auth.isObject()) {
      return;
    }
    String type = auth.path("type").asText();
    if (auth.hasNonNull("token_refresh_endpoint")) {
      // host names are case-blind: auth0's config says dev-yourOrg, requests say dev-yourorg
      Pattern p =
          Pattern.compile(
              CorpusStream.regexOf(tokenEndpoint(auth), auth, config).pattern(),
              Pattern.CASE_INSENSITIVE);
      routes.add(new Route(p, CorpusStream.literalLength(p) + 2, null, auth));
    }
    if (auth.has("login_requester")) {
      JsonNode login = auth.get("login_requester");
      String whole =
          login.path("url_base").asText("").replaceAll("/+$", "")
              + "/"
              + login.path("path").asText("").replaceAll("^/+", "");
      Pattern p = CorpusStream.regexOf(whole, login, config);
      routes.add(new Route(p, CorpusStream.literalLength(p) + 2, null, auth));
      collectAuth(login.path("authenticator"), owner);
    }
    if ("SelectiveAuthenticator".equals(type)) {
      auth.path("authenticators").forEach(a -> collectAuth(a, owner));
    }
  }

  /**
   * The token endpoint as requests reach it, without its query: requests are routed by URL without
   * the query, and an endpoint such as apple-search-ads' carries its grant in the query, sometimes
   * inside a template's default value, so the template is rendered with the config first.
   */
  private String tokenEndpoint(JsonNode auth) {
    String endpoint = auth.get("token_refresh_endpoint").asText();
    try {
      String rendered = new Tpl(auth).text("token_refresh_endpoint", Scope.of(config));
      if (!rendered.isEmpty()) {
        endpoint = rendered;
      }
    } catch (RuntimeException notRenderable) {
      // regexOf matches what does not render with anything
    }
    int query = endpoint.indexOf('?');
    return query < 0 || endpoint.lastIndexOf("}}") > query
        ? endpoint
        : endpoint.substring(0, query);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (abandoned) {
      // a read past its time limit may ignore the interrupt: its next request ends it
      throw new IOException("corpus-read: the read was abandoned after its time limit");
    }
    requests++;
    if (requests > HARD_BUDGET) {
      throw new IOException("corpus-read: more than " + HARD_BUDGET + " requests for one stream");
    }
    String where = request.url().newBuilder().query(null).build().toString();
    Route best = null;
    int bestScore = Integer.MIN_VALUE;
    String text = describe(request);
    for (Route r : routes) {
      if (!r.url.matcher(where).find()) {
        continue;
      }
      // streams that share a URL (one endpoint, a function named in the body or query) tell apart
      // by the fixed parts of their requests; a route the request contradicts comes last, not never
      int fit = r.stream == null ? 0 : CorpusRouting.fit(r.stream, request);
      int score =
          fit < 0
              ? r.score - 100_000
              : r.score
                  + fit
                  + (r.stream != null && sendsBodyOf(r.stream, text) ? 1000 : 0)
                  + (r.stream != null && sendsQueryOf(r.stream, request.url().toString())
                      ? 1000
                      : 0);
      if (best == null || score > bestScore) {
        best = r;
        bestScore = score;
      }
    }
    if (best == null) {
      notes.add("unrouted: " + where);
      best = routes.get(0);
    }
    if (DEBUG) {
      System.err.println(
          "corpus-fake "
              + request.method()
              + " "
              + request.url()
              + " -> "
              + (best.auth != null ? "auth" : best.stream == null ? "?" : best.stream.name));
    }
    if (best.auth != null) {
      return json(request, authAnswer(best.auth), Map.of());
    }
    if (async != null) {
      int score = async.score(request, text);
      if (score > 0 && (best.stream == target || score > best.score)) {
        return async.answer(request, text, p -> served(p, CorpusAsync.RECORDS));
      }
    }
    return page(request, best.stream, text);
  }

  /** Records of one page of the target stream, counted as served. */
  private List<ObjectNode> served(int page, int count) {
    List<ObjectNode> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(record(target, page, i));
    }
    if (count > 0) {
      servedPages.merge(page, 1, Integer::sum);
    }
    return out;
  }

  /**
   * Whether the URL carries the fixed parts of the query the stream's URL template writes ({@code
   * index.php?/api/v2/get_plans}); none: false.
   */
  private static boolean sendsQueryOf(CorpusStream s, String url) {
    String whole =
        s.requester.hasNonNull("url")
            ? s.requester.get("url").asText()
            : s.requester.path("url_base").asText("") + "/" + s.requester.path("path").asText("");
    String query =
        whole.substring(CorpusStream.withoutQuery(whole).length()).replaceFirst("^\\?", "");
    List<String> fixed = new ArrayList<>();
    for (String part : query.split("\\{\\{.*?}}")) {
      if (!part.isBlank()) {
        fixed.add(part);
      }
    }
    return !fixed.isEmpty() && fixed.stream().allMatch(url::contains);
  }

  /** Whether the request carries every fixed value of the stream's JSON body (none: false). */
  private static boolean sendsBodyOf(CorpusStream s, String text) {
    List<String> fixed = new ArrayList<>();
    JsonNode body = s.requester.path("request_body_json");
    if (body.isMissingNode()) {
      body = s.requester.path("request_body").path("value");
    }
    body.fields()
        .forEachRemaining(
            f -> {
              if (f.getValue().isValueNode() && !f.getValue().asText().contains("{{")) {
                fixed.add(f.getValue().asText());
              }
            });
    return !fixed.isEmpty() && fixed.stream().allMatch(text::contains);
  }

  private static String describe(Request request) throws IOException {
    StringBuilder all = new StringBuilder(request.url().toString());
    request
        .headers()
        .forEach(h -> all.append('\n').append(h.getFirst()).append(": ").append(h.getSecond()));
    RequestBody body = GetWithBody.bodyOf(request); // a GET's body travels as a tag
    if (body != null) {
      Buffer b = new Buffer();
      body.writeTo(b);
      all.append('\n').append(b.readUtf8());
    }
    return all.toString();
  }

  private JsonNode authAnswer(JsonNode auth) {
    ObjectNode out = Json.object();
    if (auth.has("login_requester")) {
      List<String> path = new ArrayList<>();
      auth.path("session_token_path").forEach(p -> path.add(p.asText()));
      if (path.isEmpty()) {
        path.add("token");
      }
      put(out, path, F.textNode("corpus-session"));
      return out;
    }
    Scope scope = Scope.of(config);
    String access = new Tpl(auth).text("access_token_name", scope);
    String expires = new Tpl(auth).text("expires_in_name", scope);
    out.put(access.isEmpty() ? "access_token" : access, "corpus-token");
    out.put(expires.isEmpty() ? "expires_in" : expires, 3600);
    JsonNode updater = auth.path("refresh_token_updater");
    String refresh = new Tpl(updater).text("refresh_token_name", scope);
    out.put(refresh.isEmpty() ? "refresh_token" : refresh, "corpus-refresh");
    out.put("token_type", "Bearer");
    return out;
  }

  private Response page(Request request, CorpusStream s, String text) {
    boolean isTarget = s == target;
    int page = s.paginates() ? pageOf(request, s, text) : 1;
    Long size = s.pageSize();
    Long asked = askedPageSize(request, s);
    if (asked != null) {
      size = asked;
    }
    if (size == null) {
      size = stopPageSize(s);
    }
    int count;
    boolean last;
    if (!s.paginates() || (!isTarget && page == 1)) {
      count = 2;
      last = true;
    } else if (!isTarget) {
      // a parent's one page is all there is: a paginator asking for more gets an empty page
      count = 0;
      last = true;
    } else if (page == 1) {
      count = (int) Math.min(Math.max(size == null ? 2 : size, 1), MAX_PAGE);
      last = false;
    } else if (page == 2) {
      count = 1;
      last = true;
    } else {
      count = 0;
      last = true;
    }
    if (isTarget && page == 1 && servedPages.getOrDefault(1, 0) >= 3 && tokenNeverSent(s)) {
      // the API would answer page 1 forever, and the CDK would loop as well: end it early
      count = 0;
      last = true;
      notes.add(
          "the manifest never sends its page token (no page_token_option or next_page_token)");
    }
    if (isTarget && requests > SOFT_BUDGET) {
      count = 0;
      last = true;
      notes.add("request budget spent: later pages served empty");
    }
    List<ObjectNode> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(record(s, page, i));
    }
    if (isTarget && count > 0) {
      servedPages.merge(page, 1, Integer::sum);
    }
    ObjectNode body = Json.object();
    Map<String, String> headers = new LinkedHashMap<>();
    if (s.paginates() && "CursorPagination".equals(s.strategyType())) {
      signal(request, s, body, headers, records, !last, page + 1);
    }
    return respond(request, s, body, records, headers);
  }

  /** The page a request asks for: a token the fake handed out, or the increment's number. */
  private int pageOf(Request request, CorpusStream s, String text) {
    Matcher m = TOKEN_IN_REQUEST.matcher(text);
    int found = 0;
    while (m.find()) {
      found = Math.max(found, Integer.parseInt(m.group(1)));
    }
    if (found > 0) {
      return found;
    }
    String type = s.strategyType();
    if (type.equals("CursorPagination")
        && (numericTokens.contains(s)
            || ARITHMETIC.matcher(s.strategy.path("cursor_value").asText("")).find())) {
      String value = optionValue(request, tokenOption(s), s, text);
      try {
        return value == null ? 1 : (int) Math.max(1, Math.min(Long.parseLong(value.trim()), 3));
      } catch (NumberFormatException e) {
        return 1;
      }
    }
    if (type.equals("CursorPagination")) {
      JsonNode option = tokenOption(s);
      Integer after = pageAfterRecord(optionValue(request, option, s, text));
      if (after != null) {
        return after;
      }
      // any other token the fake did not hand out: past the pages served, so empty
      boolean carried =
          option.path("type").asText().equals("RequestPath")
              ? request.url().queryParameter("corpus_page") != null
              : optionValue(request, option, s, text) != null;
      return carried ? 3 : 1;
    }
    if (!type.equals("OffsetIncrement") && !type.equals("PageIncrement")) {
      return 1;
    }
    String value = optionValue(request, tokenOption(s), s, text);
    if (value == null) {
      return 1;
    }
    long v;
    try {
      v = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return 1;
    }
    if (type.equals("PageIncrement")) {
      long start = s.startPage();
      return v <= start ? 1 : (int) Math.min(v - start + 1, 3);
    }
    Long size = s.pageSize();
    Long asked = askedPageSize(request, s);
    long first = Math.min(Math.max(asked != null ? asked : size == null ? 2 : size, 1), MAX_PAGE);
    return v <= 0 ? 1 : v <= first ? 2 : 3;
  }

  /**
   * Where the page token goes: the paginator's option, else the requester field whose template
   * reads {@code next_page_token} (a query parameter, a header, a JSON body field).
   */
  private static JsonNode tokenOption(CorpusStream s) {
    JsonNode option = s.paginator.path("page_token_option");
    if (option.isObject()) {
      return option;
    }
    for (String[] where :
        List.of(
            new String[] {"request_parameters", "request_parameter"},
            new String[] {"request_headers", "header"},
            new String[] {"request_body_json", "body_json"})) {
      List<String> path = tokenPath(s.requester.path(where[0]));
      if (path != null) {
        ObjectNode found = Json.object().put("inject_into", where[1]);
        found.put("field_name", path.get(0));
        path.forEach(found.putArray("field_path")::add);
        return found;
      }
    }
    return option;
  }

  private static boolean tokenNeverSent(CorpusStream s) {
    return s.paginates()
        && !tokenOption(s).isObject()
        && !Json.write(s.requester).contains("next_page_token");
  }

  private static List<String> tokenPath(JsonNode node) {
    if (!node.isObject()) {
      return null;
    }
    for (Map.Entry<String, JsonNode> f : node.properties()) {
      if (f.getValue().isTextual() && f.getValue().asText().contains("next_page_token")) {
        return new ArrayList<>(List.of(f.getKey()));
      }
      List<String> deeper = tokenPath(f.getValue());
      if (deeper != null) {
        deeper.add(0, f.getKey());
        return deeper;
      }
    }
    return null;
  }

  /**
   * The page after the record whose id a cursor carries ({@code response.items[-1].id}): ids name
   * their page ({@code p1r7}, or 100007 where ids are numbers); null for any other value.
   */
  private static Integer pageAfterRecord(String token) {
    if (token == null) {
      return null;
    }
    Matcher m = RECORD_ID.matcher(token.trim());
    if (m.matches()) {
      int page = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
      return Math.min(page + 1, 3);
    }
    return null;
  }

  private Long askedPageSize(Request request, CorpusStream s) {
    if (s.paginator == null || !s.paginator.has("page_size_option")) {
      return null;
    }
    try {
      String v = optionValue(request, s.paginator.get("page_size_option"), s, "");
      return v == null ? null : Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The value a request option put into the request, or null. */
  private String optionValue(Request request, JsonNode option, CorpusStream s, String text) {
    try {
      String field = new Tpl(option).text("field_name", Scope.of(config));
      if (field.isEmpty() && option.has("field_path")) {
        field = option.get("field_path").path(option.get("field_path").size() - 1).asText();
      }
      String into = option.path("inject_into").asText();
      switch (into) {
        case "request_parameter":
          return request.url().queryParameter(field);
        case "header":
          return request.header(field);
        case "body_json", "body_data":
          {
            RequestBody sent = GetWithBody.bodyOf(request); // a GET's body travels as a tag
            if (sent == null) {
              return null;
            }
            Buffer b = new Buffer();
            sent.writeTo(b);
            String body = b.readUtf8();
            if (into.equals("body_data")) {
              for (String pair : body.split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals(field) && kv.length == 2) {
                  return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
                }
              }
              return null;
            }
            JsonNode json = Json.parse(body);
            JsonNode at = json;
            if (option.has("field_path")) {
              for (JsonNode p : option.get("field_path")) {
                at = at.path(new Tpl(option).text(p, Scope.of(config)));
              }
            } else {
              at = json.path(field);
            }
            return at.isMissingNode() || at.isNull() ? null : at.asText();
          }
        default:
          return null;
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Fills what a cursor paginator reads (response fields, headers, the last record) so that its
   * cursor yields the next page's token while there is one, and its stop condition holds after.
   */
  private void signal(
      Request request,
      CorpusStream s,
      ObjectNode body,
      Map<String, String> headers,
      List<ObjectNode> records,
      boolean more,
      int nextPage) {
    String cursor = s.strategy.path("cursor_value").asText("");
    String stop = s.strategy.path("stop_condition").asText("");
    boolean pathToken =
        "RequestPath".equals(s.paginator.path("page_token_option").path("type").asText());
    String token = TOKEN + nextPage;
    String tokenValue =
        pathToken
            ? request.url().newBuilder().setQueryParameter("corpus_page", token).build().toString()
            : token;
    // a cursor computed from a number in the response (page + 1) gets the number
    boolean arithmetic = ARITHMETIC.matcher(cursor).find();
    JsonNode tokenNode =
        arithmetic
            ? F.numberNode(nextPage - 1)
            : numericTokens.contains(s) ? F.numberNode(nextPage) : F.textNode(tokenValue);
    List<Ref> cursorRefs = refs(cursor);
    String next =
        request.url().newBuilder().setQueryParameter("corpus_page", token).build().toString();
    for (Ref r : cursorRefs) {
      if (!more) {
        if (r.root.equals("response")) {
          remove(body, r.path);
        }
        continue;
      }
      switch (r.root) {
        case "response" -> put(body, r.path, tokenNode);
        case "headers" -> {
          if (r.path.get(0).equalsIgnoreCase("link")) {
            headers.put("Link", "<" + next + ">; rel=\"next\"");
          } else {
            headers.put(r.path.get(0), tokenValue);
          }
        }
        default -> {
          if (!records.isEmpty()) {
            put(records.get(records.size() - 1), r.path, tokenNode);
          }
        }
      }
    }
    if (more && !arithmetic && !numericTokens.contains(s)) {
      shapeToken(s, body, headers, records, cursor, cursorRefs, token, next);
    }
    if (stop.isBlank()) {
      return;
    }
    List<Ref> stopRefs = new ArrayList<>();
    for (Ref r : refs(stop)) {
      if (r.root.equals("response") && cursorRefs.stream().noneMatch(c -> c.path.equals(r.path))) {
        stopRefs.add(r);
      }
    }
    Boolean first = stops(s, body, headers, records);
    if (Objects.equals(first, Boolean.valueOf(!more))) {
      return;
    }
    if (first == null && more && !arithmetic && numericTokens.add(s)) {
      // a stop condition that compares the cursor with a number: tokens become page numbers
      signal(request, s, body, headers, records, more, nextPage);
      return;
    }
    if (!more) {
      // a last page that says so with an explicit null rather than a missing key, or a number
      for (JsonNode value : List.of(F.nullNode(), F.numberNode(1_000_000), F.numberNode(0))) {
        for (Ref r : cursorRefs) {
          if (r.root.equals("response")) {
            put(body, r.path, value);
          }
        }
        if (Objects.equals(stops(s, body, headers, records), Boolean.TRUE)) {
          return;
        }
      }
    } else if (stop.toLowerCase(Locale.ROOT).contains("link")) {
      // a Link header whose relation the stop condition reads unquoted
      headers.put("Link", "<" + next + ">; rel=next");
      if (Objects.equals(stops(s, body, headers, records), Boolean.FALSE)) {
        return;
      }
      headers.put("Link", "<" + next + ">; rel=\"next\"");
    }
    // try plain values for the fields only the stop condition reads until it says what we want
    List<JsonNode> candidates =
        List.of(
            F.booleanNode(!more),
            F.booleanNode(more),
            F.numberNode(nextPage),
            F.numberNode(1),
            F.numberNode(0),
            F.numberNode(2),
            F.textNode(token),
            F.nullNode(),
            Json.array().add(Json.object().put("rel", "next").put("href", next)));
    for (JsonNode c : candidates) {
      for (Ref r : stopRefs) {
        put(body, r.path, c);
      }
      Boolean stops = stops(s, body, headers, records);
      if (stops != null && stops == !more) {
        return;
      }
      if (stopRefs.isEmpty()) {
        break;
      }
    }
    for (Ref r : stopRefs) {
      remove(body, r.path);
    }
    Boolean stops = stops(s, body, headers, records);
    if (stops != null && stops == !more) {
      return;
    }
    notes.add("stop condition not satisfiable by the fake: " + stop);
  }

  /**
   * Reshapes the token where the cursor does not yield it as placed: the last record of a listed
   * field ({@code response.data[-1].code}), a URL with the parameter the cursor cuts out ({@code
   * split('after=')}), a hex token for a cursor that matches hex digits.
   */
  private void shapeToken(
      CorpusStream s,
      ObjectNode body,
      Map<String, String> headers,
      List<ObjectNode> records,
      String cursor,
      List<Ref> cursorRefs,
      String token,
      String next) {
    if (yields(s, body, headers, records, token)) {
      return;
    }
    String hex = HEX_TOKEN + token.substring(TOKEN.length());
    Matcher last = LAST_OF_LIST.matcher(cursor);
    if (last.find() && !records.isEmpty()) {
      List<Ref> field = refs("record" + last.group(1));
      if (!field.isEmpty()) {
        ObjectNode lastRecord = records.get(records.size() - 1);
        put(lastRecord, field.get(0).path, F.textNode(token));
        if (yields(s, body, headers, records, token)) {
          return;
        }
      }
    }
    List<Ref> responseRefs = cursorRefs.stream().filter(r -> r.root.equals("response")).toList();
    if (responseRefs.isEmpty()) {
      return;
    }
    List<JsonNode> candidates = new ArrayList<>(List.of(F.textNode(next), F.textNode(hex)));
    Matcher quoted = QUOTED.matcher(cursor);
    while (quoted.find()) {
      String literal = quoted.group(2);
      if (literal.endsWith("=")) {
        candidates.add(F.textNode("https://corpus.example/next?" + literal + token + "&corpus=1"));
        candidates.add(F.textNode("https://corpus.example/next?" + literal + hex + "&corpus=1"));
      }
    }
    candidates.add(F.textNode("https://corpus.example/next?next=" + hex + "&corpus=1"));
    // a list of links the cursor picks the next one from ({rel: next, href: ...})
    candidates.add(
        Json.array().add(Json.object().put("rel", "next").put("href", next).put("url", next)));
    for (JsonNode c : candidates) {
      for (Ref r : responseRefs) {
        put(body, r.path, c.deepCopy());
      }
      if (yields(s, body, headers, records, token)) {
        return;
      }
    }
    notes.add("cursor does not yield the fake's token: " + cursor.strip());
  }

  /** Whether the cursor, evaluated on this page, yields the token (or its hex form). */
  private boolean yields(
      CorpusStream s,
      ObjectNode body,
      Map<String, String> headers,
      List<ObjectNode> records,
      String token) {
    try {
      // the last records stand for the page: the cursor reads the last one, and copying a full page
      // for every value tried made large pages quadratic
      List<ObjectNode> copies = new ArrayList<>();
      records
          .subList(Math.max(0, records.size() - 2), records.size())
          .forEach(r -> copies.add(r.deepCopy()));
      JsonNode whole = jsonBody(s, body.deepCopy(), copies);
      Scope scope =
          Scope.of(config)
              .with("response", whole)
              .with("headers", PaginationHeaders.of(headers))
              .with("last_record", records.isEmpty() ? null : records.get(records.size() - 1))
              .with("last_page_size", (long) records.size());
      Object v = new Tpl(s.strategy).value("cursor_value", scope);
      String text = v == null ? "" : PyValues.str(v);
      return text.contains(token) || text.contains(HEX_TOKEN + token.substring(TOKEN.length()));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Whether the stream's cursor paginator reads the response body. */
  private static boolean readsResponse(CorpusStream s) {
    if (!"CursorPagination".equals(s.strategyType())) {
      return false;
    }
    String both =
        s.strategy.path("cursor_value").asText("") + s.strategy.path("stop_condition").asText("");
    return refs(both).stream().anyMatch(r -> r.root.equals("response"));
  }

  /** The page size a stop condition compares with ({@code length < 1000}), when it names one. */
  static Long stopPageSize(CorpusStream s) {
    if (s.strategy == null) {
      return null;
    }
    Matcher m = SIZE_IN_STOP.matcher(s.strategy.path("stop_condition").asText(""));
    long best = 0;
    while (m.find()) {
      best = Math.max(best, Long.parseLong(m.group(1)));
    }
    return best > 1 && best <= MAX_PAGE ? best : null;
  }

  private static void remove(ObjectNode at, List<String> path) {
    JsonNode cur = at;
    for (int i = 0; i < path.size() - 1; i++) {
      cur = cur.path(path.get(i));
    }
    if (cur instanceof ObjectNode o) {
      o.remove(path.get(path.size() - 1));
    }
  }

  private Boolean stops(
      CorpusStream s, ObjectNode body, Map<String, String> headers, List<ObjectNode> records) {
    try {
      Scope scope =
          Scope.of(config)
              .with("response", (JsonNode) body)
              .with("headers", PaginationHeaders.of(headers))
              .with("last_record", records.isEmpty() ? null : records.get(records.size() - 1))
              .with("last_page_size", (long) records.size())
              .with("last_page_token_value", null);
      if (s.strategy.path("stop_condition").asText("").contains("last_records")) {
        // a full page is up to 25,000 records, and this runs for every value tried: only on demand
        scope = scope.with("last_records", Json.MAPPER.valueToTree(records));
      }
      return new Tpl(s.strategy).condition("stop_condition", scope, false);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private record Ref(String root, List<String> path) {}

  private static List<Ref> refs(String template) {
    List<Ref> out = new ArrayList<>();
    Matcher m = ACCESS.matcher(template);
    while (m.find()) {
      List<String> path = new ArrayList<>();
      Matcher step = STEP.matcher(m.group(2));
      while (step.find()) {
        String key =
            step.group(1) != null
                ? step.group(1)
                : step.group(2) != null ? step.group(2) : step.group(3);
        if (key.equals("get")
            || key.equals("keys")
            || key.equals("values")
            || key.equals("items")) {
          break;
        }
        path.add(key);
      }
      if (!path.isEmpty()) {
        out.add(new Ref(m.group(1), path));
      }
    }
    return out;
  }

  /**
   * The record fields the stream's templates parse as dates ({@code format_datetime(record['x'],
   * '%s', '%d/%m/%Y')}), with a date in the input format they name, else an ISO date.
   */
  private Map<List<String>, JsonNode> parsedDates(CorpusStream s) {
    return dates.computeIfAbsent(
        s,
        k -> {
          Map<List<String>, JsonNode> out = new LinkedHashMap<>();
          String text = Json.write(k.def.path("transformations"));
          Matcher m = DATE_CALL.matcher(text.replace("\\\"", "\""));
          while (m.find()) {
            List<Ref> found = refs(m.group(1));
            if (found.isEmpty() || !found.get(0).root.equals("record")) {
              continue;
            }
            String input = m.group(3);
            out.put(
                found.get(0).path,
                input == null
                    ? F.textNode(CorpusConfig.START.plusHours(12).toInstant().toString())
                    : CorpusRecords.date(input, CorpusConfig.START.plusHours(12)));
          }
          return out;
        });
  }

  private ObjectNode record(CorpusStream s, int page, int index) {
    JsonNode generated = shapes.computeIfAbsent(s, k -> CorpusRecords.of(k.schema)).deepCopy();
    ObjectNode r = generated instanceof ObjectNode o ? o : Json.object();
    String id = "p" + page + "r" + index;
    if (s.schema
        .path("properties")
        .path("id")
        .path("type")
        .toString()
        .matches(".*(integer|number).*")) {
      r.put("id", page * 100000 + index);
    } else {
      r.put("id", id);
    }
    for (String key : s.primaryKey()) {
      JsonNode type = s.schema.path("properties").path(key).path("type");
      if (type.toString().contains("integer") || type.toString().contains("number")) {
        r.put(key, page * 100000 + index);
      } else {
        r.put(key, id);
      }
    }
    for (String key : s.parentKeys) {
      JsonNode value = parentKeyValue(s, key, id);
      put(r, List.of(key.split("/")), value);
      for (List<String> source : addedFrom(s, List.of(key.split("/")))) {
        put(r, source, value.deepCopy()); // AddFields sets the key from these: they carry it
      }
    }
    String[] cursor = s.cursor();
    if (cursor != null && !cursor[0].isEmpty()) {
      r.set(cursor[0], CorpusRecords.date(cursor[1], CorpusConfig.START.plusHours(12)));
    }
    for (Map.Entry<List<String>, JsonNode> d : parsedDates(s).entrySet()) {
      put(r, d.getKey(), d.getValue().deepCopy());
    }
    r.put(PAGE_FIELD, page);
    if (s.filtered) {
      passFilter(s, r);
    }
    return r;
  }

  /** A field path up to the step a template calls as a method ({@code record['url'].replace(}). */
  private static List<String> beforeCall(List<String> path, String template) {
    for (int i = 1; i < path.size(); i++) {
      if (Pattern.compile("\\.\\s*" + Pattern.quote(path.get(i)) + "\\s*\\(")
          .matcher(template)
          .find()) {
        return path.subList(0, i);
      }
    }
    return path;
  }

  /**
   * A parent key's value: the record's id, or a date where the schema says the key is one (a child
   * may format it as a date in its path).
   */
  private static JsonNode parentKeyValue(CorpusStream s, String key, String id) {
    JsonNode schema = s.schema;
    for (String step : key.split("/")) {
      schema = schema.path("properties").path(step);
    }
    return switch (schema.path("format").asText("")) {
      case "date" -> F.textNode(CorpusConfig.START.toLocalDate().toString());
      case "date-time" -> F.textNode(CorpusConfig.START.toInstant().toString());
      default -> F.textNode(id);
    };
  }

  /** The record fields an AddFields of the stream copies into {@code path}. */
  private static List<List<String>> addedFrom(CorpusStream s, List<String> path) {
    List<List<String>> out = new ArrayList<>();
    for (JsonNode t : s.def.path("transformations")) {
      if (!"AddFields".equals(t.path("type").asText())) {
        continue;
      }
      for (JsonNode f : t.path("fields")) {
        List<String> p = new ArrayList<>();
        f.path("path").forEach(k -> p.add(k.asText()));
        String value = f.path("value").asText("");
        if (p.equals(path)) {
          for (Ref r : refs(value)) {
            if (r.root.equals("record")) {
              out.add(beforeCall(r.path, value));
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * Sets the fields a record filter reads to values it keeps: the literals the condition names
   * first, then plain values; found once per stream, then reused. Notes a filter it cannot pass.
   */
  private void passFilter(CorpusStream s, ObjectNode r) {
    JsonNode filter = s.def.path("retriever").path("record_selector").path("record_filter");
    Map<List<String>, JsonNode> fit = filterFits.get(s);
    if (fit == null) {
      fit = new LinkedHashMap<>();
      String condition = filter.path("condition").asText("");
      List<Ref> refs = new ArrayList<>();
      for (Ref ref : refs(condition)) {
        if (ref.root.equals("record") && !refs.contains(ref)) {
          refs.add(ref);
        }
      }
      List<JsonNode> candidates = new ArrayList<>();
      Matcher quoted = QUOTED.matcher(condition);
      while (quoted.find()) {
        candidates.add(F.textNode(quoted.group(2)));
      }
      candidates.addAll(
          List.of(
              F.booleanNode(true),
              F.booleanNode(false),
              F.numberNode(1),
              F.numberNode(0),
              F.textNode(CorpusConfig.START.plusHours(12).toInstant().toString()),
              F.nullNode()));
      ObjectNode probe = r.deepCopy();
      if (!keeps(filter, probe)) {
        for (Ref ref : refs) {
          JsonNode generated = at(probe, ref.path).deepCopy();
          boolean kept = false;
          for (JsonNode c : candidates) {
            put(probe, ref.path, c);
            if (keeps(filter, probe)) {
              kept = true;
              break;
            }
          }
          if (!kept) {
            // no single value passes: keep the schema's type for the next field's search
            put(probe, ref.path, generated);
          }
          fit.put(ref.path, at(probe, ref.path));
          if (kept) {
            break;
          }
        }
        if (!keeps(filter, probe)) {
          notes.add("record filter not satisfiable by the fake: " + condition.strip());
          fit.clear();
        }
      }
      filterFits.put(s, fit);
    }
    fit.forEach((path, value) -> put(r, path, value.deepCopy()));
  }

  private static JsonNode at(JsonNode node, List<String> path) {
    JsonNode at = node;
    for (String p : path) {
      at = at.path(p);
    }
    return at.isMissingNode() ? F.nullNode() : at;
  }

  private boolean keeps(JsonNode filter, ObjectNode record) {
    try {
      ObjectNode interval = Json.object();
      interval.put("start_time", CorpusConfig.START.toInstant().toString());
      interval.put("end_time", CorpusConfig.START.plusDays(3).toInstant().toString());
      Scope scope =
          Scope.of(config)
              .with("record", (JsonNode) record)
              .with("stream_interval", (JsonNode) interval)
              .with("stream_slice", (JsonNode) interval)
              .with("stream_partition", (JsonNode) Json.object());
      return new Tpl(filter).condition("condition", scope, true);
    } catch (RuntimeException e) {
      // a value the condition cannot compare (text where it wants a number) fails in the runtime
      // too: it keeps nothing
      return false;
    }
  }

  /**
   * A JSON body: the paging fields of {@code envelope} and the records where the extractor looks.
   */
  private static JsonNode jsonBody(CorpusStream s, ObjectNode envelope, List<ObjectNode> records) {
    ArrayNode list = Json.array();
    records.forEach(list::add);
    JsonNode body;
    if (s.fieldPath.size() > 1 && s.fieldPath.get(0).equals("*")) {
      // [*, customer]: a list of wrappers, each holding one record where the rest points
      ArrayNode wrapped = Json.array();
      List<String> rest = s.fieldPath.subList(1, s.fieldPath.size());
      for (ObjectNode r : records) {
        ObjectNode holder = wrapped.addObject();
        if (rest.contains("*")) {
          place(holder, rest, 0, single(r));
        } else {
          put(holder, rest, r);
        }
      }
      body = wrapped;
    } else if (s.fieldPath.isEmpty() || s.fieldPath.get(0).equals("*")) {
      body = list;
      if (!envelope.isEmpty() || readsResponse(s)) {
        // an object body is one record to the extractor: the record and the paging fields
        ObjectNode one =
            records.isEmpty() ? Json.object() : records.get(records.size() - 1).deepCopy();
        String paging =
            s.strategy == null
                ? ""
                : s.strategy.path("cursor_value").asText("")
                    + s.strategy.path("stop_condition").asText("");
        refs(paging).stream()
            .filter(r -> r.root.equals("response"))
            .forEach(r -> one.remove(r.path.get(0)));
        one.setAll(envelope);
        body = one;
      }
    } else {
      body = envelope;
      place(envelope, s.fieldPath, 0, list);
    }
    return body;
  }

  private Response respond(
      Request request,
      CorpusStream s,
      ObjectNode envelope,
      List<ObjectNode> records,
      Map<String, String> headers) {
    switch (s.decoder) {
      case "JsonDecoder", "":
        return json(request, jsonBody(s, envelope, records), headers);
      case "JsonlDecoder":
        {
          StringBuilder lines = new StringBuilder();
          for (ObjectNode r : records) {
            ObjectNode line = Json.object();
            JsonNode one = r;
            if (!s.fieldPath.isEmpty()) {
              place(line, s.fieldPath, 0, single(r));
              one = line;
            }
            lines.append(Json.write(one)).append('\n');
          }
          return text(request, lines.toString(), "application/jsonl", headers);
        }
      case "CsvDecoder":
        return text(request, CorpusRecords.csv(records), "text/csv", headers);
      case "XmlDecoder":
        {
          String xml = null;
          if (!s.fieldPath.isEmpty() && !s.fieldPath.get(0).equals("*")) {
            ArrayNode list = Json.array();
            records.forEach(list::add);
            place(envelope, s.fieldPath, 0, list);
            xml = CorpusXml.of(envelope);
          }
          if (xml != null) {
            return text(request, xml, "application/xml", headers);
          }
          notes.add("XML body not faked: no single root element for " + s.fieldPath);
          return json(request, envelope, headers);
        }
      default:
        notes.add("decoder not faked: " + s.decoder);
        return json(request, envelope, headers);
    }
  }

  private static ArrayNode single(ObjectNode r) {
    ArrayNode a = Json.array();
    a.add(r);
    return a;
  }

  /** Puts the records where {@code path} (with {@code *} wildcards) finds them. */
  private static void place(ObjectNode at, List<String> path, int from, ArrayNode records) {
    String key = path.get(from);
    boolean lastStep = from == path.size() - 1;
    if (key.equals("*")) {
      throw new IllegalStateException("wildcard under an object");
    }
    if (lastStep) {
      at.set(key, records);
      return;
    }
    if (path.get(from + 1).equals("*")) {
      ArrayNode list = at.putArray(key);
      if (from + 1 == path.size() - 1) {
        records.forEach(list::add);
        return;
      }
      ObjectNode holder = list.addObject();
      place(holder, path, from + 2, records);
      return;
    }
    place(
        at.has(key) && at.get(key).isObject() ? (ObjectNode) at.get(key) : at.putObject(key),
        path,
        from + 1,
        records);
  }

  static void put(ObjectNode at, List<String> path, JsonNode value) {
    ObjectNode cur = at;
    for (int i = 0; i < path.size() - 1; i++) {
      JsonNode next = cur.get(path.get(i));
      cur = next instanceof ObjectNode o ? o : cur.putObject(path.get(i));
    }
    cur.set(path.get(path.size() - 1), value);
  }

  private static Response json(Request request, JsonNode body, Map<String, String> headers) {
    return text(request, Json.write(body), "application/json", headers);
  }

  private static Response text(
      Request request, String body, String type, Map<String, String> headers) {
    if (DEBUG) {
      System.err.println(
          "corpus-fake   " + headers + " " + body.substring(0, Math.min(300, body.length())));
    }
    Response.Builder b =
        new Response.Builder()
            .request(request)
            .protocol(Protocol.HTTP_1_1)
            .code(200)
            .message("OK")
            .header("Content-Type", type)
            .body(ResponseBody.create(body, MediaType.get(type)));
    headers.forEach(b::header);
    return b.build();
  }
}
