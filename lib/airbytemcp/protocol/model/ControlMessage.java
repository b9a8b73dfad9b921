package airbytemcp.protocol.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * CONTROL: the connector asks the platform to persist something, so far only an updated config (a
 * refreshed OAuth token). The config holds secrets: never show it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ControlMessage(
    @JsonProperty("type") String type,
    @JsonProperty("emitted_at") double emittedAt,
    @JsonProperty("connectorConfig") ConnectorConfig connectorConfig) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ConnectorConfig(@JsonProperty("config") ObjectNode config) {}
}
