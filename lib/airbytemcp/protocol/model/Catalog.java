package airbytemcp.protocol.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** CATALOG: the streams a source offers, the answer to {@code discover}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Catalog(@JsonProperty("streams") List<Stream> streams) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Stream(
      @JsonProperty("name") String name,
      @JsonProperty("json_schema") ObjectNode jsonSchema,
      @JsonProperty("supported_sync_modes") List<String> supportedSyncModes,
      @JsonProperty("source_defined_cursor") Boolean sourceDefinedCursor,
      @JsonProperty("default_cursor_field") List<String> defaultCursorField,
      @JsonProperty("source_defined_primary_key") List<List<String>> sourceDefinedPrimaryKey,
      @JsonProperty("namespace") String namespace,
      @JsonProperty("is_resumable") Boolean isResumable) {}
}
