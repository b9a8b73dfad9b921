package airbytemcp.protocol.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * RECORD: one row of a stream. {@code meta} carries changes the source made to the row (e.g.
 * truncations).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordMessage(
    @JsonProperty("stream") String stream,
    @JsonProperty("namespace") String namespace,
    @JsonProperty("data") ObjectNode data,
    @JsonProperty("emitted_at") long emittedAt,
    @JsonProperty("meta") JsonNode meta) {}
