package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bank's API echoes the account the connector asked for in the IBAN's print format (ISO 13616:
 * groups of four with spaces, {@code DE89 3704 0044 0532 0130 00}), as banking APIs show it beside
 * the electronic form; a card API groups a card number the same way. The user keeps the IBAN secret
 * in the dotenv file, written without spaces. The masker looked for it as written, so the grouped
 * form came back whole in a record. Found by red team s.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class IbanEchoedInGroupsStaysHiddenTest {
  private static final String IBAN = "DE89370400440532013000";
  private static final String PRINTED = "DE89 3704 0044 0532 0130 00";

  private static final String ITEMS_OF_AN_ACCOUNT =
      RegistryManifestWorld.ITEMS_BEHIND_AN_API_KEY
          .replace("path: /items", "path: \"/accounts/{{ config['iban'] }}/items\"")
          .replace(
              "api_key: {type: string, airbyte_secret: true}",
              "api_key: {type: string, airbyte_secret: true}\n"
                  + "      iban: {type: string, airbyte_secret: true}");

  @RegisterExtension final RegistryManifestWorlds worlds = new RegistryManifestWorlds();
  private RegistryManifestWorld world;

  @Test
  void theIbanInGroupsDoesNotComeBack() {
    world = worlds.open();
    world.extraDotenv.put("VENDOR_IBAN", IBAN);
    world.start("source-bank-items", ITEMS_OF_AN_ACCOUNT, null);
    world.vendorAnswersJson(
        urlPathEqualTo("/v1/accounts/" + IBAN + "/items"),
        "{\"items\": [{\"id\": 1, \"account\": {\"iban\": \"" + PRINTED + "\"}}]}");
    RegistryManifestWorld.Answer answer =
        world.readNatively(
            "source-bank-items",
            "items",
            Map.of(
                "api_key",
                "secret_reference::VENDOR_API_KEY",
                "iban",
                "secret_reference::VENDOR_IBAN"));
    assertFalse(answer.isError(), answer.text());
    assertFalse(
        answer.text().contains(PRINTED) || answer.text().contains("3704 0044 0532"),
        "the IBAN came back in its print format: " + answer.text());
  }
}
