package airbytemcp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.connectors.HostTools;
import airbytemcp.testing.TestResolvers;
import airbytemcp.testing.ToolHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** destination_smoke_test driving destination programs on the PATH through the local executor. */
class DestinationSmokeTestToolTest {
  @TempDir Path workDir;
  private ToolHarness harness;

  /**
   * Puts a program named {@code name} on a PATH of its own; {@code onWrite} is its shell body for
   * write.
   */
  private void destinationProgram(String name, String onWrite) throws Exception {
    Path bin = Files.createDirectories(workDir.resolve("bin"));
    Path program = bin.resolve(name);
    Files.writeString(
        program,
        "#!/bin/sh\ncase \"$1\" in\n"
            + "  spec) echo '{\"type\":\"SPEC\",\"spec\":{\"connectionSpecification\":{\"type\":\"object\"}}}' ;;\n"
            + "  write) "
            + onWrite
            + " ;;\n"
            + "esac\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    harness =
        new ToolHarness(
            workDir, Map.of(), HostTools.ofPath(bin + ":/usr/bin:/bin"), TestResolvers.NO_DOCKER);
  }

  @AfterEach
  void tearDown() {
    if (harness != null) {
      harness.services.cache().close();
    }
  }

  private Map<String, Object> smokeTest(String destination, Map<String, Object> extra)
      throws Exception {
    Map<String, Object> args =
        new HashMap<>(
            Map.of(
                "destination_connector_name", destination, "config", Map.of("host", "localhost")));
    args.putAll(extra);
    return harness.call("destination_smoke_test", args).structured();
  }

  @Test
  void aDestinationThatCommitsEveryStreamPasses() throws Exception {
    // echoes each state it reads: it has committed the records before it
    destinationProgram("destination-echo", "grep '\"type\":\"STATE\"' || true");
    Map<String, Object> result =
        smokeTest(
            "destination-echo",
            Map.of("scenarios", "basic_types,null_handling", "namespace_suffix", "ci"));
    assertEquals(true, result.get("success"), String.valueOf(result.get("error")));
    assertEquals(true, result.get("preflight_passed"));
    assertEquals(6L, result.get("records_delivered"));
    assertEquals("basic_types,null_handling", result.get("scenarios_requested"));
    assertTrue(
        ((String) result.get("namespace")).matches("zz_deleteme_\\d{8}_\\d{4}_ci"),
        (String) result.get("namespace"));
    assertNull(result.get("table_statistics"));
    assertEquals(2, harness.progress.size());
  }

  @Test
  void aDestinationThatFailsIsReportedWithItsErrorAndAFailedPreflight() throws Exception {
    destinationProgram("destination-broken", "cat > /dev/null; echo 'disk full' >&2; exit 3");
    Map<String, Object> result = smokeTest("destination-broken", Map.of());
    assertEquals(false, result.get("success"));
    assertEquals(false, result.get("preflight_passed"));
    assertTrue(((String) result.get("error")).contains("disk full"), (String) result.get("error"));
  }

  @Test
  void aKeysEndsTheDestinationShowsInItsErrorAreHiddenAsInAnyMessage() throws Exception {
    destinationProgram(
        "destination-refusing",
        "cat > /dev/null; echo 'Invalid API key: sk_live_51HxQzRt...9f2A' >&2; exit 3");
    harness.masker.registerUserValue("an-unrelated-secret-7Qm2");
    Map<String, Object> result = smokeTest("destination-refusing", Map.of());
    String error = (String) result.get("error");
    assertTrue(error.contains("Invalid API key"), "the destination's words are kept: " + error);
    assertFalse(
        error.contains("sk_live_51Hx") || error.contains("9f2A"),
        "the key's ends were shown in the structured error: " + error);
  }

  @Test
  void reusesTheGivenNamespace() throws Exception {
    destinationProgram("destination-echo", "grep '\"type\":\"STATE\"' || true");
    Map<String, Object> result =
        smokeTest(
            "destination-echo",
            Map.of(
                "scenarios",
                "empty_stream",
                "reuse_namespace",
                "zz_deleteme_earlier",
                "skip_preflight",
                true));
    assertEquals("zz_deleteme_earlier", result.get("namespace"));
    assertNull(result.get("preflight_passed"));
    assertEquals(true, result.get("success"));
  }
}
