package airbytemcp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.protocol.ConfiguredCatalogs.ReadMode;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConfiguredCatalogsTest {
  private static final List<DiscoveredStream> DISCOVERED =
      DiscoveredStream.allOf(
          Json.parse(
              """
      {"streams":[
        {"name":"users","json_schema":{},"supported_sync_modes":["full_refresh","incremental"],
         "source_defined_cursor":true,"default_cursor_field":["updated_at"],"source_defined_primary_key":[["id"]]},
        {"name":"orders","json_schema":{},"supported_sync_modes":["full_refresh"]}
      ]}"""));

  @Test
  void incrementalStreamsGetTheirCursorAndKeyAndOthersFallBackToFullRefresh() {
    JsonNode streams =
        ConfiguredCatalogs.build(
                DISCOVERED, List.of("orders", "users"), ReadMode.INCREMENTAL, "append")
            .path("streams");
    assertEquals("orders", streams.get(0).path("stream").path("name").asText());
    assertEquals("full_refresh", streams.get(0).path("sync_mode").asText());
    assertEquals("incremental", streams.get(1).path("sync_mode").asText());
    assertEquals("[\"updated_at\"]", streams.get(1).path("cursor_field").toString());
    assertEquals("[[\"id\"]]", streams.get(1).path("primary_key").toString());
    assertEquals("append", streams.get(1).path("destination_sync_mode").asText());
  }

  @Test
  void fullRefreshModeReadsEverythingWithoutACursor() {
    JsonNode users =
        ConfiguredCatalogs.build(DISCOVERED, List.of("users"), ReadMode.FULL_REFRESH, "overwrite")
            .path("streams")
            .get(0);
    assertEquals("full_refresh", users.path("sync_mode").asText());
    assertEquals(0, users.path("cursor_field").size());
    assertEquals("[[\"id\"]]", users.path("primary_key").toString());
  }

  @Test
  void anUnknownStreamIsRefusedNamingTheAvailableOnes() {
    ProtocolError error =
        assertThrows(
            ProtocolError.class,
            () ->
                ConfiguredCatalogs.build(
                    DISCOVERED, List.of("userz"), ReadMode.INCREMENTAL, "append"));
    assertTrue(
        error.getMessage().contains("'userz'"), "expected 'userz' in: " + error.getMessage());
    assertTrue(
        error.hint().contains("users, orders"), "expected users, orders in: " + error.hint());
  }

  @Test
  void anUnknownStreamIsAnsweredWithTheClosestName() {
    ProtocolError error =
        ConfiguredCatalogs.unknownStreams(List.of("Users"), List.of("users", "orders"));
    assertTrue(error.getMessage().endsWith("; did you mean 'users'?"), error.getMessage());
  }

  @Test
  void aCatalogOfHundredsOfStreamsIsListedOnlyInPartInTheHint() {
    List<String> many = IntStream.range(0, 300).mapToObj(i -> "s" + i).toList();
    ProtocolError error = ConfiguredCatalogs.unknownStreams(List.of("nope"), many);
    assertTrue(error.hint().contains("(the first 50 of 300)"), error.hint());
    assertTrue(error.hint().length() < 600, "the hint stays short: " + error.hint().length());
  }
}
