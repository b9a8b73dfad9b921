package airbytemcp.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layers of docs/ARCHITECTURE.md, checked on the sources: a package may use packages of
 * lower layers only, and the MCP SDK stays in {@code server} and {@code tools}. Imports and names
 * written inline both count.
 */
class PackageDependenciesTest {
  /** Layer of each package, lowest first; keep in step with docs/ARCHITECTURE.md. */
  static final Map<String, Integer> LAYERS =
      Map.ofEntries(
          Map.entry("common", 0),
          Map.entry("network", 0),
          Map.entry("config", 1),
          Map.entry("secrets", 2),
          Map.entry("protocol", 2),
          Map.entry("registry", 2),
          Map.entry("connectors", 3),
          Map.entry("declarative", 4),
          Map.entry("cache", 4),
          Map.entry("destinations", 5),
          Map.entry("cloud", 5),
          Map.entry("sync", 5),
          Map.entry("views", 6),
          Map.entry("tools", 7),
          Map.entry("server", 8));

  static final Set<String> MCP_SDK_USERS = Set.of("server", "tools");

  /**
   * Packages a package must not use although they sit below it: the cache is DuckDB's side of a
   * sync only; running connectors, the registry and secrets belong to {@code sync}, which composes
   * them (the cache masks with the {@code common.Redactor} it is given).
   */
  static final Map<String, Set<String>> KEPT_APART =
      Map.of("cache", Set.of("connectors", "registry", "secrets"));

  private static final Pattern PROJECT_NAME = Pattern.compile("\\bairbytemcp\\.([a-z]+)\\.");
  private static final Pattern MCP_SDK = Pattern.compile("\\bio\\.modelcontextprotocol\\.");

  record Source(String pkg, Path file, String text) {}

  static List<Source> sources() throws IOException {
    Path lib = SharedData.projectRoot().resolve("lib/airbytemcp");
    List<Source> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(lib)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg = lib.relativize(file).getName(0).toString();
        out.add(
            new Source(
                pkg,
                lib.relativize(file),
                withoutComments(Files.readString(file, StandardCharsets.UTF_8))));
      }
    }
    return out;
  }

  /** Comments may name any package; only code counts. */
  static String withoutComments(String java) {
    return java.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
  }

  @Test
  void everyPackageHasALayer() throws IOException {
    Set<String> unknown = new TreeSet<>();
    for (Source s : sources()) {
      if (!LAYERS.containsKey(s.pkg())) {
        unknown.add(s.pkg());
      }
    }
    assertTrue(
        unknown.isEmpty(),
        "packages without a layer (add them to docs/ARCHITECTURE.md and LAYERS): " + unknown);
  }

  @Test
  void packagesUseOnlyLowerLayers() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Source s : sources()) {
      Integer own = LAYERS.get(s.pkg());
      Matcher m = PROJECT_NAME.matcher(s.text());
      Set<String> used = new TreeSet<>();
      while (m.find()) {
        used.add(m.group(1));
      }
      for (String target : used) {
        Integer layer = LAYERS.get(target);
        if (own != null && layer != null && !target.equals(s.pkg()) && layer >= own) {
          violations.add(
              s.file()
                  + " ("
                  + s.pkg()
                  + ", layer "
                  + own
                  + ") uses "
                  + target
                  + " (layer "
                  + layer
                  + ")");
        }
      }
    }
    assertEquals(
        List.of(), violations, "imports must point down the layers of docs/ARCHITECTURE.md");
  }

  @Test
  void packagesKeepApartFromWhatTheyMustNotKnow() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Source s : sources()) {
      Set<String> banned = KEPT_APART.getOrDefault(s.pkg(), Set.of());
      for (String target : projectPackagesUsedBy(s.text())) {
        if (banned.contains(target)) {
          violations.add(s.file() + " (" + s.pkg() + ") uses " + target);
        }
      }
    }
    assertEquals(
        List.of(),
        violations,
        "cache keeps to DuckDB; connectors, registry and secrets are composed in sync/");
  }

  @Test
  void theKeptApartCheckSeesTheCacheImportingAConnector() {
    String sample =
        withoutComments(
            "package airbytemcp.cache;\nimport airbytemcp.connectors.Connector;\n"
                + "class X { airbytemcp.secrets.Masker m; }\n");
    Set<String> used = projectPackagesUsedBy(sample);
    assertTrue(
        used.containsAll(Set.of("connectors", "secrets")),
        "imports and inline names both count: " + used);
    assertTrue(
        KEPT_APART.get("cache").containsAll(Set.of("connectors", "registry", "secrets")),
        "the cache must stay apart from connectors, registry and secrets");
  }

  static Set<String> projectPackagesUsedBy(String code) {
    Matcher m = PROJECT_NAME.matcher(code);
    Set<String> used = new TreeSet<>();
    while (m.find()) {
      used.add(m.group(1));
    }
    return used;
  }

  @Test
  void onlyServerAndToolsSeeTheMcpSdk() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Source s : sources()) {
      if (!MCP_SDK_USERS.contains(s.pkg()) && MCP_SDK.matcher(s.text()).find()) {
        violations.add(s.file().toString());
      }
    }
    assertEquals(List.of(), violations, "the MCP SDK belongs to server/ and tools/ only");
  }

  @Test
  void theCheckCatchesAnUpwardImport() {
    String sample =
        withoutComments(
            "package airbytemcp.cache;\n// airbytemcp.tools.X in a comment is fine\n"
                + "import airbytemcp.tools.ToolCall;\n");
    Matcher m = PROJECT_NAME.matcher(sample);
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    assertEquals(List.of("tools"), found, "the scanner must see imports and ignore comments");
    assertTrue(LAYERS.get("tools") > LAYERS.get("cache"), "tools must sit above cache");
  }
}
