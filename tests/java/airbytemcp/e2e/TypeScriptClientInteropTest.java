package airbytemcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.testing.Jbang;
import airbytemcp.testing.Prerequisites;
import airbytemcp.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client nobody here wrote: the official MCP TypeScript SDK (tests/interop/smoke.mjs) against the JBang server. */
class TypeScriptClientInteropTest {
  @TempDir Path dir;

  @Test
  void theTypeScriptSdkClientListsAndCallsTools() throws Exception {
    Path interop = SharedData.projectRoot().resolve("tests/interop");
    Prerequisites.require(Files.isDirectory(interop.resolve("node_modules/@modelcontextprotocol/sdk")),
        "tests/interop/node_modules (make test runs npm ci there)");
    ProcessBuilder pb = new ProcessBuilder("node", interop.resolve("smoke.mjs").toString(), Jbang.command(), "--quiet",
        SharedData.projectRoot().resolve("AirbyteMcp.java").toString());
    pb.environment().put("AIRBYTE_LOCAL_REGISTRY", SharedData.registrySnapshot().toString());
    pb.environment().put("AIRBYTE_PROJECT_DIR", dir.resolve("project").toString());
    pb.redirectErrorStream(true);
    Process node = pb.start();
    node.getOutputStream().close();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(node.waitFor(3, TimeUnit.MINUTES), "the interop run finished");
    assertEquals(0, node.exitValue(), output);
    assertTrue(output.contains("interop ok: "), output);
  }
}
