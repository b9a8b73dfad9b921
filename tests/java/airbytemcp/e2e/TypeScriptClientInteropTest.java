package airbytemcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.testing.ChildProcess;
import airbytemcp.testing.Jbang;
import airbytemcp.testing.Prerequisites;
import airbytemcp.testing.SharedData;
import airbytemcp.testing.TestResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client nobody here wrote: the official MCP TypeScript SDK (tests/interop/smoke.mjs) against the
 * JBang server.
 */
// Longer than the default timeout: Node starts the server through JBang, which may compile it
// first.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TypeScriptClientInteropTest {
  @TempDir Path dir;

  @Test
  void theTypeScriptSdkClientListsAndCallsTools() throws Exception {
    Path interop = SharedData.projectRoot().resolve("tests/interop");
    Prerequisites.require(
        Files.isDirectory(interop.resolve("node_modules/@modelcontextprotocol/sdk")),
        "tests/interop/node_modules (make test runs npm ci there)");
    ProcessBuilder pb =
        new ProcessBuilder(
            "node",
            interop.resolve("smoke.mjs").toString(),
            Jbang.command(),
            "--quiet",
            SharedData.projectRoot().resolve("AirbyteMcp.java").toString());
    pb.environment().put("AIRBYTE_LOCAL_REGISTRY", TestResources.registry().toString());
    pb.environment().put("AIRBYTE_PROJECT_DIR", dir.resolve("project").toString());
    pb.redirectErrorStream(true);
    ChildProcess.Result node = ChildProcess.run(Duration.ofMinutes(3), pb);
    String output = node.stdout();
    assertFalse(node.timedOut(), "the interop run did not finish within 3 minutes: " + output);
    assertEquals(0, node.code(), output);
    assertTrue(output.contains("interop ok: "), output);
  }
}
