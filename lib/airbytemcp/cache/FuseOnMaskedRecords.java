package airbytemcp.cache;

import airbytemcp.common.Redactor;
import airbytemcp.network.ConfigLeaves;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The masker as a sync sees it: a secret it hides on the way into the cache (in a record's value, a
 * state, a stream or field name) blows the SQL fuse ({@link SecretFuse}) unless the run's config
 * holds that value and it cannot be guessed. A connector shows what its config gave it (an account
 * id, a domain in a URL, a key an API echoes), and that is masked as always; a secret it was never
 * given came from the data, such as a source serving guesses, and the cache would then mark where
 * it was, which a query could read. The agent writes the config, though: naming a PIN in a field
 * the connector never shows would spare it while a source of numbers serves guesses of it, so a
 * guessable value is never spared.
 */
final class FuseOnMaskedRecords implements Redactor {
  private final Redactor masker;
  private final SecretFuse fuse;
  private final List<String> configValues;
  private Redactor notInConfig; // made at the first masked value: most syncs mask none

  FuseOnMaskedRecords(Redactor masker, SecretFuse fuse, JsonNode config) {
    this.masker = masker;
    this.fuse = fuse;
    List<String> values = new ArrayList<>();
    ConfigLeaves.forEach(
        config,
        true,
        (path, value) -> {
          if (!masker.isGuessable(value)) {
            values.add(value);
          }
        });
    this.configValues = List.copyOf(values);
  }

  @Override
  public String mask(String text) {
    return blowIfMasked(text, masker.mask(text));
  }

  @Override
  public String maskRecordValue(String text) {
    return blowIfMasked(text, masker.maskRecordValue(text));
  }

  @Override
  public String maskMessage(String text) {
    return masker.maskMessage(text);
  }

  @Override
  public JsonNode mask(JsonNode node) {
    JsonNode masked = masker.mask(node);
    if (masked != null && !masked.equals(node)) {
      blowUnlessFromConfig(node);
    }
    return masked;
  }

  @Override
  public boolean revealsSecret(String text) {
    boolean reveals = masker.revealsSecret(text);
    if (reveals) {
      blowUnlessFromConfig(text);
    }
    return reveals;
  }

  @Override
  public boolean isEmpty() {
    return masker.isEmpty();
  }

  @Override
  public boolean revealsSecretInAscii(byte[] text, int from, int to) {
    // a line that holds one goes the long way, where mask() decides
    return masker.revealsSecretInAscii(text, from, to);
  }

  @Override
  public int longestSecret() {
    return masker.longestSecret();
  }

  @Override
  public int shortestSecretForm() {
    return masker.shortestSecretForm();
  }

  @Override
  public int shortestRevealingText() {
    return masker.shortestRevealingText();
  }

  @Override
  public int secretsKnown() {
    return masker.secretsKnown();
  }

  /**
   * A secret cut over two records blows the fuse whoever gave it: the earlier record may be stored
   * already (a checkpoint came between them), with its part of the secret as it was.
   */
  @Override
  public boolean revealsSecretAcrossRecords(byte[] join, int length, boolean ascii) {
    boolean reveals = masker.revealsSecretAcrossRecords(join, length, ascii);
    if (reveals) {
      fuse.blowForMaskedRecord();
    }
    return reveals;
  }

  /** The masker's answer for the text, the fuse blown first if it hid a secret the config lacks. */
  private String blowIfMasked(String text, String masked) {
    if (masked != null && !masked.equals(text)) {
      blowUnlessFromConfig(text);
    }
    return masked;
  }

  /**
   * Blows the fuse when the text reveals a secret, in any of its forms (a number's digits written
   * out too), that the config lacks.
   */
  private synchronized void blowUnlessFromConfig(String text) {
    if (!notInConfig().maskRecordValue(text).equals(text)) {
      fuse.blowForMaskedRecord();
    }
  }

  /**
   * Blows the fuse when the JSON holds such a secret: masked as JSON, so that a number counts with
   * its digits written out ({@code 7.39146825E9}), as the record's own masking counts it.
   */
  private synchronized void blowUnlessFromConfig(JsonNode node) {
    if (!notInConfig().mask(node).equals(node)) {
      fuse.blowForMaskedRecord();
    }
  }

  private Redactor notInConfig() {
    if (notInConfig == null) {
      notInConfig = masker.without(configValues);
    }
    return notInConfig;
  }
}
