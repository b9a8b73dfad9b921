package airbytemcp.tools;

import airbytemcp.cloud.AirbyteCloud;
import airbytemcp.cloud.FakeAirbyte;
import airbytemcp.common.Json;
import airbytemcp.config.Settings;
import airbytemcp.secrets.Masker;
import airbytemcp.secrets.MaskerSeeds;
import airbytemcp.testing.FakeToolCall;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Cloud tools wired to a fake Airbyte, callable by name. */
final class CloudToolsHarness {
  final FakeAirbyte fake;
  final Settings settings;
  final Masker masker;
  final AirbyteCloud cloud;
  final Map<String, ToolDefinition> tools = new LinkedHashMap<>();

  CloudToolsHarness(FakeAirbyte fake, Map<String, String> env, Path dir) {
    this.fake = fake;
    this.settings = FakeAirbyte.settings(env, dir);
    this.masker = MaskerSeeds.fromSettings(settings);
    Services services = Services.create(settings, masker);
    this.cloud = fake.cloud(settings, masker);
    new CloudTools(services, cloud).definitions().forEach(t -> tools.put(t.name(), t));
  }

  ToolResult call(String tool, Map<String, Object> args) throws Exception {
    return call(tool, new FakeToolCall(args));
  }

  ToolResult call(String tool, FakeToolCall call) throws Exception {
    ToolDefinition definition = tools.get(tool);
    if (definition == null) {
      throw new AssertionError("No tool " + tool);
    }
    return definition.handler().call(call);
  }

  /** What the client would see: the result's text, or its data as JSON. */
  static String shown(ToolResult result) {
    return result.structured() != null ? Json.write(result.structured()) : result.text();
  }
}
