package airbytemcp.network;

import static airbytemcp.network.RegistryEntries.SECRET;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A connector the server cannot watch (Docker on the default bridge network, a Python program on
 * the host, a connector Airbyte runs on its own cloud nodes) reaches the cloud metadata service of
 * the machine it runs on, which hands out the machine's credentials (AWS IMDSv1 answers a bare GET
 * with an access key, a secret key and a session token). A connector whose base URL is a config
 * field (source-posthog's base_url, source-gitlab's api_url, any manifest whose url_base is
 * config['...'], run in Docker or Python) fetches it and shows the answer in a record or an error
 * the agent reads. For connections the server opens itself, the README says link-local and metadata
 * addresses are never reachable; for unwatched ones the config check lets them through, with or
 * without a secret in the config, since it only holds public hosts. Nothing here resolves a name or
 * connects.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UnwatchedMetadataServiceTest {
  private static final JsonNode NO_ENTRY_HOSTS = null; // an entry without allowedHosts

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/",
        "http://100.100.100.200/latest/meta-data/ram/security-credentials/",
        "http://[fd00:ec2::254]/latest/meta-data/iam/security-credentials/",
        "http://169.254.170.2/v2/credentials/"
      })
  void aMetadataServiceInAConfigWithoutASecretIsHeld(String url) {
    JsonNode config = Json.parse("{\"base_url\": \"" + url + "\", \"project_id\": \"1\"}");
    assertThrows(
        EgressRefused.class,
        () ->
            new UnwatchedEgress(EgressRules.NONE, NO_ENTRY_HOSTS)
                .check(config, SECRET::equals, (path, value) -> false),
        "an unwatched connector would fetch the machine's cloud credentials from " + url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/"
      })
  void aMetadataServiceBesideASecretIsHeld(String url) {
    JsonNode config =
        Json.parse("{\"base_url\": \"" + url + "\", \"api_key\": \"" + SECRET + "\"}");
    assertThrows(
        EgressRefused.class,
        () ->
            new UnwatchedEgress(EgressRules.NONE, RegistryEntries.allowing("${base_url}"))
                .check(config, SECRET::equals, (path, value) -> false),
        "an unwatched connector would fetch the machine's cloud credentials from " + url);
  }

  @Test
  void aMetadataNameInAFieldNamedForAHostIsHeld() {
    JsonNode config = Json.parse("{\"host\": \"metadata\", \"port\": 80}");
    assertThrows(
        EgressRefused.class,
        () ->
            new UnwatchedEgress(EgressRules.NONE, NO_ENTRY_HOSTS)
                .check(config, SECRET::equals, (path, value) -> false),
        "a host field of 'metadata' names GCP's metadata service");
  }

  /** A stream or table called "metadata" is a word, not the metadata service. */
  @Test
  void theWordMetadataOutsideAHostFieldIsNotHeld() {
    JsonNode config =
        Json.parse(
            "{\"streams\": [\"metadata\", \"users\"], \"table\": \"metadata\", "
                + "\"api_key\": \""
                + SECRET
                + "\"}");
    assertDoesNotThrow(
        () ->
            new UnwatchedEgress(EgressRules.NONE, NO_ENTRY_HOSTS)
                .check(config, SECRET::equals, (path, value) -> false));
  }

  @Test
  void aMetadataServiceAmongAListsItemsIsHeld() {
    JsonNode config =
        Json.parse(
            "{\"urls\": [\"http://169.254.169.254/latest/meta-data/\", \"https://api.vendor.example/\"]}");
    assertThrows(
        EgressRefused.class,
        () ->
            new UnwatchedEgress(EgressRules.NONE, NO_ENTRY_HOSTS)
                .check(config, SECRET::equals, (path, value) -> false),
        "a list's first item names the metadata service");
  }
}
