package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import airbytemcp.common.Redactor;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the runtime settles once per stream (selector paths, page sizes, success answers) reads each
 * page as the manifest says.
 */
@Timeout(60)
class SelectorAndErrorShortcutsTest {
  private static HttpOutcome response(int status, String body) {
    return new HttpOutcome(
        status,
        Map.of("content-type", "application/json"),
        body.getBytes(StandardCharsets.UTF_8),
        false,
        Redactor.NONE);
  }

  private static List<String> ids(RecordSelector selector, HttpOutcome page, Scope scope) {
    return selector.select(page, scope, UnaryOperator.identity()).stream()
        .map(r -> r.path("id").asText())
        .toList();
  }

  @Test
  void aPlainFieldPathExtractsTheRecordsOfEveryPage() {
    RecordSelector selector =
        new RecordSelector(
            Json.parse(
                "{\"extractor\": {\"type\": \"DpathExtractor\", \"field_path\": [\"data\", \"items\"]}}"),
            null);
    Scope scope = Scope.of(Json.object());
    assertEquals(
        List.of("a", "b"),
        ids(
            selector,
            response(200, "{\"data\": {\"items\": [{\"id\": \"a\"}, {\"id\": \"b\"}]}}"),
            scope),
        "first page");
    assertEquals(
        List.of("c"),
        ids(selector, response(200, "{\"data\": {\"items\": [{\"id\": \"c\"}]}}"), scope),
        "second page");
  }

  @Test
  void aTemplatedFieldPathIsRenderedWithTheScopeOfEachPage() {
    RecordSelector selector =
        new RecordSelector(
            Json.parse(
                "{\"extractor\": {\"type\": \"DpathExtractor\","
                    + " \"field_path\": [\"{{ config.root }}\"]}}"),
            null);
    HttpOutcome page = response(200, "{\"one\": [{\"id\": \"1\"}], \"two\": [{\"id\": \"2\"}]}");
    assertEquals(
        List.of("1"), ids(selector, page, Scope.of(Json.parse("{\"root\": \"one\"}"))), "root one");
    assertEquals(
        List.of("2"), ids(selector, page, Scope.of(Json.parse("{\"root\": \"two\"}"))), "root two");
  }

  @Test
  void aRecordFilterStillDecidesPerRecord() {
    RecordSelector selector =
        new RecordSelector(
            Json.parse(
                "{\"extractor\": {\"type\": \"DpathExtractor\", \"field_path\": [\"data\"]},"
                    + " \"record_filter\": {\"type\": \"RecordFilter\","
                    + " \"condition\": \"{{ record.n > 1 }}\"}}"),
            null);
    HttpOutcome page =
        response(200, "{\"data\": [{\"id\": \"a\", \"n\": 1}, {\"id\": \"b\", \"n\": 2}]}");
    assertEquals(List.of("b"), ids(selector, page, Scope.of(Json.object())), "filtered records");
  }

  @Test
  void aStatusCodeFilterMatchesWithoutReadingTheBody() {
    ErrorHandler handler =
        new ErrorHandler(
            Json.parse(
                "{\"type\": \"DefaultErrorHandler\", \"response_filters\": ["
                    + "{\"type\": \"HttpResponseFilter\", \"action\": \"IGNORE\", \"http_codes\": [404]}]}"));
    ErrorHandler.Resolution r =
        handler.interpret(response(404, "<html>not json</html>"), Scope.of(Json.object()), 0);
    assertEquals(ErrorHandler.Action.IGNORE, r.action(), "the 404 filter should ignore the page");
  }

  @Test
  void aPredicateFilterReadsTheResponseAndItsMessageToo() {
    ErrorHandler handler =
        new ErrorHandler(
            Json.parse(
                "{\"type\": \"DefaultErrorHandler\", \"response_filters\": ["
                    + "{\"type\": \"HttpResponseFilter\", \"action\": \"FAIL\","
                    + " \"predicate\": \"{{ response.error == 'quota' }}\","
                    + " \"error_message\": \"out of {{ response.error }}\"}]}"));
    ErrorHandler.Resolution r =
        handler.interpret(response(200, "{\"error\": \"quota\"}"), Scope.of(Json.object()), 0);
    assertEquals(ErrorHandler.Action.FAIL, r.action(), "the predicate reads the body");
    assertEquals("out of quota", r.message(), "the message reads the body");
    ErrorHandler.Resolution ok =
        handler.interpret(response(200, "{\"error\": null}"), Scope.of(Json.object()), 0);
    assertEquals(ErrorHandler.Action.SUCCESS, ok.action(), "no match: a 200 succeeds");
  }

  @Test
  void urlBaseAndPathJoinWithOneSlash() {
    assertEquals("https://a.io/v2/items", HttpRequester.join("https://a.io/v2//", "//items"));
    assertEquals("https://a.io/v2/items", HttpRequester.join("https://a.io/v2", "items"));
    assertEquals("https://a.io/", HttpRequester.join("https://a.io", "/"));
    assertEquals("https://a.io", HttpRequester.join("https://a.io", ""));
    assertEquals("/items", HttpRequester.join("", "/items"));
    assertEquals("https://b.io/x", HttpRequester.join("https://a.io", "https://b.io/x"));
  }

  @Test
  void aPageSizeGivenAsANumberIsSentAndEndsTheLastPage() {
    Paginator paginator =
        new Paginator(
            Json.parse(
                "{\"type\": \"DefaultPaginator\", \"page_size_option\": {\"type\": \"RequestOption\","
                    + " \"inject_into\": \"request_parameter\", \"field_name\": \"limit\"},"
                    + " \"pagination_strategy\": {\"type\": \"OffsetIncrement\", \"page_size\": 2}}"));
    Scope scope = Scope.of(Json.object());
    RequestParts parts = new RequestParts();
    paginator.inject(parts, null, scope);
    assertEquals(List.of("2"), parts.query.get("limit"), "the page size parameter");
    List<ObjectNode> full = List.of(Json.object(), Json.object());
    assertEquals(2L, paginator.next(response(200, "{}"), full, null, scope), "a full page goes on");
    List<ObjectNode> short1 = List.of(Json.object());
    assertEquals(null, paginator.next(response(200, "{}"), short1, 2L, scope), "a short page ends");
  }
}
