package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The CDK's KeyTransformation, a DpathFlattenFields' {@code key_transformation}: the flattened
 * object's keys get {@code prefix} before and {@code suffix} after them (both interpolated) before
 * they join the record.
 */
final class KeyTransformation {
  private KeyTransformation() {}

  /** {@code extracted} with its keys renamed, or itself when {@code def} is absent. */
  static ObjectNode apply(JsonNode def, ObjectNode extracted, Scope scope) {
    if (def == null || def.isNull()) {
      return extracted;
    }
    Tpl t = new Tpl(def);
    String prefix = t.text("prefix", scope);
    String suffix = t.text("suffix", scope);
    ObjectNode out = extracted.objectNode();
    extracted.fields().forEachRemaining(f -> out.set(prefix + f.getKey() + suffix, f.getValue()));
    return out;
  }
}
