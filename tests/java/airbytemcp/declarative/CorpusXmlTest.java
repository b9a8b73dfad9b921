package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import airbytemcp.common.Json;
import airbytemcp.common.Redactor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The corpus fake's XML bodies read back, through the runtime's XmlDecoder and record selector,
 * into the records the fake placed at the extractor's field path.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class CorpusXmlTest {
  private static final JsonNode XML_DECODER = Json.object().put("type", "XmlDecoder");

  private static List<ObjectNode> select(String xml, String... fieldPath) {
    ObjectNode selector = Json.object();
    ObjectNode extractor = selector.putObject("extractor").put("type", "DpathExtractor");
    for (String p : fieldPath) {
      extractor.withArray("field_path").add(p);
    }
    HttpOutcome outcome =
        new HttpOutcome(200, Map.of(), xml.getBytes(StandardCharsets.UTF_8), false, Redactor.NONE);
    return new RecordSelector(selector, XML_DECODER)
        .select(outcome, Scope.of(Json.object()), r -> r);
  }

  private static ObjectNode envelope(ObjectNode... records) {
    ObjectNode body = Json.object();
    var list = body.putObject("Response").putObject("StaffList").putArray("Staff");
    for (ObjectNode r : records) {
      list.add(r);
    }
    return body;
  }

  @Test
  void recordsPlacedUnderTheRootComeBackAtTheFieldPathAsText() {
    ObjectNode first = Json.object().put("UUID", "p1r0").put("corpus_read_page", 1);
    first.putObject("Address").put("City", "Lyon & Co");
    ObjectNode second = Json.object().put("UUID", "p1r1").put("corpus_read_page", 1);
    String xml = CorpusXml.of(envelope(first, second));
    assertNotNull(xml, "a body with one top-level key has an XML form");

    List<ObjectNode> records = select(xml, "Response", "StaffList", "Staff");

    assertEquals(2, records.size(), "records read back from " + xml);
    assertEquals("p1r0", records.get(0).path("UUID").asText(), "first record's key");
    assertEquals("1", records.get(0).path("corpus_read_page").asText(), "the page marker, as text");
    assertEquals(
        "Lyon & Co",
        records.get(0).path("Address").path("City").asText(),
        "nested objects and escaped text survive");
    assertEquals("p1r1", records.get(1).path("UUID").asText(), "second record's key");
  }

  @Test
  void aSingleRecordIsOneElementThatTheExtractorStillYields() {
    String xml = CorpusXml.of(envelope(Json.object().put("UUID", "p2r0")));

    List<ObjectNode> records = select(xml, "Response", "StaffList", "Staff");

    assertEquals(1, records.size(), "records read back from " + xml);
    assertEquals("p2r0", records.get(0).path("UUID").asText(), "the one record's key");
  }

  @Test
  void anEmptyPageHasNoRecordElements() {
    String xml = CorpusXml.of(envelope());

    assertEquals(List.of(), select(xml, "Response", "StaffList", "Staff"), "records in " + xml);
  }

  @Test
  void attributesAndListsInsideARecordTakeTheirXmltodictForm() {
    ObjectNode record = Json.object().put("@id", "7").put("name", "x");
    record.putArray("tag").add("a").add("b");
    record.put("not a name", "dropped");

    List<ObjectNode> records =
        select(
            CorpusXml.of(envelope(record, Json.object().put("name", "y"))),
            "Response",
            "StaffList",
            "Staff");

    ObjectNode back = records.get(0);
    assertEquals("7", back.path("@id").asText(), "an @ key is an attribute");
    assertEquals(2, back.path("tag").size(), "a list is a run of elements");
    assertEquals("b", back.path("tag").path(1).asText(), "the list's order");
    assertEquals(
        false, back.has("not a name"), "a field that cannot be an element name is left out");
  }

  @Test
  void aBodyWithoutASingleRootHasNoXmlForm() {
    ObjectNode two = Json.object().put("a", 1).put("b", 2);

    assertNull(CorpusXml.of(two), "XML has one root element");
    assertNull(CorpusXml.of(Json.object()), "an empty body has no root");
  }
}
