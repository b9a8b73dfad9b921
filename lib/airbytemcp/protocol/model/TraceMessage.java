package airbytemcp.protocol.model;

import airbytemcp.protocol.StreamDescriptor;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * TRACE: what the connector says about itself: an error, an estimate of what is to come, a stream's
 * status.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TraceMessage(
    @JsonProperty("type") Type type,
    @JsonProperty("emitted_at") double emittedAt,
    @JsonProperty("error") Error error,
    @JsonProperty("estimate") Estimate estimate,
    @JsonProperty("stream_status") StreamStatus streamStatus,
    @JsonProperty("analytics") JsonNode analytics) {

  public enum Type {
    ERROR,
    ESTIMATE,
    STREAM_STATUS,
    ANALYTICS
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Error(
      @JsonProperty("message") String message,
      @JsonProperty("internal_message") String internalMessage,
      @JsonProperty("stack_trace") String stackTrace,
      @JsonProperty("failure_type") String failureType,
      @JsonProperty("stream_descriptor") StreamDescriptor streamDescriptor) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Estimate(
      @JsonProperty("name") String name,
      @JsonProperty("namespace") String namespace,
      @JsonProperty("type") String type,
      @JsonProperty("row_estimate") Long rowEstimate,
      @JsonProperty("byte_estimate") Long byteEstimate) {}

  /**
   * {@code STARTED}, {@code RUNNING}, {@code COMPLETE} or {@code INCOMPLETE}, with reasons (e.g.
   * rate limited).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record StreamStatus(
      @JsonProperty("stream_descriptor") StreamDescriptor streamDescriptor,
      @JsonProperty("status") String status,
      @JsonProperty("reasons") List<JsonNode> reasons) {}
}
