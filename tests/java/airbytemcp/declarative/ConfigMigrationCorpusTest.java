package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The config migrations of real manifests of the shared corpus (those without custom components)
 * turn an old-shaped config into the new one, and leave a migrated config as it is.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigMigrationCorpusTest {
  private static JsonNode migrated(String connector, JsonNode config) {
    Manifest manifest =
        SharedManifests.loader()
            .fromPath(ManifestCorpus.dir().resolve(connector + ".manifest.yaml"));
    return DeclarativeConnector.of(manifest, RuntimeOptions.defaults(new Masker()))
        .migratedConfig(config);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "source-gong|{\"access_key\": \"ak\", \"access_key_secret\": \"as\"}|{\"access_key\": \"ak\","
            + " \"access_key_secret\": \"as\", \"credentials\": {\"access_key\": \"ak\","
            + " \"access_key_secret\": \"as\", \"auth_type\": \"APIKey\"}}",
        "source-airtable|{\"api_key\": \"k\"}|{\"api_key\": \"k\", \"credentials\":"
            + " {\"api_key\": \"k\", \"auth_method\": \"api_key\"}}",
        "source-youtube-data|{\"api_key\": \"k\", \"channel_ids\": [\"c\"]}|{\"api_key\": \"k\","
            + " \"channel_ids\": [\"c\"], \"credentials\": {\"api_key\": \"k\", \"auth_method\":"
            + " \"api_key\"}}",
        "source-stripe|{\"account_id\": \"a\", \"client_secret\": \"s\", \"num_workers\": 1}|"
            + "{\"account_id\": \"a\", \"client_secret\": \"s\", \"num_workers\": 2}"
      })
  void anOldConfigIsMigratedOnceAndTheResultIsStable(
      String connector, String old, String expected) {
    JsonNode once = migrated(connector, Json.parse(old));

    assertEquals(
        Json.parse(expected), Json.parse(once.toString()), connector + " migrates the old shape");
    assertEquals(once, migrated(connector, once), connector + ": a migrated config stays as it is");
  }
}
