package airbytemcp.protocol.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** LOG: a line of the connector's log. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogMessage(
    @JsonProperty("level") Level level,
    @JsonProperty("message") String message,
    @JsonProperty("stack_trace") String stackTrace) {

  public enum Level {
    FATAL,
    ERROR,
    WARN,
    INFO,
    DEBUG,
    TRACE
  }
}
