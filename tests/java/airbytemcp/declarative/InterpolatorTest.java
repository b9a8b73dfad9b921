package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InterpolatorTest {
  private final Interpolator jinja = Interpolator.shared();
  private final Map<String, Object> vars = new HashMap<>();

  @BeforeEach
  void fixClock() {
    TemplateMacros.clock = Clock.fixed(Instant.parse("2024-03-05T06:07:08Z"), ZoneOffset.UTC);
    vars.put(
        "config",
        PyValues.fromJson(
            Json.parse(
                "{\"api_key\":\"k-123\",\"n\":\"5\",\"days\":3,\"langs\":[\"en\",\"fr\"],\"start_date\":\"2024-01-02\"}")));
    vars.put("parameters", PyValues.fromJson(Json.parse("{\"name\":\"books\"}")));
    vars.put(
        "response", PyValues.fromJson(Json.parse("{\"num\":7,\"next\":{\"cursor\":\"abc\"}}")));
    vars.put(
        "headers", PyValues.fromJson(Json.parse("{\"link\":\"<https://x/?page=2>; rel=next\"}")));
    vars.put("record", PyValues.fromJson(Json.parse("{\"id\":1,\"updated\":\"1700000000\"}")));
    vars.put(
        "stream_slice",
        PyValues.fromJson(
            Json.parse("{\"start_time\":\"2024-01-01\",\"end_time\":\"2024-01-31\"}")));
    vars.put("stream_partition", PyValues.fromJson(Json.parse("{\"customer_id\":\"cus_1\"}")));
    vars.put("stream_interval", vars.get("stream_slice"));
    vars.put("stream_state", PyValues.fromJson(Json.parse("{\"date\":\"2024-02-01\"}")));
    vars.put("next_page_token", PyValues.fromJson(Json.parse("{\"next_page_token\":2}")));
  }

  @AfterEach
  void realClock() {
    TemplateMacros.clock = Clock.systemUTC();
  }

  private String render(String template) {
    return jinja.render(template, vars);
  }

  private Object eval(String template) {
    return jinja.eval(template, vars);
  }

  @Test
  void aTemplateRenderingANumberIsTheNumber() {
    assertEquals(5L, eval("{{ config['n'] }}"));
    assertEquals(5L, eval("{{ 2 + 3 }}"));
    assertEquals(1.5, eval("{{ 1.5 }}"));
  }

  @Test
  void aValueHoldingTemplateCodeIsInsertedAsTextNeverRun() {
    // a config value or an API's text is data: were it rendered again, an agent's
    // "{{ config['api_key'][1:] }}" would copy a slice of the secret into a URL or a record
    vars.put(
        "config",
        PyValues.fromJson(
            Json.parse(
                "{\"api_key\":\"k-123\",\"team\":\"{{ config['api_key'][1:] }}\","
                    + "\"host\":\"{% if true %}evil.example{% endif %}\"}")));
    vars.put("record", PyValues.fromJson(Json.parse("{\"title\":\"{{ config.api_key }}\"}")));

    assertEquals(
        "teams/{{ config['api_key'][1:] }}/members",
        jinja.render("teams/{{ config['team'] }}/members", vars),
        "a config value inside a larger template");
    assertEquals(
        "https://{% if true %}evil.example{% endif %}/v1",
        eval("https://{{ config['host'] }}/v1"), "a statement in a config value");
    assertEquals(
        "{{ config.api_key }}-books",
        eval("{{ record.title }}-{{ parameters.name }}"),
        "an API's text");
    assertEquals("{{ config['api_key'][1:] }}", eval("{{ config['team'] }}"), "a lone expression");
  }

  @Test
  void listsAndDictsComeBackAsValues() {
    assertEquals(List.of("a", "b"), eval("{{ [\"a\", \"b\"] }}"));
    assertEquals(Map.of("a", 1L), eval("{{ {'a': 1} }}"));
    assertEquals(List.of(1L, 2L), eval("[1, 2]"));
  }

  @Test
  void textThatIsNoLiteralStaysText() {
    assertEquals("2024-01-02", eval("{{ config['start_date'] }}"));
    assertEquals("books/k-123", eval("{{ parameters.name }}/{{ config.api_key }}"));
    assertEquals("01", eval("01"));
  }

  @Test
  void falsyResultsCountAsNoValue() {
    assertNull(eval("{{ config['missing'] }}"));
    assertNull(eval("{{ 0 }}"));
    assertNull(eval(""));
  }

  @Test
  void validTypesKeepNumericTextAsText() {
    assertEquals(
        "5", jinja.eval("{{ config['n'] }}", vars, v -> v instanceof String || v instanceof List));
    assertEquals(
        List.of("x"),
        jinja.eval("{{ ['x'] }}", vars, v -> v instanceof String || v instanceof List));
  }

  @Test
  void everyCdkVariableIsVisible() {
    assertEquals("abc", eval("{{ response.next.cursor }}"));
    assertEquals("<https://x/?page=2>; rel=next", eval("{{ headers['link'] }}"));
    assertEquals(1L, eval("{{ record['id'] }}"));
    assertEquals("2024-01-01", eval("{{ stream_slice.start_time }}"));
    assertEquals("cus_1", eval("{{ stream_partition.customer_id }}"));
    assertEquals("2024-01-31", eval("{{ stream_interval['end_time'] }}"));
    assertEquals("2024-02-01", eval("{{ stream_state.date }}"));
    assertEquals(2L, eval("{{ next_page_token['next_page_token'] }}"));
  }

  @Test
  void additionWithoutSpacesIsArithmetic() {
    assertEquals("8/info.0.json", eval("{{ response[\"num\"]+1 or 0 }}/info.0.json"));
    assertEquals(6L, eval("{{ response.num-1 }}"));
    assertEquals("2024-01-02", eval("{{ '2024-01-02' }}"));
  }

  @Test
  void dictGetTakesADefault() {
    assertEquals(7L, eval("{{ response.get('num', {}) }}"));
    assertTrue(jinja.evalBoolean("{{ not response.get('missing', {}) }}", vars));
    assertEquals(30L, eval("{{ config.get('slice_range', 30) }}"));
  }

  @Test
  void pythonStringMethodsWork() {
    assertEquals("en,fr", eval("{{ ','.join(config.get('langs', [])) }}"));
    assertEquals(List.of("a", "b"), eval("{{ 'a,b'.split(',') }}"));
    assertEquals(true, eval("{{ config.api_key.startswith('k-') }}"));
    assertEquals("K-123", eval("{{ config.api_key.upper() }}"));
    assertEquals("x", eval("{{ '  x '.strip() }}"));
    assertEquals("a_b", eval("{{ 'a-b'.replace('-', '_') }}"));
  }

  @Test
  void aStringIsIndexedByCharacterAsInPython() {
    assertEquals("k", render("{{ config.api_key[0] }}"));
    assertEquals("3", render("{{ config.api_key[-1] }}"));
    assertEquals("", render("{{ config.api_key[9] }}"), "past the end is undefined, as in Jinja");
    assertEquals(
        "\uD83D\uDE00", render("{{ 'a\uD83D\uDE00b'[1] }}"), "a character, not half of one");
    assertEquals("en", render("{{ config.langs[0] }}"), "a list still gives its item");
  }

  @Test
  void conditionalExpressionsWork() {
    assertEquals("pro-api", eval("{{ 'api' if not config['api_key'] else 'pro-api' }}"));
  }

  @Test
  void nowUtcAndTodayUtcReadTheClock() {
    assertEquals("2024-03-05T06:07:08Z", eval("{{ now_utc().strftime('%Y-%m-%dT%H:%M:%SZ') }}"));
    assertEquals("03-2024", eval("{{ today_utc().strftime('%m-%Y') }}"));
    assertEquals("2024-03-05", eval("{{ today_utc() }}"));
    assertEquals(2024L, eval("{{ now_utc().year }}"));
    assertEquals(3L, eval("{{ today_utc().month }}"));
  }

  @Test
  void todayWithTimezoneUsesThatZonesDate() {
    TemplateMacros.clock = Clock.fixed(Instant.parse("2024-03-05T23:30:00Z"), ZoneOffset.UTC);
    assertEquals("2024-03-06", eval("{{ today_with_timezone('Asia/Tokyo') }}"));
    assertEquals(
        "2024-03-05", eval("{{ today_with_timezone('America/New_York').strftime('%Y-%m-%d') }}"));
  }

  @Test
  void generateUuidMakesRandomUuids() {
    Object a = eval("{{ generate_uuid() }}");
    assertTrue(
        String.valueOf(a)
            .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
        String.valueOf(a));
    assertFalse(a.equals(eval("{{ generate_uuid() }}")));
  }

  @Test
  void dayDeltaShiftsFromNow() {
    assertEquals("2024-03-08", eval("{{ day_delta(3, '%Y-%m-%d') }}"));
    assertEquals("2024-03-04T06:07:08.000000+0000", eval("{{ day_delta(-1) }}"));
  }

  @Test
  void durationParsesIso8601() {
    assertEquals(93600.0, eval("{{ duration('P1DT2H').total_seconds() }}"));
    assertEquals(604800.0, eval("{{ duration('P1W').total_seconds() }}"));
  }

  @Test
  void datesMinusAndPlusDurations() {
    assertEquals(
        "2024-02-04T06:07:08Z",
        eval("{{ (now_utc() - duration('P30D')).strftime('%Y-%m-%dT%H:%M:%SZ') }}"));
    assertEquals("2024-03-06", eval("{{ (today_utc() + duration('P1D')).strftime('%Y-%m-%d') }}"));
    assertEquals("a - duration(x)", eval("{{ 'a - duration(x)' }}"));
  }

  @Test
  void chainedComparisonsReadAsPythonDoes() {
    vars.put("config", PyValues.fromJson(Json.parse("{\"lat\": \"33.44\", \"bad\": \"120\"}")));
    assertEquals(
        33.44,
        eval(
            "{% if -90.00 <= config['lat']|float <= 90.00 %}{{ config['lat'] }}{% else %}WRONG{% endif %}"));
    assertEquals(
        "WRONG",
        eval(
            "{% if -90.00 <= config['bad']|float <= 90.00 %}{{ config['bad'] }}{% else %}WRONG{% endif %}"));
    assertTrue(jinja.evalBoolean("{{ 1 < 2 < 3 }}", vars));
    assertFalse(jinja.evalBoolean("{{ 1 < 3 < 2 }}", vars));
  }

  @Test
  void negativeIndicesCountFromTheEnd() {
    vars.put(
        "response",
        PyValues.fromJson(Json.parse("{\"data\": [{\"id\": \"a\"}, {\"id\": \"b\"}]}")));
    assertEquals("b", eval("{{ response[\"data\"][-1][\"id\"] }}"));
  }

  @Test
  void formatDatetimeReformatsTextAndDates() {
    assertEquals(
        "2017-01-25T00:00:00+0000",
        eval(
            "{{ format_datetime(config.get('start_date2', '2017-01-25T00:00:00Z'), '%Y-%m-%dT%H:%M:%S%z') }}"));
    assertEquals(1704153600L, eval("{{ format_datetime(config.start_date, '%s') }}"));
    assertEquals("02/01/2024", eval("{{ format_datetime('02-01-2024', '%d/%m/%Y', '%d-%m-%Y') }}"));
  }

  @Test
  void strToDatetimeAndTimestampConvert() {
    assertEquals("2024-01-02 00:00:00+00:00", eval("{{ str_to_datetime('2024-01-02') }}"));
    assertEquals(1704153600L, eval("{{ timestamp('2024-01-02T00:00:00Z') }}"));
    assertEquals(1700000000L, eval("{{ record.get('updated', now_utc().timestamp()) | int }}"));
    assertEquals(1709618828L, eval("{{ now_utc().timestamp() | int }}"));
  }

  @Test
  void maxAndMinCompareValues() {
    assertEquals(5L, eval("{{ max(1, 5, 2) }}"));
    assertEquals(1L, eval("{{ min(3, 1, 2) }}"));
    assertEquals("2024-02-01", eval("{{ max(stream_state.date, config.start_date) }}"));
  }

  @Test
  void hashFilterDigests() {
    assertEquals("900150983cd24fb0d6963f7d28e17f72", eval("{{ 'abc' | hash }}"));
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        eval("{{ 'abc' | hash('sha256') }}"));
  }

  @Test
  void base64FiltersEncodeAndDecode() {
    assertEquals("dXNlcjpwYXNz", eval("{{ 'user:pass' | base64encode }}"));
    assertEquals("user:pass", eval("{{ 'dXNlcjpwYXNz' | base64decode }}"));
  }

  @Test
  void regexSearchReturnsTheFirstGroup() {
    assertEquals(
        "https://x/?page=2", eval("{{ headers.link | regex_search('<(.*?)>; rel=next') }}"));
    assertNull(eval("{{ 'zzz' | regex_search('<(.*?)>') }}"));
  }

  @Test
  void stringFilterWritesJson() {
    assertEquals("{\"a\":1}", jinja.render("{{ {'a': 1} | string }}", vars));
  }

  @Test
  void camelCaseToSnakeCaseAndSanitizeUrl() {
    assertEquals("created_at_date", eval("{{ camel_case_to_snake_case('createdAtDate') }}"));
    assertEquals("https://host/p", eval("{{ sanitize_url('https://user:pw@host/p') }}"));
  }

  @Test
  void stopConditionsFollowPythonTruth() {
    assertFalse(jinja.evalBoolean("{{ response.num == 0 }}", vars));
    assertTrue(jinja.evalBoolean("{{ True }}", vars));
    assertFalse(jinja.evalBoolean("{{ [] }}", vars));
  }

  @Test
  void templatesCannotReachJavaClasses() {
    assertThrows(
        DeclarativeError.class, () -> eval("{{ ''.getClass().forName('java.lang.Runtime') }}"));
    assertThrows(DeclarativeError.class, () -> eval("{{ config.getClass() }}"));
  }

  @Test
  void brokenTemplatesFailWithTheTemplateNamed() {
    DeclarativeError e = assertThrows(DeclarativeError.class, () -> eval("{{ no_such_macro(1) }}"));
    assertTrue(e.getMessage().contains("no_such_macro"), e.getMessage());
  }
}
