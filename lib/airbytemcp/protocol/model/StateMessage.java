package airbytemcp.protocol.model;

import airbytemcp.protocol.StreamDescriptor;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * STATE: a checkpoint. {@code STREAM} states carry one stream's state, {@code GLOBAL} a shared
 * state plus per-stream states, and {@code LEGACY} an opaque {@code data} blob for the whole
 * source.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record StateMessage(
    @JsonProperty("type") Type type,
    @JsonProperty("stream") StreamState stream,
    @JsonProperty("global") GlobalState global,
    @JsonProperty("data") JsonNode data,
    @JsonProperty("sourceStats") Stats sourceStats,
    @JsonProperty("destinationStats") Stats destinationStats) {

  public enum Type {
    GLOBAL,
    STREAM,
    LEGACY
  }

  /** A state with no type is a legacy one, as the protocol says. */
  public Type effectiveType() {
    return type == null ? Type.LEGACY : type;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record StreamState(
      @JsonProperty("stream_descriptor") StreamDescriptor streamDescriptor,
      @JsonProperty("stream_state") JsonNode streamState) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record GlobalState(
      @JsonProperty("shared_state") JsonNode sharedState,
      @JsonProperty("stream_states") List<StreamState> streamStates) {}

  /** How many records the state covers. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Stats(@JsonProperty("recordCount") Double recordCount) {}
}
