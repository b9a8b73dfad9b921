package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus read on small manifests written here: manifests read in parallel report in name order,
 * and the fake serves the parent of a substream where the manifest's own request parts and
 * transformations say it must.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CorpusReadHarnessTest {
  @TempDir Path dir;

  /** A manifest whose streams (YAML, indented for the streams list) read from api.example.com. */
  private static String manifest(String streams) {
    return """
        version: 6.0.0
        type: DeclarativeSource
        check:
          type: CheckStream
          stream_names: [items]
        spec:
          type: Spec
          connection_specification:
            type: object
            required: [api_key]
            properties:
              api_key: {type: string, airbyte_secret: true}
        streams:
        %s
        """
        .formatted(streams.indent(2).stripTrailing());
  }

  private static String plainStream(String name) {
    return """
        - type: DeclarativeStream
          name: %s
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: https://api.example.com
              path: /%s
              authenticator: {type: BearerAuthenticator, api_token: "{{ config['api_key'] }}"}
            record_selector:
              type: RecordSelector
              extractor: {type: DpathExtractor, field_path: [data]}
          schema_loader:
            type: InlineSchemaLoader
            schema: {type: object, properties: {id: {type: string}}}
        """
        .formatted(name, name);
  }

  private CorpusRead.ManifestResult readOne(String name, String text) throws Exception {
    Files.writeString(dir.resolve(name + ".manifest.yaml"), text);
    List<CorpusRead.ManifestResult> all = CorpusRead.readAll(dir, 1, r -> {});
    return all.get(0);
  }

  private static String failures(CorpusRead.ManifestResult r) {
    return CorpusRead.line(r);
  }

  @Test
  void manifestsReadTwoAtATimeReportInNameOrder() throws Exception {
    List<String> names = List.of("source-c", "source-a", "source-d", "source-b", "source-e");
    for (String n : names) {
      Files.writeString(dir.resolve(n + ".manifest.yaml"), manifest(plainStream("items")));
    }
    List<String> reported = new ArrayList<>();
    List<CorpusRead.ManifestResult> results =
        CorpusRead.readAll(dir, 2, r -> reported.add(r.connector()));
    assertEquals(
        names.stream().sorted().toList(), reported, "lines come out in manifest name order");
    for (CorpusRead.ManifestResult r : results) {
      assertEquals(1, r.ok(), "each manifest's one stream reads end to end: " + failures(r));
    }
  }

  @Test
  void aParentOnTheSameUrlAsItsChildIsToldApartByTheFunctionItsBodyNames() throws Exception {
    String streams =
        """
        - type: DeclarativeStream
          name: events
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: https://api.example.com
              path: /
              http_method: POST
              request_body_json: {Function: GetEvents}
              request_parameters: {ContactId: "{{ stream_partition.contact }}"}
            record_selector:
              type: RecordSelector
              extractor: {type: DpathExtractor, field_path: [Results]}
            partition_router:
              type: SubstreamPartitionRouter
              parent_stream_configs:
                - type: ParentStreamConfig
                  parent_key: ContactId
                  partition_field: contact
                  stream:
                    type: DeclarativeStream
                    name: contacts
                    retriever:
                      type: SimpleRetriever
                      requester:
                        type: HttpRequester
                        url_base: https://api.example.com
                        path: /
                        http_method: POST
                        request_body_json: {Function: GetContacts}
                      record_selector:
                        type: RecordSelector
                        extractor: {type: DpathExtractor, field_path: [Results]}
                    schema_loader:
                      type: InlineSchemaLoader
                      schema: {type: object, properties: {ContactId: {type: string}}}
          schema_loader:
            type: InlineSchemaLoader
            schema: {type: object, properties: {EventId: {type: string}}}
        """;
    CorpusRead.ManifestResult r = readOne("source-single-endpoint", manifest(streams));
    assertEquals(
        1, r.ok(), "the child reads once its parent's request gets parent records: " + failures(r));
  }

  @Test
  void aParentKeyThatAddFieldsCopiesFromANestedFieldIsServedThere() throws Exception {
    String streams =
        """
        - type: DeclarativeStream
          name: ratings
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: https://api.example.com
              path: /ratings
              request_parameters: {ext_id: "{{ stream_slice.ext_id }}"}
            record_selector:
              type: RecordSelector
              extractor: {type: DpathExtractor, field_path: []}
            partition_router:
              type: SubstreamPartitionRouter
              parent_stream_configs:
                - type: ParentStreamConfig
                  parent_key: ext_id
                  partition_field: ext_id
                  stream:
                    type: DeclarativeStream
                    name: apps
                    retriever:
                      type: SimpleRetriever
                      requester: {type: HttpRequester, url_base: https://api.example.com, path: /apps}
                      record_selector:
                        type: RecordSelector
                        extractor: {type: DpathExtractor, field_path: [apps]}
                    transformations:
                      - type: AddFields
                        fields:
                          - path: [ext_id]
                            value: "{{ record.app.ext_id }}"
                    schema_loader:
                      type: InlineSchemaLoader
                      schema: {type: object, properties: {app: {type: object}}}
          schema_loader:
            type: InlineSchemaLoader
            schema: {type: object, properties: {rating: {type: integer}}}
        """;
    CorpusRead.ManifestResult r = readOne("source-copied-key", manifest(streams));
    assertEquals(
        1,
        r.ok(),
        "the parent's records carry app.ext_id, so ratings has partitions: " + failures(r));
  }

  @Test
  void aParentAndAChildWhosePathsAreWholeExpressionsOverThePartitionAreRoutedApart()
      throws Exception {
    String streams =
        """
        - type: DeclarativeStream
          name: accounts
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: https://api.example.com/v1/
              path: >-
                {{ 'orgs/' ~ stream_partition['org'] ~ '/accounts' if stream_partition['scope'] == 'all'
                else 'accounts/' ~ stream_partition['scope'] }}
            record_selector:
              type: RecordSelector
              extractor: {type: DpathExtractor, field_path: [accounts]}
            partition_router:
              - type: ListPartitionRouter
                values: "{{ config['account_ids'] if config['account_ids'] else ['all'] }}"
                cursor_field: scope
              - type: SubstreamPartitionRouter
                parent_stream_configs:
                  - type: ParentStreamConfig
                    parent_key: id
                    partition_field: org
                    stream:
                      type: DeclarativeStream
                      name: orgs
                      retriever:
                        type: SimpleRetriever
                        requester:
                          type: HttpRequester
                          url_base: https://api.example.com/v1/
                          path: >-
                            {{ 'me/orgs' if stream_partition['org_id'] == 'me'
                            else 'orgs/' ~ stream_partition['org_id'] }}
                        record_selector:
                          type: RecordSelector
                          extractor: {type: DpathExtractor, field_path: [orgs]}
                        partition_router:
                          type: ListPartitionRouter
                          values: "{{ config['org_ids'] if config['org_ids'] else ['me'] }}"
                          cursor_field: org_id
                      schema_loader:
                        type: InlineSchemaLoader
                        schema: {type: object, properties: {id: {type: string}}}
          schema_loader:
            type: InlineSchemaLoader
            schema: {type: object, properties: {id: {type: string}}}
        """;
    CorpusRead.ManifestResult r = readOne("source-expression-paths", manifest(streams));
    assertEquals(
        1, r.ok(), "me/orgs goes to the parent, orgs/X/accounts to the child: " + failures(r));
  }

  @Test
  void aParentWhosePathIsAWholeUrlIsRoutedToTheParent() throws Exception {
    String streams =
        """
        - type: DeclarativeStream
          name: accounts
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: https://api.example.com/v1
              path: /budgets/{{ stream_partition.budget }}/accounts
            record_selector:
              type: RecordSelector
              extractor: {type: DpathExtractor, field_path: [data, accounts]}
            partition_router:
              type: SubstreamPartitionRouter
              parent_stream_configs:
                - type: ParentStreamConfig
                  parent_key: id
                  partition_field: budget
                  stream:
                    type: DeclarativeStream
                    name: budgets
                    retriever:
                      type: SimpleRetriever
                      requester:
                        type: HttpRequester
                        url_base: https://api.example.com/v1
                        path: https://api.example.com/v1/budgets
                      record_selector:
                        type: RecordSelector
                        extractor: {type: DpathExtractor, field_path: [data, budgets]}
                    schema_loader:
                      type: InlineSchemaLoader
                      schema: {type: object, properties: {id: {type: string}}}
          schema_loader:
            type: InlineSchemaLoader
            schema: {type: object, properties: {id: {type: string}}}
        """;
    CorpusRead.ManifestResult r = readOne("source-url-path", manifest(streams));
    assertEquals(
        1,
        r.ok(),
        "a whole-URL path replaces url_base, so /v1/budgets is the parent's: " + failures(r));
  }
}
