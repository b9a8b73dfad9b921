package airbytemcp.declarative;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A manifest's static streams with ConditionalStreams entries unfolded: their streams are part of
 * the source while their {@code condition} over the config holds (a sandbox-only stream, a feature
 * the account switched on), and absent otherwise, as in the CDK.
 */
final class ConditionalStreams {
  private ConditionalStreams() {}

  static List<JsonNode> of(JsonNode streams, JsonNode config, Masker masker) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode given = config == null ? Json.object() : config;
    Scope scope = Scope.of(given).withSecretDecoys(SecretDecoys.of(given, masker));
    for (JsonNode entry : streams) {
      if ("ConditionalStreams".equals(entry.path("type").asText())) {
        if (new Tpl(entry).condition("condition", scope, false)) {
          entry.path("streams").forEach(out::add);
        }
      } else {
        out.add(entry);
      }
    }
    return out;
  }
}
