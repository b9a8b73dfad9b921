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
  /** A count and its noun in the right number: '1 job', '3 jobs'. */
  function count(n, noun) { return integer(n) + ' ' + noun + (Number(n) === 1 ? '' : 's'); }
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
      .map(function (c) { return c.text; }).join('\n');
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
    percent: percent, count: count, statusClass: statusClass, badge: badge, metric: metric, openLink: openLink,
    reportSize: reportSize, start: start };
})();
