package airbytemcp.destinations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.common.UserError;
import airbytemcp.connectors.ConnectorRequest;
import airbytemcp.connectors.HostTools;
import airbytemcp.secrets.ConfigInput;
import airbytemcp.testing.TestResolvers;
import airbytemcp.testing.ToolHarness;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke test service on its own (no tool in between), driving a destination program on the
 * PATH: it picks the scenarios, checks the config, resolves the destination and runs the test.
 */
@Timeout(120)
class SmokeTestServiceTest {
  @TempDir Path workDir;
  private ToolHarness harness;
  private Path ranMarker;

  @BeforeEach
  void destinationThatCommitsEverything() throws Exception {
    Path bin = Files.createDirectories(workDir.resolve("bin"));
    ranMarker = workDir.resolve("destination-ran");
    Path program = bin.resolve("destination-echo");
    Files.writeString(
        program,
        "#!/bin/sh\ncase \"$1\" in\n"
            + "  spec) echo '{\"type\":\"SPEC\",\"spec\":{\"connectionSpecification\":{\"type\":\"object\"}}}' ;;\n"
            + "  write) touch '"
            + ranMarker
            + "'; grep '\"type\":\"STATE\"' || true ;;\n"
            + "esac\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    harness =
        new ToolHarness(
            workDir, Map.of(), HostTools.ofPath(bin + ":/usr/bin:/bin"), TestResolvers.NO_DOCKER);
  }

  @AfterEach
  void tearDown() {
    harness.services.cache().close();
  }

  private static SmokeTestService.Order order(
      Map<String, Object> config, List<String> scenarios, List<Object> custom) {
    List<JsonNode> customNodes = new ArrayList<>();
    custom.forEach(c -> customNodes.add(Json.toTree(c)));
    return new SmokeTestService.Order(
        ConnectorRequest.of("destination-echo"),
        new ConfigInput(Optional.<Object>of(config), Optional.empty(), Optional.empty()),
        scenarios,
        customNodes,
        Optional.of("svc"),
        Optional.empty(),
        true);
  }

  @Test
  void sendsTheChosenAndTheCustomScenariosAndReportsEachStep() {
    List<String> steps = new ArrayList<>();
    SmokeTestResult result =
        harness
            .services
            .smokeTests()
            .run(
                order(
                    Map.of("host", "localhost"),
                    List.of("basic_types"),
                    List.of(
                        Map.of(
                            "name",
                            "my_stream",
                            "json_schema",
                            Map.of("type", "object"),
                            "records",
                            List.of(Map.of("id", 1))))),
                steps::add);
    assertTrue(result.success(), "the destination committed everything: " + result.error());
    assertEquals("basic_types", result.scenariosRequested(), "the names asked for, as given");
    assertTrue(
        result.namespace().matches("zz_deleteme_\\d{8}_\\d{4}_svc"),
        "a new namespace with the suffix: " + result.namespace());
    assertFalse(steps.isEmpty(), "the listener hears the steps");
  }

  @Test
  void aDestinationPathOutsideTheAllowedPlacesIsRefusedBeforeTheDestinationRuns() {
    UserError refused =
        assertThrows(
            UserError.class,
            () ->
                harness
                    .services
                    .smokeTests()
                    .run(
                        order(Map.of("destination_path", "/etc/out.duckdb"), List.of(), List.of()),
                        message -> {}));
    assertTrue(
        refused.getMessage().contains("destination_path"),
        "the refusal names the argument: " + refused.getMessage());
    assertFalse(Files.exists(ranMarker), "the destination must not run with a refused config");
  }
}
