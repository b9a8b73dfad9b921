package airbytemcp.declarative;

import airbytemcp.common.Json;
import airbytemcp.protocol.AirbyteMessage;
import airbytemcp.protocol.MessageType;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A WireMock server standing in for a connector's API (every request the runtime sends goes to it),
 * the waits the runtime asked for, and helpers to run a shared manifest's connector against it.
 */
final class FakeApi implements BeforeEachCallback, AfterEachCallback {
  final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  final List<Duration> sleeps = new ArrayList<>();
  final Masker masker = new Masker();

  @Override
  public void beforeEach(ExtensionContext context) {
    server.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server.stop();
  }

  RuntimeOptions options() {
    return new RuntimeOptions(new OkHttpClient(), masker, u -> u, sleeps::add)
        .withBaseUrlOverride(server.baseUrl());
  }

  DeclarativeConnector connector(String sharedManifest) {
    return ManifestReads.fromShared(
        sharedManifest, DeclarativeConnector.of(SharedManifests.load(sharedManifest), options()));
  }

  static JsonNode catalog(String syncMode, String... streams) {
    ObjectNode catalog = Json.object();
    ArrayNode list = catalog.putArray("streams");
    for (String s : streams) {
      ObjectNode c = list.addObject();
      c.putObject("stream").put("name", s);
      c.put("sync_mode", syncMode).put("destination_sync_mode", "append");
    }
    return catalog;
  }

  /** What a read emitted. */
  static final class Output {
    final List<AirbyteMessage> messages = new ArrayList<>();

    List<JsonNode> records(String stream) {
      List<JsonNode> out = new ArrayList<>();
      for (AirbyteMessage m : messages) {
        if (m.type() == MessageType.RECORD && m.payload().path("stream").asText().equals(stream)) {
          out.add(m.payload().path("data"));
        }
      }
      return out;
    }

    List<JsonNode> states() {
      return messages.stream()
          .filter(m -> m.type() == MessageType.STATE)
          .map(m -> (JsonNode) m.payload())
          .toList();
    }

    JsonNode lastStreamState() {
      List<JsonNode> s = states();
      return s.get(s.size() - 1).path("stream").path("stream_state");
    }

    /** The last state message as a read takes it back. */
    JsonNode resumeState() {
      ArrayNode a = Json.array();
      a.add(states().get(states().size() - 1));
      return a;
    }

    List<JsonNode> ofType(MessageType type) {
      return messages.stream().filter(m -> m.type() == type).map(m -> (JsonNode) m.json()).toList();
    }
  }

  static Output read(DeclarativeConnector c, JsonNode config, JsonNode catalog, JsonNode state) {
    Output out = new Output();
    c.read(config, catalog, Optional.ofNullable(state), out.messages::add);
    ManifestReads.completed(c, out.ofType(MessageType.RECORD).size());
    return out;
  }
}
