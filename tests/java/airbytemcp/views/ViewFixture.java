package airbytemcp.views;

import airbytemcp.cloud.ApiConformance;
import airbytemcp.cloud.FakeAirbyte;
import airbytemcp.testing.McpServerProcess;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server as a separate process, driven by the MCP Java SDK client, against the fake Airbyte
 * with the {@link ViewScenario} workspace and the project's registry fixture (or the registry the
 * caller names). The client may declare the UI extension.
 */
public final class ViewFixture implements AutoCloseable {
  public static final String UI_EXTENSION = "io.modelcontextprotocol/ui";

  public final FakeAirbyte fake;
  public final McpServerProcess server;

  private ViewFixture(FakeAirbyte fake, McpServerProcess server) {
    this.fake = fake;
    this.server = server;
  }

  public static ViewFixture start(Path dir, boolean declaresUi) {
    return start(dir, declaresUi, Map.of());
  }

  /** With extra environment for the server, e.g. another registry file. */
  public static ViewFixture start(Path dir, boolean declaresUi, Map<String, String> extraEnv) {
    FakeAirbyte fake = ViewScenario.install(new FakeAirbyte());
    McpSchema.ClientCapabilities capabilities =
        declaresUi
            ? McpSchema.ClientCapabilities.builder()
                .extensions(
                    Map.of(UI_EXTENSION, Map.of("mimeTypes", List.of("text/html;profile=mcp-app"))))
                .build()
            : McpSchema.ClientCapabilities.builder().build();
    Map<String, String> env = new HashMap<>(fake.env(dir));
    env.putAll(extraEnv);
    McpServerProcess server = McpServerProcess.fromClasspath(env, dir, capabilities);
    server.client.initialize();
    return new ViewFixture(fake, server);
  }

  public McpSchema.CallToolResult call(String tool, Map<String, Object> args) {
    return server.client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(args).build());
  }

  public String text(McpSchema.CallToolResult result) {
    return result.content().stream()
        .filter(c -> c instanceof McpSchema.TextContent)
        .map(c -> ((McpSchema.TextContent) c).text())
        .reduce("", String::concat);
  }

  /** A result as the host hands it to the view: the JSON of the MCP CallToolResult. */
  public static String json(McpSchema.CallToolResult result) throws IOException {
    return McpJsonDefaults.getMapper().writeValueAsString(result);
  }

  public McpSchema.TextResourceContents resource(String uri) {
    McpSchema.ReadResourceResult read =
        server.client.readResource(new McpSchema.ReadResourceRequest(uri));
    return (McpSchema.TextResourceContents) read.contents().get(0);
  }

  @Override
  public void close() {
    try {
      server.close();
      ApiConformance.assertAllConform(fake.server);
    } finally {
      fake.close();
    }
  }
}
