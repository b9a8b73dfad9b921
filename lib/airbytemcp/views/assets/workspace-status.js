(function (V) {
  var el = V.el;

  function rank(c) { return c.problem ? 0 : c.running_job_id != null ? 1 : c.last_status === 'no syncs' ? 3 : 2; }

  function render(data, app) {
    var m = data.metrics || {};
    var hours = data.recent_hours;
    document.getElementById('subtitle').textContent = 'Workspace ' + data.workspace_id + ', the newest '
      + V.count(data.jobs_inspected_per_connection, 'job') + ' of each connection, as of ' + V.time(data.generated_at) + '.';
    app.appendChild(el('div', { 'class': 'metrics' }, V.metric('Connections', V.integer(m.total_connections)),
      V.metric('Synced in ' + hours + 'h', V.integer(m.recently_synced)),
      V.metric('Need attention', V.integer(m.problem_connections)),
      V.metric('Running', V.integer(m.running_connections)),
      V.metric('Success rate', V.percent(m.recent_success_rate)), V.metric('Records', V.integer(m.total_records)),
      V.metric('Data', V.bytes(m.total_bytes))));
    var rows = (data.connections || []).slice().sort(function (a, b) {
      return rank(a) - rank(b) || String(a.connection_name).localeCompare(String(b.connection_name));
    });
    if (!rows.length) {
      app.appendChild(el('p', { 'class': 'muted', text: 'This workspace has no connections.' }));
      return;
    }
    var only = el('input', { type: 'checkbox', id: 'only-problems' });
    app.appendChild(el('div', { 'class': 'controls' }, el('label', {}, only, ' Only connections that need attention')));
    var body = el('tbody');
    function draw() {
      V.clear(body);
      rows.filter(function (c) { return !only.checked || c.problem; }).forEach(function (c) {
        body.appendChild(el('tr', { 'data-connection': c.connection_id,
          'class': c.problem ? 'problem' : c.running_job_id != null ? 'running' : null },
          el('td', {}, el('div', { text: c.connection_name }),
            el('div', { 'class': 'sub', text: (c.source_name || '?') + ' \u2192 ' + (c.destination_name || '?') })),
          el('td', {}, V.badge(c.last_status, V.statusClass(c.last_status))),
          el('td', { text: V.time(c.last_sync_time) }),
          el('td', { 'class': 'num' + (c.failures_in_window ? ' count-bad' : ''), text: c.failures_in_window }),
          el('td', {}, c.running_job_id != null ? V.badge('job ' + c.running_job_id, 'run') : '-'),
          el('td', { 'class': 'num', text: c.recent_successes + ' / ' + (c.recent_successes + c.recent_failures) }),
          el('td', { 'class': 'num', text: V.integer(c.records_synced) })));
      });
      V.reportSize();
    }
    var head = el('tr', {}, ['Connection', 'Last status', 'Last sync', 'Failures in ' + hours + 'h', 'Running',
      'Succeeded', 'Records'].map(function (h, i) {
      return el('th', { 'class': i === 3 || i >= 5 ? 'num' : null, text: h });
    }));
    app.appendChild(el('table', { id: 'board' }, el('thead', {}, head), body));
    only.onchange = draw;
    draw();
  }

  V.start(render);
})(AirbyteView);
