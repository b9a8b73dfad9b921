package airbytemcp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A stream's name and optional namespace, as the protocol identifies streams (no namespace: field
 * left out).
 */
@JsonInclude(Include.NON_NULL)
public record StreamDescriptor(String name, String namespace) {
  public static StreamDescriptor of(JsonNode descriptor) {
    JsonNode namespace = descriptor.path("namespace");
    return new StreamDescriptor(
        descriptor.path("name").asText(),
        namespace.isMissingNode() || namespace.isNull() ? null : namespace.asText());
  }
}
