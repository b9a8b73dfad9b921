package airbytemcp.cache;

import airbytemcp.common.Json;
import airbytemcp.common.Redactor;
import airbytemcp.common.UserError;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps SQL from working as a guessing machine for secrets. The cache holds no secret (records are
 * masked before they are written), so a query whose answer would show one made it itself, from
 * guesses, or, rarely, read data cached before the secret was known. Masking that answer would tell
 * the agent which guess was right; so the answer is withheld whole, with one fixed message whatever
 * matched, and the fuse blows: every later query of this process is refused. A run of guesses then
 * learns at most which one call held the secret, never where in it, so no search narrows it down.
 */
final class SecretFuse {
  private static final Logger LOG = LoggerFactory.getLogger(SecretFuse.class);

  private static final String HINT =
      "If data cached before a secret was added to the dotenv file holds it, delete the cache folder "
          + "(cache_dir of describe_default_cache) and sync again, so it is stored masked. If a "
          + "source's records show a short dotenv value that is no secret (an account id, a "
          + "subdomain), write it into the config as it is rather than as secret_reference::. Then "
          + "restart the server to run queries again.";

  private final Redactor masker;
  private final AtomicBoolean blown = new AtomicBoolean();

  SecretFuse(Redactor masker) {
    this.masker = masker;
  }

  /** Refuses every query once the fuse has blown. */
  void ensureIntact() {
    if (blown.get()) {
      throw new CacheError(
          "run_sql_query is off until the server restarts: an earlier query's result, or a record "
              + "a sync stored, held a value this server keeps secret.",
          HINT);
    }
  }

  /**
   * Blows the fuse because a sync masked a value on its way into the cache: the cache then marks
   * where a secret was ({@code ****}, a NULL, a missing column), and a query could name that record
   * without showing the secret (the one id missing from a synced list of guesses).
   */
  void blowForMaskedRecord() {
    if (!blown.getAndSet(true)) {
      LOG.warn(
          "run_sql_query is off until the server restarts: a sync masked a value this server keeps "
              + "secret in a record, which a source of guesses would cause.");
    }
  }

  /** The rows, when neither they nor a query since hold a secret; else the fuse blows. */
  List<Map<String, Object>> screen(List<Map<String, Object>> rows) {
    ensureIntact();
    if (!masker.isEmpty() && (anyRevealsSecret(rows) || masker.revealsSecret(Json.write(rows)))) {
      throw blow();
    }
    return rows;
  }

  /** The failure, or the fuse's own when its message or hint holds a secret (DuckDB quotes SQL). */
  RuntimeException screen(RuntimeException failure) {
    String hint = failure instanceof UserError e ? e.hint() : null;
    if (masker.revealsSecret(failure.getMessage()) || masker.revealsSecret(hint)) {
      return blow();
    }
    return failure;
  }

  private CacheError blow() {
    if (!blown.getAndSet(true)) {
      LOG.warn(
          "run_sql_query is off until the server restarts: a query's result held a secret value, "
              + "which an agent guessing secrets would cause.");
    }
    return new CacheError(
        "The query's result was withheld: it held a value this server keeps secret. The cache "
            + "holds no secret, so the query made that value itself or read data cached before the "
            + "secret was known. run_sql_query is off until the server restarts.",
        HINT);
  }

  /** Whether any key or value, as the answer would carry it, holds a secret. */
  private boolean anyRevealsSecret(Object value) {
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (anyRevealsSecret(e.getKey()) || anyRevealsSecret(e.getValue())) {
          return true;
        }
      }
      return false;
    }
    if (value instanceof Iterable<?> items) {
      for (Object item : items) {
        if (anyRevealsSecret(item)) {
          return true;
        }
      }
      return false;
    }
    if (value instanceof Number number) {
      return numberRevealsSecret(number.toString());
    }
    return value != null && masker.revealsSecret(value.toString());
  }

  /**
   * Whether a number shows a secret as printed or with its digits written out, as the answer's
   * masking writes them ({@code 7.391468249E9} is {@code 7391468249}).
   */
  private boolean numberRevealsSecret(String text) {
    if (masker.revealsSecret(text)) {
      return true;
    }
    try {
      BigDecimal plain = new BigDecimal(text);
      return masker.revealsSecret(plain.toPlainString())
          || masker.revealsSecret(plain.stripTrailingZeros().toPlainString());
    } catch (NumberFormatException e) {
      return false; // NaN, Infinity
    }
  }
}
