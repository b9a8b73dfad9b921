package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An honest API that types ids as numbers echoes the account the connector asked for: {@code
 * "account_id": 412345678} for the user's account number {@code 0412345678}, which the dotenv file
 * keeps secret. A JSON number has no leading zeros, and the masker looked for the digits as the
 * user wrote them (and a double's digits written out, also without the zero), so the account
 * number, short of a zero anyone can put back, came back in a record and went into the cache. Found
 * by red team s.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AccountNumberEchoedAsANumberStaysHiddenTest {
  private static final String ACCOUNT = RegistryManifestWorld.ACCOUNT_NUMBER;
  private static final String AS_A_NUMBER = ACCOUNT.replaceFirst("^0+", "");

  private static final String ITEMS_OF_AN_ACCOUNT =
      RegistryManifestWorld.ITEMS_BEHIND_AN_API_KEY
          .replace("path: /items", "path: \"/accounts/{{ config['account_id'] }}/items\"")
          .replace(
              "schema: {type: object}",
              "schema: {type: object, properties: {id: {type: integer}, account_id: {type: integer}}}")
          .replace(
              "api_key: {type: string, airbyte_secret: true}",
              "api_key: {type: string, airbyte_secret: true}\n"
                  + "      account_id: {type: string, airbyte_secret: true}");

  @RegisterExtension final RegistryManifestWorlds worlds = new RegistryManifestWorlds();
  private RegistryManifestWorld world;

  private static final Map<String, String> CONFIG =
      Map.of(
          "api_key",
          "secret_reference::VENDOR_API_KEY",
          "account_id",
          "secret_reference::VENDOR_ACCOUNT_NUMBER");

  private void start() {
    world = worlds.open();
    world.start("source-account-items", ITEMS_OF_AN_ACCOUNT, null);
    world.vendorAnswersJson(
        urlPathEqualTo("/v1/accounts/" + ACCOUNT + "/items"),
        "{\"items\": [{\"id\": 1, \"account_id\": " + AS_A_NUMBER + "}]}");
  }

  @Test
  void theAccountAsANumberDoesNotComeBackInARecord() {
    start();
    RegistryManifestWorld.Answer answer =
        world.readNatively("source-account-items", "items", CONFIG);
    assertFalse(answer.isError(), answer.text());
    assertFalse(
        answer.text().contains(AS_A_NUMBER),
        "the account number came back without its leading zero: " + answer.text());
  }

  @Test
  void theAccountAsANumberStaysOutOfTheCache() {
    start();
    RegistryManifestWorld.Answer sync = world.syncNatively("source-account-items", CONFIG);
    assertTrue(!sync.isError(), sync.text());
    RegistryManifestWorld.Answer rows =
        world.call("run_sql_query", Map.of("sql_query", "SELECT id, account_id FROM items"));
    assertFalse(
        rows.text().contains(AS_A_NUMBER),
        "SQL read the account number from the cache: " + rows.text());
  }
}
