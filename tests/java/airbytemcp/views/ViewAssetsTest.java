package airbytemcp.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Version;
import airbytemcp.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The views' HTML, CSS and JS are real files in lib/airbytemcp/views/assets: every page is built
 * from them, and both builds ship them (Maven's resources, which the release jar packages, and the
 * //FILES of AirbyteMcp.java for JBang).
 */
class ViewAssetsTest {
  private static final Path ASSETS =
      SharedData.projectRoot().resolve("lib/airbytemcp/views/assets");

  @Test
  void everyViewRendersOneWholePageWithItsOwnStyleAndScript() throws IOException {
    for (UiView view : UiView.values()) {
      String html = view.html();
      String stem = view.uri().replaceAll("^.*/|\\.html$", "");
      assertTrue(
          html.startsWith("<!doctype html>"), view + " is not an HTML document: " + head(html));
      assertTrue(
          html.contains("<title>" + view.title() + "</title>"),
          view + " lacks its title: " + head(html));
      for (String asset :
          List.of(stem + ".css", stem + ".js", "view-base.css", "view-error-marker.js")) {
        assertTrue(
            html.contains(source(asset)), view + " does not carry assets/" + asset + " verbatim");
      }
      String runtime =
          source("view-runtime.js")
              .replace("@VERSION@", Version.VERSION)
              .replace("@PROTOCOL@", ViewPage.PROTOCOL_VERSION);
      assertTrue(
          html.contains(runtime),
          view + " does not carry the runtime with this server's and the protocol's versions");
      Matcher left = Pattern.compile("@[A-Z_]+@").matcher(html);
      assertFalse(left.find(), () -> view + " kept an unfilled placeholder " + left.group());
    }
  }

  @Test
  void theMavenBuildCopiesEveryAssetIntoTheClassesTheJarIsMadeOf() throws IOException {
    List<Path> files = assets();
    assertTrue(files.size() >= 9, "the view assets were not found in " + ASSETS + ": " + files);
    for (Path file : files) {
      String name = "airbytemcp/views/assets/" + file.getFileName();
      URL url = ViewAssetsTest.class.getClassLoader().getResource(name);
      assertNotNull(url, name + " is not on the classpath: pom.xml's <resources> miss it");
      // `make jar` packages target/classes, which is where Maven's resources phase put the asset
      assertTrue(
          url.toString().contains("/target/classes/" + name),
          name + " came from " + url + ", not from the build's classes");
      try (InputStream in = url.openStream()) {
        assertEquals(
            Files.readString(file),
            new String(in.readAllBytes(), StandardCharsets.UTF_8),
            name + " differs from its source file");
      }
    }
  }

  @Test
  void theJbangScriptShipsTheAssetsFolderAtTheSameClasspathPlace() throws IOException {
    List<String> files =
        Files.readString(SharedData.projectRoot().resolve("AirbyteMcp.java"))
            .lines()
            .filter(l -> l.startsWith("//FILES "))
            .map(l -> l.substring("//FILES ".length()).trim())
            .toList();
    assertEquals(
        List.of("airbytemcp/views/assets/=lib/airbytemcp/views/assets/*"),
        files,
        "AirbyteMcp.java must mount every file of lib/airbytemcp/views/assets where the code loads"
            + " it from ("
            + ViewPage.class.getPackageName()
            + "/"
            + ViewPage.ASSETS
            + ")");
    try (Stream<Path> nested = Files.list(ASSETS)) {
      assertTrue(
          nested.noneMatch(Files::isDirectory),
          "the //FILES glob takes only the folder's own files; keep assets/ flat");
    }
  }

  @Test
  void aMissingAssetIsReportedAsAPackagingBugNamingTheFile() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ViewPage.asset("no-such-view.js"));
    assertTrue(
        e.getMessage().contains("airbytemcp/views/assets/no-such-view.js"),
        "the error does not name the missing file: " + e.getMessage());
  }

  private static List<Path> assets() throws IOException {
    try (Stream<Path> files = Files.list(ASSETS)) {
      return files.sorted().toList();
    }
  }

  private static String source(String asset) throws IOException {
    return Files.readString(ASSETS.resolve(asset));
  }

  private static String head(String html) {
    return html.substring(0, Math.min(200, html.length()));
  }
}
