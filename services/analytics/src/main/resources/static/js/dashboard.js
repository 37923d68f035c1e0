// The live dashboard: KPI tiles, charts (Chart.js) and drill-down, refreshed by server-sent events.
(function () {
  const root = document.getElementById('dashboard');
  if (!root) return;
  const texts = document.getElementById('texts').dataset;
  const types = JSON.parse(texts.types || '{}');
  const typeName = type => types[type] || type;
  const kindName = kind => kind === 'SHEET' ? texts.sheets : kind === 'MATERIAL' ? texts.materials : kind;
  const status = document.getElementById('status');
  const partner = document.getElementById('partner');
  const location = document.getElementById('location');
  const api = new URL('../api/', window.location.href);
  const charts = {};
  let current = null;
  let drill = null;

  function query(extra) {
    const params = new URLSearchParams({ network: root.dataset.network, period: root.dataset.period });
    if (partner.value) params.set('partner', partner.value);
    if (location.value) params.set('location', location.value);
    Object.entries(extra || {}).forEach(([k, v]) => params.set(k, v));
    return params.toString();
  }

  const lang = document.documentElement.lang || 'nl-BE';
  function format(n) {
    return new Intl.NumberFormat(lang).format(n);
  }
  // Months ("2026-01") and weeks (their Monday, "2025-12-15") as the reader writes them: "jan. 2026", "15 dec.".
  const monthName = new Intl.DateTimeFormat(lang, { month: 'short', year: 'numeric' });
  const dayName = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short' });
  function monthLabel(label) {
    const m = /^(\d{4})-(\d{2})$/.exec(label);
    return m ? monthName.format(new Date(Number(m[1]), Number(m[2]) - 1, 15)) : label;
  }
  function weekLabel(label) {
    const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label);
    return d ? dayName.format(new Date(Number(d[1]), Number(d[2]) - 1, Number(d[3]), 12)) : label;
  }
  // "+12,5 %" in Dutch, "+12.5 %" in English: the reader's own decimal sign.
  const percent = new Intl.NumberFormat(lang, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });

  function filtered() {
    return Boolean(partner.value || location.value);
  }

  function tiles(kpis) {
    const previous = kpis.reach.previousPeriod || {};
    const targets = Object.fromEntries((kpis.targets || []).map(t => [t.kpi, t]));
    document.getElementById('downloads-note').hidden = !filtered();
    document.querySelectorAll('#tiles .tile').forEach(tile => {
      const kpi = tile.dataset.kpi;
      const value = kpis.reach[kpi];
      if (kpi === 'indirect' && filtered()) {
        // Downloads belong to the network, not to a partner or location: no figure rather than a false 0.
        tile.querySelector('.value').textContent = texts.notApplicable;
        tile.querySelector('.change').textContent = texts.networkWide;
        tile.querySelector('.change').className = 'change';
        tile.querySelector('.attainment').textContent = '';
        return;
      }
      tile.querySelector('.value').textContent = format(value);
      const change = tile.querySelector('.change');
      if (previous[kpi] !== undefined && previous[kpi] > 0) {
        const pct = Math.round((value - previous[kpi]) / previous[kpi] * 1000) / 10;
        change.textContent = percent.format(pct) + ' % ' + texts.previous;
        change.className = 'change ' + (pct >= 0 ? 'up' : 'down');
      } else {
        change.textContent = '';
      }
      const target = targets[kpi];
      // Only beside the figure it is about: for all networks, a target summed over networks has the networks' own
      // figures as its actual (distinct teachers counted per network), which the tile's figure need not be.
      tile.querySelector('.attainment').textContent = target && target.actual === value
        ? Math.round(target.attainment * 100) + ' % ' + texts.target : '';
    });
  }

  // Every chart's figures also as a table (under "Cijfers als tabel"): readable without seeing the chart. Where the
  // chart drills down on a click, the table does with buttons ({@code drill(row, dataset)} the filter; dataset null for
  // the row's own button): the keyboard reaches the activities behind a figure too.
  function table(id, labels, datasets, drill) {
    const table = document.getElementById('table-' + id);
    if (!table) return;
    const cell = (tag, text, scope, numeric) => {
      const element = document.createElement(tag);
      element.textContent = text;
      if (scope) element.scope = scope;
      if (numeric) element.className = 'num';
      return element;
    };
    const head = document.createElement('tr');
    head.append(cell('th', table.dataset.first, 'col'), ...datasets.map(d => cell('th', d.label, 'col', true)));
    const thead = document.createElement('thead');
    thead.append(head);
    const tbody = document.createElement('tbody');
    const drillButton = (text, filter, name) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link';
      button.textContent = text;
      button.dataset.filter = JSON.stringify(filter);
      // A figure alone ("12") says nothing to someone tabbing through: its row and column too.
      if (name) button.setAttribute('aria-label', name);
      button.addEventListener('click', () => drillDown(filter));
      return button;
    };
    labels.forEach((label, i) => {
      const row = document.createElement('tr');
      const header = cell('th', drill ? '' : label, 'row');
      if (drill) header.append(drillButton(label, drill(i, null)));
      row.append(header, ...datasets.map((d, j) => {
        const value = cell('td', drill && d.data[i] && drill(i, j) ? '' : format(d.data[i] || 0), null, true);
        if (drill && d.data[i] && drill(i, j)) value.append(drillButton(format(d.data[i]), drill(i, j), label + ', ' + d.label + ': ' + format(d.data[i])));
        return value;
      }));
      tbody.append(row);
    });
    // Named after its chart, for whoever reaches the table without seeing the chart's caption.
    const caption = cell('caption', table.closest('figure').querySelector('figcaption').textContent);
    caption.className = 'visually-hidden';
    table.replaceChildren(caption, thead, tbody);
  }

  function chart(id, type, labels, datasets, options, drill) {
    table(id, labels, datasets, drill);
    if (typeof Chart === 'undefined') return;
    if (charts[id]) {
      charts[id].data.labels = labels;
      charts[id].data.datasets = datasets;
      charts[id].update('none');
      return;
    }
    charts[id] = new Chart(document.getElementById(id), { type, data: { labels, datasets },
      options: Object.assign({ animation: false, responsive: true, locale: lang, plugins: { legend: { position: 'bottom' } } }, options || {}) });
  }

  function options(select, values) {
    const chosen = select.value;
    while (select.options.length > 1) select.remove(1);
    values.forEach(v => select.add(new Option(v, v, false, v === chosen)));
  }

  function render(data) {
    current = data;
    tiles(data.kpis);
    options(partner, data.partners);
    options(location, data.locations);
    const months = data.participantsPerMonth;
    chart('chart-months', 'bar', months.labels.map(monthLabel), Object.entries(months.values).map(([type, values]) => ({ label: typeName(type), data: values })),
      { scales: { x: { stacked: true }, y: { stacked: true } }, onClick: (e, items) => items.length && drillDown({ type: Object.keys(months.values)[items[0].datasetIndex], month: months.labels[items[0].index] }) },
      (i, j) => j === null ? { month: months.labels[i] } : { type: Object.keys(months.values)[j], month: months.labels[i] });
    const downloads = data.downloadsPerWeek;
    chart('chart-downloads', 'line', downloads.labels.map(weekLabel), Object.entries(downloads.values).map(([kind, values]) => ({ label: kindName(kind), data: values })));
    const top = data.kpis.downloads.topProjects;
    chart('chart-projects', 'bar', top.map(p => p.title), [{ label: texts.sheets, data: top.map(p => p.projectSheets) },
      { label: texts.materials, data: top.map(p => p.lessonMaterials) }], { indexAxis: 'y', scales: { x: { stacked: true }, y: { stacked: true } } });
    chart('chart-partners', 'bar', data.perPartner.labels, [{ label: texts.participants, data: data.perPartner.values.participants || [] }],
      { onClick: (e, items) => items.length && drillDown({ partner: data.perPartner.labels[items[0].index] }) },
      (i, j) => j === null ? { partner: data.perPartner.labels[i] } : null);
    chart('chart-locations', 'bar', data.perLocation.labels, [{ label: texts.participants, data: data.perLocation.values.participants || [] }],
      { onClick: (e, items) => items.length && drillDown({ location: data.perLocation.labels[items[0].index] }) },
      (i, j) => j === null ? { location: data.perLocation.labels[i] } : null);
    if (drill) drillDown(drill);
  }

  // Signed out meanwhile (the session expired, or was ended elsewhere): the gateway answers 401 or sends the request on
  // to its sign-in page, and a 403 means the roles changed. The figures would only go stale without saying so: the page
  // says it, and stops asking until it is reloaded (which signs in again).
  let signedOut = false;
  let stream = null;
  function refused(response) {
    return response.status === 401 || response.status === 403
      || (response.redirected && new URL(response.url).pathname.endsWith('/login'));
  }
  function stopSignedOut() {
    signedOut = true;
    status.textContent = texts.signedOut;
    status.classList.add('error');
    if (polling) { clearInterval(polling); polling = null; }
    if (stream) stream.close();
  }

  // Only the answer to the latest request is shown: a slow earlier one (another filter) never overwrites it.
  let loads = 0;
  let failedBefore = false;
  async function load() {
    if (signedOut) return;
    const mine = ++loads;
    try {
      const response = await fetch(new URL('dashboard?' + query(), api), { credentials: 'same-origin' });
      if (refused(response)) { stopSignedOut(); return; }
      if (!response.ok) throw new Error(String(response.status));
      const data = await response.json();
      if (mine !== loads) return;
      render(data);
      if (failedBefore) {
        failedBefore = false;
        status.textContent = polling ? status.dataset.offline : status.dataset.live;
      }
    } catch (e) {
      if (mine !== loads) return;
      failedBefore = true;
      status.textContent = texts.failed;
    }
  }

  // Many batches applied in a row (a replay, a busy moment) make one reload, not one each.
  let pending = null;
  function loadSoon() {
    if (pending) return;
    pending = setTimeout(() => { pending = null; load(); }, 200);
  }

  let drills = 0;
  const drillStatus = document.getElementById('drilldown-status');
  async function drillDown(filter) {
    drill = filter;
    const mine = ++drills;
    let rows;
    try {
      const response = await fetch(new URL('kpis/activities?' + query(filter), api), { credentials: 'same-origin' });
      if (refused(response)) { stopSignedOut(); return; }
      if (!response.ok) throw new Error(String(response.status));
      rows = await response.json();
    } catch (e) {
      if (mine === drills) drillStatus.textContent = texts.failed;
      return;
    }
    if (mine !== drills) return;
    // A short line for screen readers (the table itself is not read out row by row).
    drillStatus.textContent = rows.length === 0 ? texts.none
      : rows.length === 1 ? drillStatus.dataset.countOne : drillStatus.dataset.count.replace('{0}', format(rows.length));
    const body = document.querySelector('#drilldown tbody');
    if (rows.length === 0) {
      const empty = document.createElement('td');
      empty.colSpan = 8;
      empty.textContent = texts.none;
      const tr = document.createElement('tr');
      tr.append(empty);
      body.replaceChildren(tr);
      return;
    }
    body.replaceChildren(...rows.map(a => {
      const tr = document.createElement('tr');
      const date = a.firstSession ? new Intl.DateTimeFormat(document.documentElement.lang || 'nl-BE').format(new Date(a.firstSession + 'T12:00:00')) : '';
      [date, a.title, typeName(a.type), a.partner, a.location, a.identified, a.headcount, a.participants].forEach((value, i) => {
        const td = document.createElement('td');
        td.textContent = i >= 5 ? format(value) : value;
        if (i >= 5) td.className = 'num';
        tr.append(td);
      });
      return tr;
    }));
  }

  // A tile lists the activities that make up its figure (none for downloads).
  document.querySelectorAll('#tiles .tile').forEach(tile => tile.addEventListener('click', () => drillDown({ kpi: tile.dataset.kpi })));
  // Targets (ops of this network): saved through the API, then the tiles show the new attainment.
  const targetForm = document.getElementById('target-form');
  if (targetForm) {
    targetForm.addEventListener('submit', async event => {
      event.preventDefault();
      const state = document.getElementById('target-status');
      const xsrf = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
      const headers = { 'Content-Type': 'application/json' };
      if (xsrf) headers['X-XSRF-TOKEN'] = decodeURIComponent(xsrf.substring('XSRF-TOKEN='.length));
      state.textContent = state.dataset.saving;
      let response;
      try {
        response = await fetch(new URL('targets', api), { method: 'PUT', credentials: 'same-origin', headers,
          body: JSON.stringify({ network: root.dataset.network, period: root.dataset.period,
            kpi: document.getElementById('target-kpi').value, target: Number(document.getElementById('target-value').value) }) });
      } catch (e) {
        state.textContent = state.dataset.failed + ' ' + state.dataset.offline;
        return;
      }
      if (refused(response) && response.status !== 403) {
        state.textContent = state.dataset.failed;
        stopSignedOut();
      } else if (response.ok) {
        state.textContent = state.dataset.saved;
        document.getElementById('target-value').removeAttribute('aria-invalid');
        load();
      } else {
        // In the page's language: what the answer means, not the API's English detail.
        const why = response.status === 400 ? state.dataset.invalid : response.status === 403 ? state.dataset.forbidden : '';
        // A value refused: the field says so too (its description is this status).
        if (response.status === 400) document.getElementById('target-value').setAttribute('aria-invalid', 'true');
        state.textContent = state.dataset.failed + (why ? ' ' + why : '');
      }
    });
  }
  partner.addEventListener('change', load);
  location.addEventListener('change', load);

  let polling = null;
  function poll() {
    if (signedOut) return;
    status.textContent = status.dataset.offline;
    if (!polling) polling = setInterval(load, 15000);
  }
  // Live updates: the browser reconnects by itself after a dropped connection; after an error answer (a restart, a
  // gateway in between) it gives up, so the page opens the stream again, waiting longer each time. Meanwhile it polls.
  // Every (re)connection loads the figures once: changes made while it was away are not missed.
  let retry = 2000;
  let connectedBefore = false;
  function connect() {
    if (signedOut) return;
    const events = new EventSource(new URL('kpis/stream', api), { withCredentials: true });
    stream = events;
    events.addEventListener('hello', () => {
      status.textContent = status.dataset.live;
      retry = 2000;
      if (polling) { clearInterval(polling); polling = null; }
      if (connectedBefore) load();
      connectedBefore = true;
    });
    events.addEventListener('kpis', message => {
      const networks = (message.data || '').split(',');
      if (root.dataset.network === 'ALL' || networks.includes(root.dataset.network)) loadSoon();
    });
    events.onerror = () => {
      if (signedOut) return;
      poll();
      if (events.readyState === EventSource.CLOSED) {
        setTimeout(connect, retry);
        retry = Math.min(retry * 2, 60000);
      }
    };
  }
  if ('EventSource' in window) {
    connect();
  } else {
    poll();
  }
  load();
})();
