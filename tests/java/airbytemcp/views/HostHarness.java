package airbytemcp.views;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A page that plays the MCP Apps host for a view, in the view's own window (so a DOM dump shows the view):
 * it answers ui/initialize and, once the view says it is initialized, sends the tool result as
 * ui/notifications/tool-result. It records that the handshake happened on the root element.
 */
final class HostHarness {
  private HostHarness() {}

  static Path write(Path dir, String name, String viewHtml, String callToolResultJson) throws IOException {
    String host = """
        <script>
        (function () {
          var result = @RESULT@;
          window.addEventListener('message', function (e) {
            var m = e.data;
            if (!m || m.jsonrpc !== '2.0' || !m.method) return;
            var root = document.documentElement;
            if (m.method === 'ui/initialize') {
              root.setAttribute('data-host-initialize', m.params.protocolVersion);
              window.postMessage({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: m.params.protocolVersion,
                hostInfo: { name: 'test-host', version: '1' }, hostCapabilities: {}, hostContext: { theme: 'light' } } }, '*');
            } else if (m.method === 'ui/notifications/initialized') {
              root.setAttribute('data-host-initialized', 'true');
              window.postMessage({ jsonrpc: '2.0', method: 'ui/notifications/tool-result', params: result }, '*');
            } else if (m.method === 'ui/notifications/size-changed') {
              root.setAttribute('data-host-size', m.params.width + 'x' + m.params.height);
            }
          });
        })();
        </script>
        """.replace("@RESULT@", callToolResultJson.replace("</", "<\\/"));
    Path page = dir.resolve(name + ".html");
    Files.writeString(page, viewHtml.replace("</head>", host + "</head>"));
    return page;
  }
}
