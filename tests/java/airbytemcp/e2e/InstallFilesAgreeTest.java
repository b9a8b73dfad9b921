package airbytemcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.common.Version;
import airbytemcp.testing.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The three ways the server is built and run say the same thing: pom.xml (Maven, the release jar),
 * the //DEPS and //RUNTIME_OPTIONS of AirbyteMcp.java (a checkout run with JBang) and the catalog
 * alias (users).
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class InstallFilesAgreeTest {
  private static final Pattern POM_DEPENDENCY =
      Pattern.compile(
          "<dependency><groupId>([^<]+)</groupId><artifactId>([^<]+)</artifactId><version>([^<]+)</version>(<scope>([^<]+)</scope>)?");

  @Test
  void theAliasTheScriptAndThePomListTheSameRuntimeDependencies() throws IOException {
    List<String> pom = new ArrayList<>();
    Matcher m = POM_DEPENDENCY.matcher(read("pom.xml"));
    while (m.find()) {
      if (m.group(5) == null) {
        pom.add(m.group(1) + ":" + m.group(2) + ":" + m.group(3));
      }
    }
    List<String> script =
        read("AirbyteMcp.java")
            .lines()
            .filter(l -> l.startsWith("//DEPS "))
            .map(l -> l.substring("//DEPS ".length()).trim())
            .toList();
    List<String> alias = texts(alias().get("dependencies"));
    assertTrue(pom.size() > 5, "pom.xml's dependencies were not found: " + pom);
    assertEquals(
        pom, script, "AirbyteMcp.java's //DEPS differ from pom.xml's runtime dependencies");
    assertEquals(
        pom, alias, "the catalog alias's dependencies differ from pom.xml's runtime dependencies");
  }

  @Test
  void theAliasRunsTheJarOfThisVersionsRelease() throws IOException {
    Matcher pomVersion =
        Pattern.compile("<artifactId>airbyte-mcp</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(read("pom.xml"));
    assertTrue(pomVersion.find(), "pom.xml has no project version");
    assertEquals(
        Version.VERSION, pomVersion.group(1), "Version.VERSION and pom.xml's version differ");
    String v = Version.VERSION;
    assertEquals(
        "https://github.com/ORG/REPO/releases/download/v" + v + "/airbyte-mcp-" + v + ".jar",
        alias().get("script-ref").asText(),
        "the alias must name the release jar of this version");
    assertEquals("airbytemcp.server.Launcher", alias().get("main").asText());
  }

  @Test
  void theAliasAndTheScriptStartTheJvmWithTheSameOptions() throws IOException {
    String line =
        read("AirbyteMcp.java")
            .lines()
            .filter(l -> l.startsWith("//RUNTIME_OPTIONS "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("AirbyteMcp.java has no //RUNTIME_OPTIONS"));
    assertEquals(
        Arrays.asList(line.substring("//RUNTIME_OPTIONS ".length()).trim().split("\\s+")),
        texts(alias().get("runtime-options")),
        "the alias's runtime-options differ from //RUNTIME_OPTIONS");
    assertTrue(
        alias().path("cds").asBoolean(),
        "the alias keeps JBang's class-data sharing on (fast warm starts)");
  }

  private static JsonNode alias() throws IOException {
    return Json.parse(read("jbang-catalog.json")).path("aliases").path("airbyte-mcp");
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String read(String file) throws IOException {
    return Files.readString(SharedData.projectRoot().resolve(file));
  }
}
