package airbytemcp.cache;

import airbytemcp.common.Redactor;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The masker as a sync sees it: whatever it hides on the way into the cache (a record's value, a
 * state, a stream or field name that holds a secret) blows the SQL fuse ({@link SecretFuse}). A
 * record can hold the user's secret only when the API echoed it or the source served guesses of it;
 * either way the cache now shows where it was, which a query could read.
 */
final class FuseOnMaskedRecords implements Redactor {
  private final Redactor masker;
  private final SecretFuse fuse;

  FuseOnMaskedRecords(Redactor masker, SecretFuse fuse) {
    this.masker = masker;
    this.fuse = fuse;
  }

  @Override
  public String mask(String text) {
    String masked = masker.mask(text);
    if (masked != null && !masked.equals(text)) {
      fuse.blowForMaskedRecord();
    }
    return masked;
  }

  @Override
  public String maskMessage(String text) {
    return masker.maskMessage(text);
  }

  @Override
  public JsonNode mask(JsonNode node) {
    JsonNode masked = masker.mask(node);
    if (masked != null && !masked.equals(node)) {
      fuse.blowForMaskedRecord();
    }
    return masked;
  }

  @Override
  public boolean revealsSecret(String text) {
    boolean reveals = masker.revealsSecret(text);
    if (reveals) {
      fuse.blowForMaskedRecord();
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
}
