package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The corpus-read config follows what the manifest's templates expect, not only the spec. */
class CorpusConfigTest {
  private static JsonNode config(String spec, String definition) {
    return CorpusConfig.of(Json.parse(spec), Json.parse(definition));
  }

  @Test
  void aFieldThatStartsTheUrlBaseIsAFullUrl() {
    JsonNode c =
        config(
            "{\"type\":\"object\",\"required\":[\"host\"],\"properties\":{\"host\":{\"type\":\"string\"}}}",
            "{\"r\":{\"type\":\"HttpRequester\",\"url_base\":\"{{ config['host'] }}/api/v1\"}}");
    assertEquals("https://example.com", c.path("host").asText(), "url_base starts with host");
  }

  @Test
  void aFieldAfterTheSchemeIsABareHost() {
    JsonNode c =
        config(
            "{\"type\":\"object\",\"required\":[\"api_url\"],\"properties\":{\"api_url\":{\"type\":\"string\"}}}",
            "{\"r\":{\"type\":\"HttpRequester\",\"url_base\":\"https://{{ config.api_url }}/v2\"}}");
    assertEquals("example.com", c.path("api_url").asText(), "no second scheme after https://");
  }

  @Test
  void aConditionalUrlBaseLeavesTheEnumAlone() {
    JsonNode c =
        config(
            "{\"type\":\"object\",\"required\":[\"env\"],\"properties\":{\"env\":{\"type\":\"string\",\"enum\":[\"Prod\",\"Sandbox\"]}}}",
            "{\"r\":{\"url_base\":\"{{ 'https://a' if config['env'] == 'Prod' else 'https://b' }}\"}}");
    assertEquals("Prod", c.path("env").asText(), "only a bare config reference is a URL field");
  }

  @Test
  void theSelectiveAuthenticatorsAlternativeIsChosen() {
    String spec =
        """
        {"type":"object","required":["credentials"],"properties":{"credentials":{"oneOf":[
          {"type":"object","required":["auth"],"properties":{"auth":{"const":"oauth"}}},
          {"type":"object","required":["auth","token"],"properties":{"auth":{"const":"token"},"token":{"type":"string"}}}]}}}
        """;
    JsonNode c =
        config(
            spec,
            "{\"a\":{\"type\":\"SelectiveAuthenticator\",\"authenticator_selection_path\":[\"credentials\",\"auth\"],"
                + "\"authenticators\":{\"token\":{\"type\":\"BearerAuthenticator\"}}}}");
    assertEquals("token", c.path("credentials").path("auth").asText(), c.toString());
    assertEquals("corpus", c.path("credentials").path("token").asText(), c.toString());
  }

  @Test
  void anOptionalStartDateTheCursorReadsIsFilledInTheCursorsFormat() {
    JsonNode c =
        config(
            "{\"type\":\"object\",\"properties\":{\"start\":{\"type\":\"string\"}}}",
            "{\"c\":{\"type\":\"DatetimeBasedCursor\",\"datetime_format\":\"%d/%m/%Y %H:%M\","
                + "\"start_datetime\":{\"type\":\"MinMaxDatetime\",\"datetime\":\"{{ config['start'] }}\"}}}");
    assertEquals(
        String.format(
            Locale.ROOT,
            "%02d/%02d/%d 00:00",
            CorpusConfig.START.getDayOfMonth(),
            CorpusConfig.START.getMonthValue(),
            CorpusConfig.START.getYear()),
        c.path("start").asText(),
        "the cursor parses the start date with its own datetime_format");
  }

  @Test
  void aOneOfAlternativeCarriesItsConstSoNoOtherAlternativeAcceptsIt() {
    String spec =
        """
        {"type":"object","required":["region"],"properties":{"region":{"oneOf":[
          {"type":"object","properties":{"url_base":{"type":"string","const":"https://eu.example.com"}}},
          {"type":"object","properties":{"url_base":{"type":"string","const":"https://us.example.com"}}}]}}}
        """;
    assertEquals(
        "https://eu.example.com",
        config(spec, "{}").path("region").path("url_base").asText(),
        "an empty object would match both alternatives, which oneOf refuses");
  }

  @Test
  void anOptionalListThatAListRouterIteratesIsFilled() {
    JsonNode c =
        config(
            "{\"type\":\"object\",\"properties\":{\"tickers\":{\"type\":\"array\"}}}",
            "{\"r\":{\"type\":\"ListPartitionRouter\",\"values\":\"{{ config.tickers }}\"}}");
    assertEquals(1, c.path("tickers").size(), "no tickers, no partitions, nothing read");
  }

  @Test
  void anOptionalListWithAFallbackIsLeftOut() {
    JsonNode c =
        config(
            "{\"type\":\"object\",\"properties\":{\"tickers\":{\"type\":\"array\"}}}",
            "{\"r\":{\"type\":\"ListPartitionRouter\",\"values\":\"{{ config['tickers'] or ['A'] }}\"}}");
    assertEquals(false, c.has("tickers"), "the manifest's fallback serves a user who leaves it");
  }

  @Test
  void aNumberWhoseDefaultIsWrittenAsTextIsANumber() {
    JsonNode c =
        config(
            "{\"type\":\"object\",\"properties\":{\"limit\":{\"type\":\"number\",\"default\":\"1000\"}}}",
            "{}");
    assertEquals(true, c.path("limit").isNumber(), "the spec check refuses a string: " + c);
    assertEquals(1000, c.path("limit").asInt(), "the default's value is kept");
  }

  @Test
  void anOptionalListWithAConditionalFallbackIsLeftOut() {
    JsonNode c =
        config(
            "{\"type\":\"object\",\"properties\":{\"org_ids\":{\"type\":\"array\"}}}",
            "{\"r\":{\"type\":\"ListPartitionRouter\",\"values\":\"{{ config['org_ids'] if config['org_ids'] else ['me'] }}\"}}");
    assertEquals(false, c.has("org_ids"), "the manifest falls back to 'me' without it");
  }

  @Test
  void anOptionalListReadWithGetAndNoDefaultIsFilled() {
    JsonNode c =
        config(
            "{\"type\":\"object\",\"properties\":{\"survey_id\":{\"type\":\"array\"}}}",
            "{\"r\":{\"type\":\"ListPartitionRouter\",\"values\":\"{{ config.get('survey_id') }}\"}}");
    assertEquals(1, c.path("survey_id").size(), "get without a default gives no partitions");
  }
}
