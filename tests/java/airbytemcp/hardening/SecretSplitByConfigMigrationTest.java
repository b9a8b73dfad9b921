package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A spec's config migration may copy or move a secret, not compute from it. source-gitlab migrates
 * its space-delimited {@code groups} into {@code groups_list} with {@code
 * config.get('groups').split(' ')} and puts each group into a path: a passphrase-style secret in
 * {@code groups} would go out, and come back in errors, word by word. Migrations are checked
 * against decoys like any template (found by red team m1: they were not).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SecretSplitByConfigMigrationTest {
  /** A recovery-code / passphrase style secret: four groups of four. */
  static final String PASSPHRASE = "Kx81 Vb47 Qz03 Lm96";

  /** source-gitlab's migration and include_descendant_groups stream (verbatim templates). */
  private static final String GROUPS =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [include_descendant_groups]}
      streams:
        - type: DeclarativeStream
          name: include_descendant_groups
          primary_key: [id]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: VENDOR/api/v4/
              path: "{{ stream_slice.slice.path }}"
              http_method: GET
              authenticator: {type: BearerAuthenticator, api_token: "{{ config['credentials']['access_token'] }}"}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}
            partition_router:
              type: ListPartitionRouter
              cursor_field: "slice"
              values: |
                {% set slices = [] %}
                {% for group_id in config.get('groups_list', []) %}
                {% set _ = slices.append({'path': 'groups/' + group_id}) %}
                {% set _ = slices.append({'path': 'groups/' + group_id + '/descendant_groups'}) %}
                {% endfor %}
                {{ slices }}
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [credentials]
          properties:
            credentials:
              type: object
              properties:
                access_token: {type: string, airbyte_secret: true}
            groups: {type: string}
            groups_list: {type: array, items: {type: string}}
        config_normalization_rules:
          type: ConfigNormalizationRules
          config_migrations:
            - type: ConfigMigration
              descriptions: Migrates `groups` key to `groups_list` key.
              transformations:
                - type: ConfigAddFields
                  fields:
                    - type: AddedFieldDefinition
                      path: ["groups_list"]
                      value: "{{ config.get('groups').split(' ') if config.get('groups') else [] }}"
                  condition: "{{ not config.get('groups_list', False) }}"
      """;

  @RegisterExtension final RegistryManifestWorlds worlds = new RegistryManifestWorlds();
  private RegistryManifestWorld world;

  @Test
  void aSecretSplitByAConfigMigrationDoesNotGoOutOrComeBack() {
    world = worlds.open();
    world.extraDotenv.put("VENDOR_PASSPHRASE", PASSPHRASE);
    world.vendor.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400).withBody("{}")));
    world.start("source-groups-api", GROUPS, null);

    RegistryManifestWorld.Answer answer =
        world.readNatively(
            "source-groups-api",
            "include_descendant_groups",
            Map.of(
                "credentials",
                Map.of("access_token", "secret_reference::VENDOR_API_KEY"),
                "groups",
                "secret_reference::VENDOR_PASSPHRASE"));

    List<String> urls =
        world.vendor.getAllServeEvents().stream().map(e -> e.getRequest().getUrl()).toList();
    String firstWord = PASSPHRASE.split(" ")[0];
    assertFalse(
        answer.text().contains("groups/" + firstWord),
        "a word of the secret came back in the answer: " + answer.text());
    assertTrue(
        urls.stream().noneMatch(u -> u.contains("groups/" + firstWord)),
        "a word of the secret went out in the path: " + urls);
    assertFalse(
        world.stderr().contains("groups/" + firstWord), "and in the log: " + world.stderr());
  }
}
