package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.testing.ToolHarness;
import airbytemcp.tools.ToolTrait;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool list fits in an agent's context: the bytes of the tools/list answer (JSON-RPC envelope
 * included, serialized by the SDK's own mapper) with every tool that is registered and offered
 * under the most permissive settings (stdio, trusted execution, every domain, not read-only).
 * Measures whatever tools the catalog holds.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ToolListSizeTest {
  /**
   * At most about 11k tokens of tool list for a client without the MCP Apps extension, a little
   * more with it. It was 40,000 and 45,000 bytes while 85 arguments shared by many tools went
   * undescribed (said once, in the server instructions); a few words on each cost about 3,700
   * bytes, paid so that a client that never shows the instructions leaves no argument a guess.
   */
  static final int PLAIN_CLIENT_LIMIT = 44_000;

  static final int UI_CLIENT_LIMIT = 48_500;

  @TempDir Path dir;

  private int bytes(boolean uiClient) throws IOException {
    ToolHarness harness = new ToolHarness(dir, Map.of(), null, null);
    ToolAdapter adapter = new ToolAdapter(harness.masker, new DeferredSchemaValidator());
    List<McpSchema.Tool> tools =
        AirbyteMcpServer.offeredTools(harness.services).stream()
            .filter(t -> uiClient || !t.has(ToolTrait.NEEDS_UI))
            .filter(
                t -> !t.has(ToolTrait.UNLISTED)) // older names answer calls but are never listed
            .map(t -> adapter.adapt(t).tool())
            .toList();
    for (McpSchema.Tool tool : tools) {
      assertNotNull(tool.title(), tool.name() + " has no title");
      assertFalse(tool.title().isBlank(), tool.name() + " has a blank title");
    }
    McpSchema.JSONRPCResponse answer =
        new McpSchema.JSONRPCResponse(
            McpSchema.JSONRPC_VERSION, 2, new McpSchema.ListToolsResult(tools, null), null);
    int size =
        McpJsonDefaults.getMapper()
            .writeValueAsString(answer)
            .getBytes(StandardCharsets.UTF_8)
            .length;
    System.err.println(
        "tools/list ("
            + (uiClient ? "UI" : "plain")
            + " client): "
            + tools.size()
            + " tools, "
            + size
            + " bytes");
    return size;
  }

  @Test
  void thePlainClientsToolListStaysSmallWithATitleOnEveryTool() throws IOException {
    int size = bytes(false);
    assertTrue(
        size <= PLAIN_CLIENT_LIMIT,
        "tools/list is " + size + " bytes; the limit is " + PLAIN_CLIENT_LIMIT);
  }

  @Test
  void theUiClientsToolListStaysSmall() throws IOException {
    int size = bytes(true);
    assertTrue(
        size <= UI_CLIENT_LIMIT,
        "tools/list is " + size + " bytes; the limit is " + UI_CLIENT_LIMIT);
  }

  /**
   * Not every client shows the server instructions to its model, so an argument without a
   * description leaves the model guessing.
   */
  @Test
  @Timeout(value = 1, unit = TimeUnit.MINUTES)
  void everyArgumentOfEveryListedToolHasADescription() {
    ToolHarness harness = new ToolHarness(dir, Map.of(), null, null);
    ToolAdapter adapter = new ToolAdapter(harness.masker, new DeferredSchemaValidator());
    List<String> undescribed = new ArrayList<>();
    for (var definition : AirbyteMcpServer.offeredTools(harness.services)) {
      McpSchema.Tool tool = adapter.adapt(definition).tool();
      Object properties = tool.inputSchema().get("properties");
      (properties instanceof Map<?, ?> map ? map : Map.of())
          .forEach(
              (name, schema) -> {
                Object description = ((Map<?, ?>) schema).get("description");
                if (!(description instanceof String text) || text.isBlank()) {
                  undescribed.add(tool.name() + "." + name);
                }
              });
    }
    assertEquals(List.of(), undescribed, "arguments without a description");
  }

  @Test
  void descriptionsStillSayWhenToPickEachWayOfReadingData() throws IOException {
    ToolHarness harness = new ToolHarness(dir, Map.of(), null, null);
    String records = harness.tool("read_source_stream_records").description();
    String sync = harness.tool("sync_source_to_cache").description();
    assertTrue(
        records.contains("get_stream_previews") && records.contains("sync_source_to_cache"),
        records);
    assertTrue(sync.contains("run_sql_query"), sync);
    assertTrue(
        harness.tool("get_stream_previews").description().contains("several streams"),
        "expected "
            + "several streams"
            + " in harness.tool(\"get_stream_previews\").description()");
  }
}
