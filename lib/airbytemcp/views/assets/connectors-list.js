(function (V) {
  var el = V.el;
  var sortKey = 'name', sortUp = true;

  function supportClass(label) {
    return label === 'Airbyte' ? 'accent' : label === 'Archived' ? 'warn' : '';
  }

  function render(data, app) {
    var rows = data.connectors || [];
    var f = data.filters || {};
    var said = [f.connector_type && f.connector_type + 's', f.support_level && 'support ' + f.support_level,
      f.min_support_level && 'support ' + f.min_support_level + ' or better', f.search && 'matching "' + f.search + '"',
      f.limit ? 'first ' + f.limit : null].filter(Boolean);
    document.getElementById('subtitle').textContent = 'From the Airbyte connector registry'
      + (said.length ? ': ' + said.join(', ') : '') + '.';
    var certified = rows.filter(function (r) { return r.support_level === 'certified'; }).length;
    app.appendChild(el('div', { 'class': 'metrics' }, V.metric('Connectors', V.integer(data.connector_count)),
      V.metric('Sources', V.integer(data.source_count)), V.metric('Destinations', V.integer(data.destination_count)),
      V.metric('Supported by Airbyte', V.integer(certified))));

    var search = el('input', { type: 'search', placeholder: 'Filter by name, type, subtype...', 'aria-label': 'Filter',
      id: 'filter' });
    var type = el('select', { 'aria-label': 'Type', id: 'type-filter' }, el('option', { value: '', text: 'All types' }),
      el('option', { value: 'source', text: 'Sources' }), el('option', { value: 'destination', text: 'Destinations' }));
    var count = el('span', { 'class': 'sub', id: 'shown' });
    app.appendChild(el('div', { 'class': 'controls' }, search, type, count));

    var columns = [['name', 'Name'], ['connector_type', 'Type'], ['subtype', 'Subtype'], ['support_label', 'Support'],
      ['release_stage', 'Stage'], ['latest_version', 'Version'], ['install_types', 'Install types']];
    var head = el('tr');
    columns.forEach(function (c) {
      head.appendChild(el('th', { 'class': 'sortable', text: c[1], onclick: function () {
        sortUp = sortKey === c[0] ? !sortUp : true;
        sortKey = c[0];
        draw();
      } }));
    });
    var body = el('tbody');
    app.appendChild(el('table', { id: 'connectors' }, el('thead', {}, head), body));
    var details = el('div', { 'class': 'details', id: 'details', hidden: true });
    app.appendChild(details);

    function text(r) {
      return [r.name, r.display_name, r.connector_type, r.subtype, r.support_label, r.release_stage,
        r.latest_version, (r.install_types || []).join(' ')].join(' ').toLowerCase();
    }
    function draw() {
      var needle = search.value.trim().toLowerCase();
      var shown = rows.filter(function (r) {
        return (!type.value || r.connector_type === type.value) && (!needle || text(r).indexOf(needle) >= 0);
      }).sort(function (a, b) {
        var x = String(a[sortKey] || ''), y = String(b[sortKey] || '');
        return (x < y ? -1 : x > y ? 1 : 0) * (sortUp ? 1 : -1);
      });
      V.clear(body);
      shown.forEach(function (r) {
        var tr = el('tr', { 'data-connector': r.name, onclick: function () { select(r, tr); } },
          el('td', {}, el('div', { text: r.display_name || r.name }), el('div', { 'class': 'sub', text: r.name })),
          el('td', { text: r.connector_type }), el('td', { text: r.subtype || '-' }),
          el('td', {}, V.badge(r.support_label, supportClass(r.support_label))),
          el('td', { text: (r.release_stage || '-').replace('_', ' ') }), el('td', { text: r.latest_version || '-' }),
          el('td', {}, (r.install_types || []).map(function (t) { return el('span', { 'class': 'chip', text: t }); })));
        body.appendChild(tr);
      });
      count.textContent = 'Showing ' + shown.length + ' of ' + rows.length;
      V.reportSize();
    }
    function select(r, tr) {
      Array.prototype.forEach.call(body.querySelectorAll('tr.selected'), function (t) {
        t.classList.remove('selected');
      });
      tr.classList.add('selected');
      V.clear(details).hidden = false;
      var facts = [['Name', r.name], ['Docker image', r.docker_repository + ':' + r.latest_version],
        ['Definition id', r.definition_id], ['Install types', (r.install_types || []).join(', ')],
        ['Documentation', r.documentation_url]];
      details.appendChild(el('h2', { text: r.display_name || r.name }));
      details.appendChild(el('dl', {}, facts.map(function (f) {
        return [el('dt', { text: f[0] }), el('dd', { text: f[1] || '-' })];
      })));
      if (r.documentation_url) {
        details.appendChild(el('button', { text: 'Open docs',
          onclick: function () { V.openLink(r.documentation_url); } }));
      }
      V.reportSize();
    }
    search.oninput = draw;
    type.onchange = draw;
    draw();
  }

  V.start(render);
})(AirbyteView);
