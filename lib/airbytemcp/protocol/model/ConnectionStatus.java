package airbytemcp.protocol.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** CONNECTION_STATUS: the answer to {@code check}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectionStatus(
    @JsonProperty("status") Status status, @JsonProperty("message") String message) {
  public enum Status {
    SUCCEEDED,
    FAILED
  }

  public boolean succeeded() {
    return status == Status.SUCCEEDED;
  }
}
