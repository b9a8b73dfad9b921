package airbytemcp.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Hides known secret values in text and JSON. The server's {@code secrets.Masker} is the one that
 * counts; lower layers (the cache masks records before it writes them) take this view of it so they
 * need not know where secrets come from.
 */
public interface Redactor {
  /** What every hidden secret becomes. */
  String MASK = "****";

  /** Hides nothing: for caches and engines that are given no secrets to hide. */
  Redactor NONE =
      new Redactor() {
        @Override
        public String mask(String text) {
          return text;
        }

        @Override
        public JsonNode mask(JsonNode node) {
          return node;
        }

        @Override
        public boolean isEmpty() {
          return true;
        }

        @Override
        public boolean revealsSecretInAscii(byte[] text, int from, int to) {
          return false;
        }
      };

  /** The text with every known secret replaced. */
  String mask(String text);

  /**
   * A message for the agent or the user (an error, a plain-text answer, a log line, progress),
   * masked like any text and, as an API names a key it refuses, with what looks like a key's ends
   * around an elision hidden too. Data (records, states, structured answers) keeps its text: {@link
   * #mask}.
   */
  default String maskMessage(String text) {
    return mask(text);
  }

  /**
   * The first {@code max} chars of a message (an API's error body, a job's failure), masked as
   * {@link #maskMessage} masks it, then {@code marker} when there was more. The text is masked
   * before it is cut: cut first, a secret across the cut would leave its prefix, which no longer
   * matches.
   */
  default String maskedHead(String text, int max, String marker) {
    String masked = maskMessage(text);
    return masked.length() > max ? masked.substring(0, max) + marker : masked;
  }

  /**
   * A record's value as the parser gives it (a string's characters, or a number's JSON text),
   * masked as text and, for a number, also when its digits written out show a secret: a double
   * prints {@code 7391468250} as {@code 7.39146825E9}.
   */
  default String maskRecordValue(String text) {
    return mask(text);
  }

  /** Whether the text holds a known secret in some form masking would hide. */
  default boolean revealsSecret(String text) {
    return text != null && !isEmpty() && !mask(text).equals(text);
  }

  /** A copy of the JSON with every known secret replaced (the node itself when none occurs). */
  JsonNode mask(JsonNode node);

  /** Whether no secret is known yet (masking would change nothing). */
  boolean isEmpty();

  /**
   * A redactor of the same secrets but {@code values} (a run's config): what it still finds, the
   * run was not given.
   */
  default Redactor without(Collection<String> values) {
    return this;
  }

  /**
   * Whether an agent could find the value by guessing (short, or a short number): a sync's records
   * that hold such a value of its own config may hold it because the agent put guesses there.
   */
  default boolean isGuessable(String value) {
    return false;
  }

  /**
   * Whether ASCII bytes {@code [from, to)} may hold a known secret in a form masking would hide:
   * the record path's test for copying a line through untouched (true sends it the long way, where
   * {@link #mask(JsonNode)} decides).
   */
  boolean revealsSecretInAscii(byte[] text, int from, int to);

  /**
   * The length in chars of the longest secret known, 0 when none: how much of a record's value a
   * check across records must keep.
   */
  default int longestSecret() {
    return 0;
  }

  /** The length in chars of the shortest form any known secret is searched in (no secret: 0). */
  default int shortestSecretForm() {
    return 0;
  }

  /**
   * The length of the shortest ASCII value text (a string with its quotes, a number, a nested
   * object) in which {@link #revealsSecretInAscii} can find a known secret in any form, a number's
   * included: shorter text holds none, so it need not be searched. {@link Integer#MAX_VALUE} when
   * no secret is known; 1, so that everything is searched, unless a redactor knows better.
   */
  default int shortestRevealingText() {
    return isEmpty() ? Integer.MAX_VALUE : 1;
  }

  /**
   * How many secrets this redactor has been given. The count only grows, so a search of text that
   * stays the same holds for as long as the count does.
   */
  default int secretsKnown() {
    return 0;
  }

  /**
   * Whether UTF-8 bytes {@code [0, length)}, the end of one record's string value followed by the
   * start of the next record's, hold a known secret ({@code ascii} when every byte is below 0x80);
   * each record passed alone, so a secret found crosses from one to the next. A sync's redactor
   * blows the SQL fuse when one does.
   */
  default boolean revealsSecretAcrossRecords(byte[] join, int length, boolean ascii) {
    return ascii
        ? revealsSecretInAscii(join, 0, length)
        : revealsSecret(new String(join, 0, length, StandardCharsets.UTF_8));
  }
}
