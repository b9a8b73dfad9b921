package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Loading manifests: references, parameters and defaults. Tests of the real manifests and of the
 * schema's own checks need ../shared; the others validate against the schema only where it is.
 */
class ManifestLoaderTest {
  /** Airbyte's component schema from ../shared (skips without it). */
  private static ManifestLoader loader() {
    return SharedManifests.loader();
  }

  /** A manifest that names a component of type Custom... needs the connector's Python code. */
  private static final Pattern CUSTOM_COMPONENT = Pattern.compile("type:\\s*[\"']?Custom\\w+");

  private static ManifestLoader anyLoader() {
    return SharedManifests.loaderValidatingWhereAvailable();
  }

  @Test
  void aManifestThatIsNotYamlGivesTheParsersReasonAndLineButNotTheLinesText() {
    String yaml = "version: 6.0.0\nstreams:\n  - name: a\n   token: hunter2-not-shown\n";
    DeclarativeError e =
        assertThrows(DeclarativeError.class, () -> anyLoader().fromText("broken", yaml));
    assertTrue(
        e.getMessage().startsWith("The manifest of broken is not valid YAML at line 4, column 4: "),
        "where it broke: " + e.getMessage());
    assertTrue(
        e.getMessage().contains("expected <block end>, but found '<block mapping start>'"),
        "the parser's reason: " + e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), "never the file's text: " + e.getMessage());
  }

  @Test
  void aManifestFileThatCannotBeReadIsNamedAndSaidToBeMissingOrUnreadable() {
    Path missing = Path.of("/nonexistent-folder/gone.manifest.yaml");
    DeclarativeError e = assertThrows(DeclarativeError.class, () -> anyLoader().fromPath(missing));
    assertTrue(e.getMessage().contains(missing.toString()), "names the file: " + e.getMessage());
    assertTrue(
        e.getMessage().contains("may not exist (any more) or may not be readable"),
        "says what may be wrong with it: " + e.getMessage());
  }

  @Test
  void everySharedManifestLoadsExceptThoseWithCustomComponents() throws IOException {
    List<String> ok = new ArrayList<>();
    List<String> custom = new ArrayList<>();
    List<String> expectedOk = new ArrayList<>();
    List<String> expectedCustom = new ArrayList<>();
    try (Stream<Path> files = Files.list(SharedManifests.airbyteDir().resolve("manifests"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".manifest.yaml")).sorted().toList()) {
        String name = p.getFileName().toString();
        (CUSTOM_COMPONENT.matcher(Files.readString(p)).find() ? expectedCustom : expectedOk)
            .add(name);
        try {
          loader().fromPath(p);
          ok.add(name);
        } catch (CustomComponentsError e) {
          custom.add(name);
        }
      }
    }
    assertFalse(expectedOk.isEmpty(), "no shared manifest without custom components was found");
    assertEquals(expectedOk, ok, "the manifests without custom components that load");
    assertEquals(expectedCustom, custom, "the manifests refused for their custom components");
  }

  @Test
  void everyRunnableSharedManifestHasASpecAndACatalog() throws IOException {
    try (Stream<Path> files = Files.list(SharedManifests.airbyteDir().resolve("manifests"))) {
      for (Path p :
          files
              .filter(
                  f ->
                      f.toString().endsWith(".manifest.yaml") && !f.toString().contains("guardian"))
              .toList()) {
        DeclarativeConnector c =
            DeclarativeConnector.of(loader().fromPath(p), RuntimeOptions.defaults(new Masker()));
        assertTrue(c.spec().path("connectionSpecification").has("properties"), p.toString());
        JsonNode streams = c.discover(Json.object()).path("streams");
        assertFalse(streams.isEmpty(), p.toString());
        streams.forEach(
            s ->
                assertTrue(
                    s.path("json_schema").isObject() && !s.path("name").asText().isEmpty(),
                    p + ": " + s));
      }
    }
  }

  @Test
  void customComponentsAreReportedWithTheirLocation() {
    CustomComponentsError e =
        assertThrows(
            CustomComponentsError.class, () -> SharedManifests.load("source-the-guardian-api"));
    assertTrue(e.getMessage().contains("CustomPaginationStrategy"), e.getMessage());
    assertTrue(e.locations().get(0).startsWith("/definitions/"), e.locations().toString());
    assertTrue(e.hint().contains("Docker"), e.hint());
  }

  @Test
  void referencesAreFollowedThroughChainsAndOwnKeysWin() {
    String yaml =
        TestManifests.source(
            "s",
            """
          base: {type: HttpRequester, url_base: "https://a.example", http_method: GET}
          mid: {$ref: "#/definitions/base", path: /mid}
          top: {$ref: "#/definitions/mid", http_method: POST}
        """,
            TestManifests.stream(
                "s",
                """
              requester: {$ref: "#/definitions/top"}
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}
        """,
                ""));
    JsonNode requester =
        anyLoader().fromText("t", yaml).definition().at("/streams/0/retriever/requester");
    assertEquals("https://a.example", requester.get("url_base").asText());
    assertEquals("/mid", requester.get("path").asText());
    assertEquals("POST", requester.get("http_method").asText());
  }

  @Test
  void parametersFlowDownAndFillUnsetFieldsButNotSetOnes() {
    String yaml =
        """
        version: 6.0.0
        type: DeclarativeSource
        check: {type: CheckStream, stream_names: [s]}
        streams:
          - type: DeclarativeStream
            $parameters: {name: s, path: /things, url_base: "https://p.example"}
            schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
            retriever:
              requester: {http_method: GET, url_base: "https://own.example"}
              record_selector: {extractor: {field_path: []}}
        """;
    JsonNode stream = anyLoader().fromText("t", yaml).definition().at("/streams/0");
    assertEquals("s", stream.get("name").asText());
    JsonNode requester = stream.at("/retriever/requester");
    assertEquals("HttpRequester", requester.get("type").asText());
    assertEquals("/things", requester.get("path").asText());
    assertEquals("https://own.example", requester.get("url_base").asText());
    assertEquals("s", requester.at("/$parameters/name").asText());
    assertEquals("DpathExtractor", stream.at("/retriever/record_selector/extractor/type").asText());
  }

  @Test
  void schemaDefaultsFillUnsetFields() {
    JsonNode paginator =
        SharedManifests.load("source-gutendex")
            .definition()
            .at("/streams/0/retriever/paginator/pagination_strategy");
    assertEquals("PageIncrement", paginator.get("type").asText());
    assertTrue(paginator.has("start_from_page"), paginator.toString());
  }

  @Test
  void invalidManifestsAreRejectedNamingThePath() {
    String yaml =
        TestManifests.source(
            "s",
            "",
            TestManifests.stream(
                "s",
                """
              requester: {type: HttpRequester, url_base: "https://a.example", http_method: FETCH}
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}
        """,
                ""));
    DeclarativeError e = assertThrows(DeclarativeError.class, () -> loader().fromText("t", yaml));
    assertTrue(
        e.getMessage().contains("/streams/0/retriever/requester/http_method"), e.getMessage());
  }

  @Test
  void brokenReferencesNameWhereTheyAre() {
    String yaml = TestManifests.source("s", "", "  - $ref: \"#/definitions/nope\"\n");
    DeclarativeError e =
        assertThrows(DeclarativeError.class, () -> anyLoader().fromText("t", yaml));
    assertTrue(e.getMessage().contains("/streams/0"), e.getMessage());
  }

  @Test
  void withoutSchemaTheManifestStillLoads() {
    Manifest m = new ManifestLoader(null, Optional::empty).fromPath(FixtureManifests.manifest());
    assertEquals(2, m.definition().path("streams").size());
    assertEquals("source-fixture-declarative", m.name());
  }
}
