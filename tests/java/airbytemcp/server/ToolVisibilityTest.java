package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.config.Domain;
import airbytemcp.config.SettingsLoader;
import airbytemcp.testing.TestSettings;
import airbytemcp.tools.InputSchema;
import airbytemcp.tools.ToolDefinition;
import airbytemcp.tools.ToolHints;
import airbytemcp.tools.ToolResult;
import airbytemcp.tools.ToolTrait;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolVisibilityTest {
  @TempDir Path dir;

  private static ToolDefinition tool(Domain domain, ToolHints hints, ToolTrait... traits) {
    return new ToolDefinition(
        "t",
        domain,
        "A tool.",
        InputSchema.builder().build(),
        null,
        hints,
        Set.of(traits),
        call -> ToolResult.text("ok"));
  }

  @Test
  void readOnlyModeHidesToolsThatChangeCloudObjectsOnly() {
    ToolVisibility v =
        new ToolVisibility(TestSettings.in(dir).env(SettingsLoader.READONLY_MODE, "1").load());
    assertEquals(
        "read-only mode",
        v.reasonHidden(
                tool(
                    Domain.CLOUD,
                    ToolHints.writes().destructive().openWorld().build(),
                    ToolTrait.CHANGES_CLOUD))
            .orElseThrow());
    assertTrue(
        v.offered(tool(Domain.CLOUD, ToolHints.writes().openWorld().build())),
        "running a sync stays");
    assertTrue(v.offered(tool(Domain.CLOUD, ToolHints.OPEN_WORLD_READ)));
    assertTrue(
        v.offered(tool(Domain.LOCAL, ToolHints.writes().build(), ToolTrait.RUNS_ON_SERVER_MACHINE)),
        "local tools are not affected");
  }

  @Test
  void withoutTrustedExecutionToolsThatRunOnTheServerMachineAreHidden() {
    ToolVisibility v =
        new ToolVisibility(TestSettings.in(dir).env(SettingsLoader.TRUSTED_EXECUTION, "0").load());
    assertFalse(
        v.offered(tool(Domain.LOCAL, ToolHints.LOCAL_READ, ToolTrait.RUNS_ON_SERVER_MACHINE)));
    assertTrue(v.offered(tool(Domain.REGISTRY, ToolHints.LOCAL_READ)));
  }

  @Test
  void disabledDomainsHideTheirTools() {
    ToolVisibility v =
        new ToolVisibility(
            TestSettings.in(dir).env(SettingsLoader.DOMAINS_DISABLED, "registry").load());
    assertEquals(
        "domain 'registry' is disabled",
        v.reasonHidden(tool(Domain.REGISTRY, ToolHints.LOCAL_READ)).orElseThrow());
    assertTrue(v.offered(tool(Domain.LOCAL, ToolHints.LOCAL_READ)));
  }
}
