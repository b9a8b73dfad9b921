package airbytemcp.protocol.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * SPEC: what config a connector takes ({@code connectionSpecification}, a JSON Schema) and what it
 * supports.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectorSpec(
    @JsonProperty("protocol_version") String protocolVersion,
    @JsonProperty("documentationUrl") String documentationUrl,
    @JsonProperty("changelogUrl") String changelogUrl,
    @JsonProperty("connectionSpecification") ObjectNode connectionSpecification,
    @JsonProperty("supportsIncremental") Boolean supportsIncremental,
    @JsonProperty("supported_destination_sync_modes") List<String> supportedDestinationSyncModes,
    @JsonProperty("advanced_auth") JsonNode advancedAuth) {}
