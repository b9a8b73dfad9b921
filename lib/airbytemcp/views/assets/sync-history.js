(function (V) {
  var el = V.el;
  var NS = 'http://www.w3.org/2000/svg';

  function svg(tag, attrs, text) {
    var node = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (text != null) node.textContent = String(text);
    return node;
  }

  function chart(title, jobs, value, format) {
    var width = 320, height = 140, top = 14, bottom = 18;
    var max = Math.max.apply(null, jobs.map(value).concat([1]));
    var slot = width / Math.max(jobs.length, 1);
    var root = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, preserveAspectRatio: 'none', role: 'img',
      'aria-label': title });
    root.appendChild(svg('text', { x: 2, y: 10, 'class': 'axis' }, 'max ' + format(max)));
    root.appendChild(svg('line', { x1: 0, x2: width, y1: height - bottom, y2: height - bottom, 'class': 'base' }));
    jobs.forEach(function (job, i) {
      var v = value(job) || 0;
      var h = Math.max(v > 0 ? 2 : 0, (height - top - bottom) * v / max);
      var bar = svg('rect', { x: i * slot + slot * 0.15, width: Math.max(slot * 0.7, 1), y: height - bottom - h,
        height: h, 'class': 'bar ' + V.statusClass(job.status), 'data-job': job.job_id });
      bar.appendChild(svg('title', {}, 'Job ' + job.job_id + ' (' + job.status + '): ' + format(v)));
      root.appendChild(bar);
    });
    if (jobs.length) {
      root.appendChild(svg('text', { x: 2, y: height - 4, 'class': 'axis' }, V.time(jobs[0].start_time).slice(0, 10)));
      root.appendChild(svg('text', { x: width - 2, y: height - 4, 'class': 'axis', 'text-anchor': 'end' },
        V.time(jobs[jobs.length - 1].start_time).slice(0, 10)));
    }
    return el('div', { 'class': 'chart' }, el('h2', { text: title }), root);
  }

  function render(data, app) {
    var t = data.totals || {};
    var jobs = (data.jobs || []).slice().reverse();
    document.getElementById('subtitle').textContent = (data.connection_name || data.connection_id)
      + ': the newest ' + V.count(t.job_count, 'job') + '.';
    app.appendChild(el('div', { 'class': 'metrics' }, V.metric('Jobs', V.integer(t.job_count)),
      V.metric('Success rate', V.percent(t.success_rate)), V.metric('Failed or cancelled', V.integer(t.failed)),
      V.metric('Records', V.integer(t.total_records)), V.metric('Data', V.bytes(t.total_bytes)),
      V.metric('Sync time', V.duration(t.total_duration_seconds))));
    if (!jobs.length) {
      app.appendChild(el('p', { 'class': 'muted', text: 'This connection has no jobs yet.' }));
      return;
    }
    app.appendChild(el('div', { 'class': 'legend' }, [['succeeded', 'ok'], ['failed', 'bad'], ['cancelled', 'warn'],
      ['running', 'run']].map(function (s) {
      return el('span', {}, el('span', { 'class': 'swatch ' + s[1] }), s[0]);
    })));
    app.appendChild(el('div', { 'class': 'charts', id: 'charts' },
      chart('Records per job', jobs, function (j) { return j.records_synced; }, V.integer),
      chart('Data per job', jobs, function (j) { return j.bytes_synced; }, V.bytes),
      chart('Duration per job', jobs, function (j) { return j.duration_seconds; }, V.duration)));
    var body = el('tbody');
    (data.jobs || []).forEach(function (j) {
      body.appendChild(el('tr', { 'data-job': j.job_id }, el('td', { text: j.job_id }),
        el('td', {}, V.badge(j.status, V.statusClass(j.status))), el('td', { text: j.job_type || '-' }),
        el('td', { text: V.time(j.start_time) }), el('td', { 'class': 'num', text: V.duration(j.duration_seconds) }),
        el('td', { 'class': 'num', text: V.integer(j.records_synced) }),
        el('td', { 'class': 'num', text: V.bytes(j.bytes_synced) })));
    });
    var head = el('tr', {}, ['Job', 'Status', 'Type', 'Started', 'Duration', 'Records', 'Data'].map(function (h, i) {
      return el('th', { 'class': i >= 4 ? 'num' : null, text: h });
    }));
    app.appendChild(el('h2', { text: 'Jobs, newest first' }));
    app.appendChild(el('table', { id: 'jobs' }, el('thead', {}, head), body));
    if (data.connection_url) {
      app.appendChild(el('p', {}, el('button', { text: 'Open in Airbyte',
        onclick: function () { V.openLink(data.connection_url); } })));
    }
  }

  V.start(render);
})(AirbyteView);
