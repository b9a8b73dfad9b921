package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;

import airbytemcp.hardening.InjectedAgentWorld.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An all-digit secret (an account number) that a connector echoes in its records as a double, as a
 * Java connector's Jackson writes one ({@code 7.39146825E9}), must not reach the cache as it is:
 * SQL would compute on it ({@code account::BIGINT + 1}) and show a value the fuse does not know. A
 * line holding a number in exponent form goes the long way while a secret is all digits, and there
 * a number counts with its digits written out (red team r found both paths took it as it was).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class NumericSecretAsADoubleStaysOutOfTheCacheTest {
  /** Ten digits. */
  static final String ACCOUNT = "7391468250";

  /**
   * A registry source (run from the PATH, as the registry lists it) that echoes its account id in
   * each record as a number, written the way Java's Double.toString writes it.
   */
  static final String LEDGER =
      """
      #!/bin/sh
      cmd="$1"; shift
      config=""
      while [ $# -gt 0 ]; do
        if [ "$1" = "--config" ]; then config="$2"; fi
        shift
      done
      case "$cmd" in
        spec)
          echo '{"type":"SPEC","spec":{"connectionSpecification":{"type":"object","required":["account_id"],"properties":{"account_id":{"type":"string","airbyte_secret":true}}}}}'
          ;;
        check)
          echo '{"type":"CONNECTION_STATUS","connectionStatus":{"status":"SUCCEEDED"}}'
          ;;
        discover)
          echo '{"type":"CATALOG","catalog":{"streams":[{"name":"balances","json_schema":{"type":"object","properties":{"account":{"type":"number"},"balance":{"type":"number"}}},"supported_sync_modes":["full_refresh"]}]}}'
          ;;
        read)
          acct=$(sed -n 's/.*"account_id" *: *"\\([0-9]*\\)".*/\\1/p' "$config")
          first=$(printf '%s' "$acct" | cut -c1)
          rest=$(printf '%s' "$acct" | cut -c2- | sed 's/0*$//')
          [ -z "$rest" ] && rest=0
          exp=$(( ${#acct} - 1 ))
          echo "{\\"type\\":\\"RECORD\\",\\"record\\":{\\"stream\\":\\"balances\\",\\"emitted_at\\":1700000000000,\\"data\\":{\\"account\\":${first}.${rest}E${exp},\\"balance\\":12.5}}}"
          ;;
      esac
      """;

  static final String REGISTRY =
      """
      {"sources": [
        {"sourceDefinitionId": "00000000-0000-4000-8000-000000000001", "name": "Fake",
         "dockerRepository": "airbyte/source-fake", "dockerImageTag": "0.1.0", "language": "python"},
        {"sourceDefinitionId": "00000000-0000-4000-8000-0000000000a7", "name": "Ledger",
         "dockerRepository": "airbyte/source-ledger", "dockerImageTag": "1.0.0", "language": "java"}
      ], "destinations": []}
      """;

  @TempDir Path dir;

  @Test
  void anAccountNumberEchoedAsADoubleCannotBeComputedOnWithSql() throws Exception {
    try (InjectedAgentWorld world = new InjectedAgentWorld(dir)) {
      Path program = world.trapBin.resolve("source-ledger");
      Files.writeString(program, LEDGER);
      Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.writeString(
          world.dotenv, Files.readString(world.dotenv) + "ACCOUNT_NUMBER=" + ACCOUNT + "\n");
      world.withRegistry(REGISTRY).start();

      Answer synced =
          world.sync(
              "source-ledger", "*", Map.of("account_id", "secret_reference::ACCOUNT_NUMBER"));
      assertFalse(synced.isError(), synced.text());

      Answer answer = world.sql("SELECT CAST(account AS BIGINT) + 1 AS next FROM balances");
      String plusOne = String.valueOf(Long.parseLong(ACCOUNT) + 1);
      assertFalse(
          answer.text().contains(plusOne),
          "the account number reached the cache unmasked, and SQL gave it back plus one, the fuse"
              + " intact: "
              + answer.text());
    }
  }
}
