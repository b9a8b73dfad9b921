package airbytemcp.views;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Pages that play the MCP Apps host for a view: they answer ui/initialize and, once the view says
 * it is initialized, send the tool result as ui/notifications/tool-result, recording the handshake
 * on the root element. {@link #write} runs the host in the view's own window, so a DOM dump shows
 * the view; {@link #writeFramed} puts the view in a sandboxed iframe as real hosts do.
 */
final class HostHarness {
  private HostHarness() {}

  static Path write(Path dir, String name, String viewHtml, String callToolResultJson)
      throws IOException {
    Path page = dir.resolve(name + ".html");
    Files.writeString(
        page, viewHtml.replace("</head>", hostScript("window", callToolResultJson) + "</head>"));
    return page;
  }

  /**
   * A host page with the view in a sandboxed iframe (scripts only, opaque origin), sized as the
   * view asks.
   */
  static Path writeFramed(Path dir, String name, String viewHtml, String callToolResultJson)
      throws IOException {
    String srcdoc = viewHtml.replace("&", "&amp;").replace("\"", "&quot;");
    String page =
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>host</title>"
            + "<style>body{margin:0;background:#eef0f3}iframe{display:block;border:0;width:100%;height:300px}</style>"
            + "</head><body><iframe id=\"view\" sandbox=\"allow-scripts\" srcdoc=\""
            + srcdoc
            + "\"></iframe>"
            + hostScript("document.getElementById('view').contentWindow", callToolResultJson)
            + "</body></html>";
    Path file = dir.resolve(name + ".html");
    Files.writeString(file, page);
    return file;
  }

  private static String hostScript(String viewWindow, String callToolResultJson) {
    return """
        <script>
        (function () {
          var result = @RESULT@;
          window.addEventListener('message', function (e) {
            var view = @VIEW@;
            if (e.source !== view) return;
            var m = e.data;
            if (!m || m.jsonrpc !== '2.0' || !m.method) return;
            var root = document.documentElement;
            if (m.method === 'ui/initialize') {
              root.setAttribute('data-host-initialize', m.params.protocolVersion);
              view.postMessage({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: m.params.protocolVersion,
                hostInfo: { name: 'test-host', version: '1' }, hostCapabilities: {}, hostContext: { theme: 'light' } } }, '*');
            } else if (m.method === 'ui/notifications/initialized') {
              root.setAttribute('data-host-initialized', 'true');
              view.postMessage({ jsonrpc: '2.0', method: 'ui/notifications/tool-result', params: result }, '*');
            } else if (m.method === 'ui/notifications/size-changed') {
              root.setAttribute('data-host-size', m.params.width + 'x' + m.params.height);
              var frame = document.getElementById('view');
              if (frame) frame.style.height = m.params.height + 'px';
            }
          });
        })();
        </script>
        """
        .replace("@VIEW@", viewWindow)
        .replace("@RESULT@", callToolResultJson.replace("</", "<\\/"));
  }
}
