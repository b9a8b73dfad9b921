package airbytemcp.secrets;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One input a config was merged from: a file (its path), the object given inline, or a whole-config
 * secret (its name).
 */
record ConfigPart(Kind kind, String where, ObjectNode content) {
  enum Kind {
    FILE,
    INLINE,
    SECRET
  }
}
