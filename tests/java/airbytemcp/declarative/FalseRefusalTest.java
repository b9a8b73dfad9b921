package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Values are never taken for components: request options, bodies and fields the component does not
 * declare may hold a {@code type} key; class_name on a standard component is ignored; the top-level
 * type may be left out. Each case is checked without the component schema (the built-in rule) and
 * with it (the CDK's view).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FalseRefusalTest {
  private static final String REQUESTER_WITH_VALUES =
      TestManifests.source(
          "todos",
          "",
          """
        - type: DeclarativeStream
          name: todos
          primary_key: [id]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object, properties: {kind: {type: string, enum: [A]}}}}
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: https://api.example.com
              path: recordings.json
              request_parameters: {type: Todo}
              request_body_json:
                targetingExpressions: [{type: CLOSE_MATCH}, {type: SUBSTITUTES}]
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}
      """);

  private static Set<String> unsupported(String yaml, boolean withSchema) {
    ManifestLoader loader =
        withSchema ? SharedManifests.loader() : new ManifestLoader(null, Optional::empty);
    return loader.unsupported(loader.fromText("fixture", yaml));
  }

  @Test
  void aRequestParameterNamedTypeIsNotAComponent() {
    assertEquals(
        Set.of(),
        unsupported(REQUESTER_WITH_VALUES, false),
        "request_parameters {type: Todo} is a value");
  }

  @Test
  void theComponentSchemaAlsoSeesRequestValuesAsData() {
    assertEquals(
        Set.of(),
        unsupported(REQUESTER_WITH_VALUES, true),
        "values in request options and bodies are data");
  }

  @Test
  void aFieldTheComponentDoesNotDeclareIsIgnoredAsTheCdkIgnoresIt() {
    // A paginator misplaced inside the record selector (as in a real manifest): the CDK never
    // builds it.
    String yaml =
        REQUESTER_WITH_VALUES.replace(
            "field_path: []}}",
            "field_path: []}, paginator: {type: TokenBased, token_field: next}}");
    assertEquals(
        Set.of(), unsupported(yaml, true), "an undeclared field's contents are not components");
  }

  @Test
  void anUnknownTypeWhereAComponentSitsIsStillReported() {
    String yaml = REQUESTER_WITH_VALUES.replace("type: SimpleRetriever", "type: FancyRetriever");
    assertEquals(
        Set.of("FancyRetriever"),
        unsupported(yaml, false),
        "a retriever type nobody knows is named");
  }

  @Test
  void classNameOnAStandardComponentIsIgnored() {
    String yaml =
        REQUESTER_WITH_VALUES.replace(
            "type: HttpRequester", "type: HttpRequester\n        class_name: SimpleRetriever");
    Manifest m = new ManifestLoader(null, Optional::empty).fromText("fixture", yaml);
    assertEquals("todos", m.definition().path("streams").path(0).path("name").asText());
  }

  @Test
  void classNameWithoutAStandardTypeStillNeedsCustomComponents() {
    String yaml =
        REQUESTER_WITH_VALUES.replace(
            "type: HttpRequester", "class_name: source_x.components.Requester");
    CustomComponentsError e =
        assertThrows(
            CustomComponentsError.class,
            () -> new ManifestLoader(null, Optional::empty).fromText("fixture", yaml));
    assertTrue(
        e.locations().get(0).contains("source_x.components.Requester"), e.locations().toString());
  }

  @Test
  void aManifestWithoutTopLevelTypeIsADeclarativeSource() {
    String yaml = REQUESTER_WITH_VALUES.replace("type: DeclarativeSource\n", "");
    Manifest m = new ManifestLoader(null, Optional::empty).fromText("fixture", yaml);
    assertEquals("DeclarativeSource", m.definition().path("type").asText());
  }
}
