package airbytemcp.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.testing.HeadlessChromium;
import airbytemcp.testing.SharedData;
import airbytemcp.testing.TestResources;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The views as a user sees them: each view page, as the server serves it, opened in headless
 * Chromium with the real tool result handed over through the MCP Apps handshake. The DOM must show
 * the expected rows with no script error, and the screenshot must show the status colours.
 * Screenshots land in target/screenshots ({@code -Dairbytemcp.updateScreenshots=true} also
 * refreshes docs/screenshots for the README).
 */
class ViewsInChromiumTest {
  private static final int OK_GREEN = 0x1a7f37;
  private static final int BAD_RED = 0xcf222e;
  private static final int RUN_BLUE = 0x0969da;
  private static final int ACCENT = 0x615eff;

  @TempDir static Path dir;
  static HeadlessChromium chromium;
  static ViewFixture fixture;

  /** The project's registry fixture: the certified destinations the connector list must show. */
  static Set<String> certifiedDestinations;

  @BeforeAll
  static void start() throws Exception {
    chromium = HeadlessChromium.require(dir);
    fixture = ViewFixture.start(dir, true);
    certifiedDestinations = new TreeSet<>();
    for (JsonNode entry :
        Json.parse(Files.readString(TestResources.registry())).path("destinations")) {
      if ("certified".equals(entry.path("supportLevel").asText())) {
        certifiedDestinations.add(entry.path("dockerRepository").asText().replace("airbyte/", ""));
      }
    }
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private static String page(UiView view) {
    return fixture.resource(view.uri()).text();
  }

  /**
   * Opens the view with this result; returns the DOM after the scripts ran, checked for a clean
   * handshake.
   */
  private static String render(UiView view, String name, String resultJson) throws Exception {
    Path harness = HostHarness.write(dir, name, page(view), resultJson);
    String dom = withoutScripts(chromium.dumpDom(harness, 1100, 900));
    assertFalse(
        dom.contains("data-script-error"),
        () -> "script error in " + name + ": " + attribute(dom, "data-script-error"));
    assertEquals(
        "true",
        attribute(dom, "data-host-initialized"),
        "the view completed the MCP Apps handshake");
    assertEquals(ViewPage.PROTOCOL_VERSION, attribute(dom, "data-host-initialize"));
    return dom;
  }

  /**
   * The DOM without script elements, whose source (the harness holds the result) is not what the
   * user sees.
   */
  private static String withoutScripts(String dom) {
    return dom.replaceAll("(?s)<script>.*?</script>", "");
  }

  private static String attribute(String dom, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
    return m.find() ? m.group(1) : null;
  }

  private static int count(String dom, String text) {
    return dom.split(Pattern.quote(text), -1).length - 1;
  }

  private static BufferedImage screenshot(String name, UiView view, String resultJson, int height)
      throws Exception {
    Path harness = HostHarness.write(dir, name + "-shot", page(view), resultJson);
    Path shots = Files.createDirectories(SharedData.projectRoot().resolve("target/screenshots"));
    Path png = shots.resolve(name + ".png");
    chromium.screenshot(harness, png, 1100, height);
    if (Boolean.getBoolean("airbytemcp.updateScreenshots")) {
      Path docs = Files.createDirectories(SharedData.projectRoot().resolve("docs/screenshots"));
      Files.copy(png, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
    return ImageIO.read(png.toFile());
  }

  private static int pixels(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void connectorListShowsOneRowPerConnectorWithTheirSupportBadges() throws Exception {
    String result =
        ViewFixture.json(
            fixture.call(
                "show_connectors_list",
                Map.of("connector_type", "destination", "certified", true)));
    String dom = render(UiView.CONNECTORS_LIST, "connectors-list", result);
    assertEquals("rendered", attribute(dom, "data-state"));
    int rows = count(dom, "data-connector=\"");
    assertEquals(
        certifiedDestinations.size(), rows, "one row per certified destination of the registry");
    assertTrue(dom.contains("Showing " + rows + " of " + rows), "the row counter matches the rows");
    for (String name : certifiedDestinations) {
      assertTrue(
          dom.contains("data-connector=\"" + name + "\""), name + " is a certified destination");
    }
    assertEquals(
        rows, count(dom, ">Airbyte</span>"), "every row carries the Airbyte support badge");

    BufferedImage shot = screenshot("connectors-list", UiView.CONNECTORS_LIST, result, 1250);
    assertTrue(pixels(shot, ACCENT) > 200, "the support badges are drawn");
  }

  @Test
  void syncHistoryDrawsThreeChartsAndTheJobTable() throws Exception {
    String result =
        ViewFixture.json(
            fixture.call(
                "show_connection_sync_history", Map.of("connection_id", ViewScenario.HEALTHY)));
    String dom = render(UiView.SYNC_HISTORY, "sync-history", result);
    assertEquals("rendered", attribute(dom, "data-state"));
    assertEquals(ViewScenario.HEALTHY_JOBS, count(dom, "<tr data-job=\""), "one table row per job");
    assertEquals(
        3 * ViewScenario.HEALTHY_JOBS,
        count(dom, "<rect "),
        "one bar per job in each of the three charts");
    assertEquals(
        3 * 2, count(dom, "class=\"bar bad\""), "the two failed jobs are red in every chart");
    assertTrue(dom.contains("78,000"), "total records");
    assertTrue(dom.contains("75%"), "success rate");

    BufferedImage shot = screenshot("sync-history", UiView.SYNC_HISTORY, result, 920);
    assertTrue(pixels(shot, OK_GREEN) > 500, "succeeded bars are drawn");
    assertTrue(pixels(shot, BAD_RED) > 100, "failed bars are drawn");
  }

  @Test
  void workspaceBoardPutsConnectionsThatNeedAttentionFirst() throws Exception {
    String result = ViewFixture.json(fixture.call("show_workspace_sync_status", Map.of()));
    String dom = render(UiView.WORKSPACE_STATUS, "workspace-status", result);
    assertEquals("rendered", attribute(dom, "data-state"));
    assertEquals(4, count(dom, "<tr data-connection=\""));
    assertEquals(1, count(dom, "class=\"problem\""));
    int failing = dom.indexOf(ViewScenario.FAILING);
    int running = dom.indexOf(ViewScenario.RUNNING);
    int healthy = dom.indexOf(ViewScenario.HEALTHY);
    assertTrue(
        failing < running && running < healthy, "problems first, then running, then the rest");
    assertTrue(dom.contains("job " + ViewScenario.RUNNING_JOB), "the running job is shown");
    assertTrue(dom.contains("Stripe \u2192 Data lake"), "source and destination");

    BufferedImage shot = screenshot("workspace-status", UiView.WORKSPACE_STATUS, result, 460);
    assertTrue(pixels(shot, BAD_RED) > 100, "the failed status is drawn");
    assertTrue(pixels(shot, RUN_BLUE) > 100, "the running job is drawn");
  }

  @Test
  void rendersInASandboxedFrameAsHostsShowIt() throws Exception {
    String result = ViewFixture.json(fixture.call("show_workspace_sync_status", Map.of()));
    Path host = HostHarness.writeFramed(dir, "framed", page(UiView.WORKSPACE_STATUS), result);
    String dom = withoutScripts(chromium.dumpDom(host, 1100, 700));
    assertEquals(
        "true", attribute(dom, "data-host-initialized"), "the framed view completed the handshake");
    String size = attribute(dom, "data-host-size");
    assertTrue(
        size != null && Integer.parseInt(size.split("x")[1]) > 300,
        "the view asked for room for its board: " + size);
    Path png = dir.resolve("framed.png");
    chromium.screenshot(host, png, 1100, 700);
    BufferedImage shot = ImageIO.read(png.toFile());
    assertTrue(
        pixels(shot, BAD_RED) > 100 && pixels(shot, RUN_BLUE) > 100,
        "the board is drawn inside the frame");
  }

  @Test
  void showsDataAsTextNeverAsMarkup() throws Exception {
    String hostile =
        "<img src=x onerror=\\\"document.title='owned'\\\"><script>document.title='owned'</script>";
    String result =
        "{\"content\":[{\"type\":\"text\",\"text\":\"x\"}],\"isError\":false,\"structuredContent\":"
            + "{\"connector_count\":1,\"source_count\":1,\"destination_count\":0,\"filters\":{},\"connectors\":[{"
            + "\"name\":\"source-evil\",\"display_name\":\""
            + hostile
            + "\",\"connector_type\":\"source\","
            + "\"support_label\":\""
            + hostile
            + "\",\"install_types\":[\""
            + hostile
            + "\"]}]}}";
    String dom = render(UiView.CONNECTORS_LIST, "hostile", result);
    assertEquals("rendered", attribute(dom, "data-state"));
    assertFalse(dom.contains("<img"), "no element was made from the data");
    assertFalse(dom.contains("owned</title>"), "no script from the data ran");
    assertTrue(dom.contains("&lt;img src=x"), "the data is shown as text");
  }

  @Test
  void showsTheToolsErrorInsteadOfData() throws Exception {
    String result =
        "{\"content\":[{\"type\":\"text\",\"text\":\"Connection not found.\"}],\"isError\":true}";
    String dom = render(UiView.SYNC_HISTORY, "tool-error", result);
    assertEquals("tool-error", attribute(dom, "data-state"));
    assertTrue(dom.contains("Connection not found."), "expected Connection not found. in: " + dom);
  }

  @Test
  void saysSoWhenTheResultHasNothingToDraw() throws Exception {
    String result =
        "{\"content\":[{\"type\":\"text\",\"text\":\"Sync status of workspace w.\"}],\"isError\":false}";
    String dom = render(UiView.WORKSPACE_STATUS, "no-data", result);
    assertEquals("no-data", attribute(dom, "data-state"));
  }

  @Test
  void marksAScriptErrorInThePage() throws Exception {
    Path harness =
        HostHarness.write(
            dir,
            "broken",
            page(UiView.SYNC_HISTORY),
            "{\"content\":[],\"structuredContent\":{\"totals\":{},\"jobs\":42}}");
    String dom = chromium.dumpDom(harness, 800, 600);
    assertTrue(dom.contains("data-script-error"), "the error marker the other tests rely on works");
    assertTrue(dom.contains("This view hit an error"), "the user is told");
  }
}
