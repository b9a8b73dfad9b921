package airbytemcp.views;

import airbytemcp.common.Version;

/**
 * The shell every view shares: one self-contained HTML document (no CDN, no fetches: its CSP
 * forbids them) with base styles that read well without the host's, an error marker for uncaught
 * script errors, and the MCP Apps handshake (ui/initialize, then ui/notifications/tool-result
 * carries the tool's result). Data reaches the page only as DOM text nodes, never as markup, so
 * nothing in it can inject HTML.
 */
final class ViewPage {
  /**
   * MCP Apps protocol version this page speaks (@modelcontextprotocol/ext-apps
   * LATEST_PROTOCOL_VERSION).
   */
  static final String PROTOCOL_VERSION = "2026-01-26";

  private ViewPage() {}

  static String html(String title, String css, String script) {
    return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        + "script-src 'unsafe-inline'; img-src data:\">\n"
        + "<title>"
        + title
        + "</title>\n<style>\n"
        + BASE_CSS
        + css
        + "</style>\n"
        // First, so it also catches syntax errors of the scripts below.
        + "<script>\n"
        + ERROR_MARKER
        + "</script>\n</head>\n"
        + "<body data-state=\"waiting\">\n<header><h1>"
        + title
        + "</h1><p id=\"subtitle\" class=\"muted\"></p></header>\n"
        + "<div id=\"error\" class=\"error\" hidden></div>\n"
        + "<main id=\"app\"><p class=\"muted\">Waiting for the tool result from the host...</p></main>\n"
        + "<script>\n"
        + RUNTIME.replace("@VERSION@", Version.VERSION).replace("@PROTOCOL@", PROTOCOL_VERSION)
        + "</script>\n<script>\n"
        + script
        + "</script>\n</body>\n</html>\n";
  }

  private static final String ERROR_MARKER =
      """
      (function () {
        function mark(text) {
          document.documentElement.setAttribute('data-script-error', String(text));
          var box = document.getElementById('error');
          if (box) { box.hidden = false; box.textContent = 'This view hit an error: ' + text; }
        }
        window.onerror = function (message, source, line) { mark(message + ' (line ' + line + ')'); };
        window.addEventListener('unhandledrejection', function (e) { mark('unhandled rejection: ' + e.reason); });
        window.airbyteMarkError = mark;
      })();
      """;

  private static final String BASE_CSS =
      """
      :root { --bg: #ffffff; --fg: #1d2430; --muted: #5f6b7a; --line: #dde2e8; --card: #f6f8fa; --accent: #615eff;
        --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --run: #0969da; --badge-fg: #ffffff; }
      [data-theme="dark"] { --bg: #16181d; --fg: #e6e9ee; --muted: #9aa5b1; --line: #303641; --card: #1f232b;
        --accent: #8f8cff; --ok: #3fb950; --bad: #f85149; --warn: #d29922; --run: #58a6ff; --badge-fg: #0d1117; }
      * { box-sizing: border-box; }
      body { margin: 0; padding: 16px 20px; background: var(--bg); color: var(--fg);
        font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif; }
      h1 { font-size: 20px; margin: 0 0 2px; }
      h2 { font-size: 15px; margin: 18px 0 8px; }
      .muted { color: var(--muted); margin: 0 0 12px; }
      .error { border: 1px solid var(--bad); color: var(--bad); padding: 8px 12px; border-radius: 6px; margin: 8px 0; }
      .metrics { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 10px; margin: 8px 0 14px; }
      .metric { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
      .metric .label { color: var(--muted); font-size: 12px; }
      .metric .value { font-size: 20px; font-weight: 600; }
      .controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 6px 0 10px; }
      input, select, button { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line);
        border-radius: 6px; padding: 5px 8px; }
      button { cursor: pointer; }
      table { width: 100%; border-collapse: collapse; }
      th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
      th { font-size: 12px; color: var(--muted); font-weight: 600; white-space: nowrap; }
      th.sortable { cursor: pointer; user-select: none; }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
      .sub { color: var(--muted); font-size: 12px; }
      .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
        color: var(--badge-fg); background: var(--muted); white-space: nowrap; }
      .badge.ok { background: var(--ok); } .badge.bad { background: var(--bad); }
      .badge.warn { background: var(--warn); } .badge.run { background: var(--run); }
      .badge.accent { background: var(--accent); }
      .chip { display: inline-block; border: 1px solid var(--line); border-radius: 4px; padding: 0 5px; margin: 0 3px 2px 0;
        font-size: 12px; }
      """;

  /**
   * The view runtime: safe DOM building, formatting, and the host handshake. Views call
   * AirbyteView.start.
   */
  private static final String RUNTIME =
      """
      var AirbyteView = (function () {
        var host = window.parent;
        var nextId = 1;
        var pending = {};
        var renderer = null;

        function el(tag, attrs) {
          var node = document.createElement(tag);
          var a = attrs || {};
          Object.keys(a).forEach(function (k) {
            if (k === 'text') node.textContent = a[k] == null ? '' : String(a[k]);
            else if (k === 'onclick' || k === 'oninput' || k === 'onchange') node[k] = a[k];
            else if (a[k] != null && a[k] !== false) node.setAttribute(k, String(a[k]));
          });
          for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
          return node;
        }
        function append(node, child) {
          if (child == null || child === false) return;
          if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
          node.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
        }
        function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

        function integer(n) { return n == null ? '-' : Number(n).toLocaleString('en-US'); }
        function bytes(n) {
          if (n == null) return '-';
          var units = ['B', 'KB', 'MB', 'GB', 'TB'];
          var v = Number(n), u = 0;
          while (v >= 1000 && u < units.length - 1) { v = v / 1024; u++; }
          return (u === 0 ? String(v) : v.toFixed(v >= 100 ? 0 : 1)) + ' ' + units[u];
        }
        function duration(s) {
          if (s == null) return '-';
          var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
          return (h ? h + 'h ' : '') + (h || m ? m + 'm ' : '') + sec + 's';
        }
        function time(iso) { return iso ? String(iso).replace('T', ' ').slice(0, 16) + ' UTC' : '-'; }
        function percent(p) { return p == null ? '-' : p + '%'; }
        function statusClass(status) {
          if (status === 'succeeded') return 'ok';
          if (status === 'failed' || status === 'error' || status === 'unknown') return 'bad';
          if (status === 'cancelled') return 'warn';
          if (status === 'running' || status === 'pending' || status === 'incomplete') return 'run';
          return '';
        }
        function badge(text, cls) { return el('span', { 'class': 'badge ' + (cls || ''), text: text }); }
        function metric(label, value) {
          return el('div', { 'class': 'metric' }, el('div', { 'class': 'label', text: label }),
            el('div', { 'class': 'value', text: value }));
        }

        function send(message) { host.postMessage(message, '*'); }
        function request(method, params) {
          var id = nextId++;
          return new Promise(function (resolve, reject) {
            pending[id] = { resolve: resolve, reject: reject };
            send({ jsonrpc: '2.0', id: id, method: method, params: params });
          });
        }
        function openLink(url) {
          if (!/^https?:/.test(String(url))) return;
          if (host === window) { window.open(url, '_blank', 'noopener'); return; }
          request('ui/open-link', { url: url }).catch(function () {});
        }
        function applyTheme(context) {
          if (context && (context.theme === 'dark' || context.theme === 'light')) {
            document.documentElement.setAttribute('data-theme', context.theme);
          }
        }
        function reportSize() {
          var r = document.documentElement.getBoundingClientRect();
          send({ jsonrpc: '2.0', method: 'ui/notifications/size-changed',
            params: { width: Math.ceil(r.width), height: Math.ceil(document.documentElement.scrollHeight) } });
        }
        function showError(text) {
          var box = document.getElementById('error');
          box.hidden = false;
          box.textContent = text;
        }
        function showResult(result) {
          var app = clear(document.getElementById('app'));
          var text = (result && result.content || []).filter(function (c) { return c.type === 'text'; })
            .map(function (c) { return c.text; }).join('\\n');
          if (result && result.isError) {
            showError(text || 'The tool failed.');
            document.body.setAttribute('data-state', 'tool-error');
          } else if (!result || !result.structuredContent) {
            append(app, el('p', { 'class': 'muted',
              text: 'This call returned its answer to the assistant only; there is nothing to draw.' }));
            document.body.setAttribute('data-state', 'no-data');
          } else {
            renderer(result.structuredContent, app);
            document.body.setAttribute('data-state', 'rendered');
          }
          reportSize();
        }

        window.addEventListener('message', function (event) {
          if (event.source !== host) return;
          var m = event.data;
          if (!m || m.jsonrpc !== '2.0') return;
          if (m.id != null && !m.method && pending[m.id]) {
            var p = pending[m.id];
            delete pending[m.id];
            if (m.error) p.reject(m.error); else p.resolve(m.result);
          } else if (m.method === 'ui/notifications/tool-result') {
            try { showResult(m.params); } catch (e) { window.airbyteMarkError(e && e.stack || e); }
          } else if (m.method === 'ui/notifications/host-context-changed') {
            applyTheme(m.params);
          } else if (m.method === 'ui/resource-teardown' && m.id != null) {
            send({ jsonrpc: '2.0', id: m.id, result: {} });
          } else if (m.method === 'ui/notifications/tool-cancelled') {
            showError('The tool call was cancelled.');
          }
        });

        function start(render) {
          renderer = render;
          request('ui/initialize', { appInfo: { name: 'airbyte-mcp', version: '@VERSION@' }, appCapabilities: {},
            protocolVersion: '@PROTOCOL@' }).then(function (result) {
            applyTheme(result && result.hostContext);
            send({ jsonrpc: '2.0', method: 'ui/notifications/initialized', params: {} });
          }, function (error) { showError('The host refused to initialize this view: ' + JSON.stringify(error)); });
        }

        return { el: el, clear: clear, integer: integer, bytes: bytes, duration: duration, time: time,
          percent: percent, statusClass: statusClass, badge: badge, metric: metric, openLink: openLink,
          reportSize: reportSize, start: start };
      })();
      """;
}
