package airbytemcp.views;

import airbytemcp.common.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell every view shares, assembled from the files in {@code assets/}: one self-contained HTML
 * document (no CDN, no fetches: its CSP forbids them) with base styles that read well without the
 * host's, an error marker for uncaught script errors (the first script, so it also catches syntax
 * errors of the later ones), and the MCP Apps handshake (ui/initialize, then
 * ui/notifications/tool-result carries the tool's result). Data reaches the page only as DOM text
 * nodes, never as markup, so nothing in it can inject HTML.
 *
 * <p>The assets are classpath resources: {@code pom.xml} copies them into the jar and {@code
 * //FILES} in AirbyteMcp.java into the script's build.
 */
final class ViewPage {
  /**
   * MCP Apps protocol version this page speaks (@modelcontextprotocol/ext-apps
   * LATEST_PROTOCOL_VERSION).
   */
  static final String PROTOCOL_VERSION = "2026-01-26";

  /** Where the assets live on the classpath, relative to this package. */
  static final String ASSETS = "assets/";

  /**
   * The shell's placeholders, {@code @NAME@}; each is filled once, so filled text is not rescanned.
   */
  private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z_]+)@");

  private ViewPage() {}

  /**
   * The page of a view whose own style and script are {@code assets/<stem>.css} and {@code .js}.
   */
  static String html(String title, String stem) {
    String runtime =
        asset("view-runtime.js")
            .replace("@VERSION@", Version.VERSION)
            .replace("@PROTOCOL@", PROTOCOL_VERSION);
    return fill(
        asset("view.html"),
        Map.of(
            "TITLE",
            title,
            "STYLE",
            asset("view-base.css") + asset(stem + ".css"),
            "ERROR_MARKER",
            asset("view-error-marker.js"),
            "RUNTIME",
            runtime,
            "SCRIPT",
            asset(stem + ".js")));
  }

  private static String fill(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("view.html names an unknown placeholder " + m.group());
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return m.appendTail(out).toString();
  }

  /** One asset's text; a missing one is a packaging bug, not a user's mistake. */
  static String asset(String name) {
    try (InputStream in = ViewPage.class.getResourceAsStream(ASSETS + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "view asset airbytemcp/views/" + ASSETS + name + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read view asset " + name, e);
    }
  }
}
