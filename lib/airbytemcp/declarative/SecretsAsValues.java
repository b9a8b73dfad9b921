package airbytemcp.declarative;

import airbytemcp.secrets.Masker;

/**
 * Where the runtime reads a config value as a date, a number or a duration (a cursor's start and
 * step, a page size), a secret is refused rather than read. Its new form (an all-digit secret read
 * as a Unix time, a number without its leading zeros, a number written in groups ({@code
 * 4096_7731_2209}) without its underscores) is one the masker does not know, and it goes out in
 * requests, state and the URLs errors name; a date or a count is never the user's secret, so only a
 * call that put a secret where it does not belong is turned down.
 */
final class SecretsAsValues {
  private SecretsAsValues() {}

  /** Fails the read when {@code text}, the field as its template printed it, holds a secret. */
  static void refuse(String text, String field, Masker masker) {
    if (masker.revealsSecret(text)) {
      throw new DeclarativeError(
          "The manifest's "
              + field
              + " reads a config value that holds a secret; it is not read as a date, number or"
              + " duration, which would send the secret out in a form masking cannot recognize.",
          "Give that config field (a start date, starting id or page size, say) its own value,"
              + " not a secret_reference.");
    }
  }
}
