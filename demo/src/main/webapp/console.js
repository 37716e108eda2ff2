// The demo's live console: polls console/state once a second and redraws the page from it; the
// forms send with fetch(). Plain JavaScript, no library, no build step.
'use strict';

const POLL_MILLIS = 1000;
const POLL_TIMEOUT_MILLIS = 5000;
const CHART_SPAN_MILLIS = 120_000;
const SVG = 'http://www.w3.org/2000/svg';

const $ = id => document.getElementById(id);

/** An element with attributes and children (strings become text, never markup). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value != null) node.setAttribute(name, value);
  }
  node.append(...children.filter(c => c != null));
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text != null) node.textContent = text;
  return node;
}

const number = n => n == null ? '–' : Number(n).toLocaleString('en-US');
const rate = r => (r < 10 ? r.toFixed(1) : Math.round(r).toLocaleString('en-US')) + '/s';
const clock = ms => new Date(ms).toLocaleTimeString('en-GB', {hour12: false});
const millis = us => us < 1000 ? us + ' µs' : (us / 1000).toFixed(us < 10_000 ? 1 : 0) + ' ms';

// ------------------------------------------------------------------ cards

function renderCards(state) {
  const t = state.totals;
  const d = state.deadLetters;
  const last = state.rates.length ? state.rates[state.rates.length - 1] : {out: 0, in: 0};
  $('sent').textContent = number(t.sent);
  $('sent-rate').textContent = rate(last.out);
  $('sent-detail').textContent = `· ${number(t.accepted)} accepted` + (t.notAccepted ? `, ${number(t.notAccepted)} not` : '');
  $('received').textContent = number(t.received);
  $('received-rate').textContent = rate(last.in);
  $('received-detail').textContent = `· ${number(state.messages.received)} taken by the demo's beans`;
  $('in-flight').textContent = number(t.sendsInFlight + t.beansInFlight);
  $('in-flight-detail').textContent = `${number(t.sendsInFlight)} sends, ${number(t.beansInFlight)} with beans`;
  $('redelivered').textContent = number(d.redelivered);
  $('dead-lettered').textContent = number(d.deadLettered);
  $('dead-lettered').classList.toggle('nonzero', d.deadLettered > 0);
  $('dead-lettered-detail').textContent = 'given up after 3 deliveries'
      + (d.deadLetterQueue == null ? '' : ` · DLQ holds ${number(d.deadLetterQueue)}`);
  $('refused').textContent = number(d.refused);
  $('legend-out').textContent = rate(last.out);
  $('legend-in').textContent = rate(last.in);
}

// ------------------------------------------------------------------ chart

/** A round upper bound for the y axis, so that its four steps are round numbers too. */
function niceMax(value) {
  const raw = Math.max(value, 4) / 4;
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map(m => m * magnitude).find(s => s >= raw);
  return step * 4;
}

function renderChart(points, now) {
  const chart = $('rate-chart');
  const width = chart.clientWidth || 800;
  const height = chart.clientHeight || 230;
  const pad = {left: 46, right: 14, top: 10, bottom: 24};
  const start = now - CHART_SPAN_MILLIS;
  const shown = points.filter(p => p.at >= start);
  const peak = shown.reduce((m, p) => Math.max(m, p.out, p.in), 0);
  const top = niceMax(peak);
  const x = at => pad.left + (at - start) / CHART_SPAN_MILLIS * (width - pad.left - pad.right);
  const y = v => height - pad.bottom - v / top * (height - pad.top - pad.bottom);

  chart.replaceChildren();
  chart.setAttribute('viewBox', `0 0 ${width} ${height}`);
  for (let i = 0; i <= 4; i++) {
    const v = top * i / 4;
    chart.append(svg('line', {class: 'grid', x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v)}));
    chart.append(svg('text', {class: 'axis', x: pad.left - 6, y: y(v) + 4, 'text-anchor': 'end'},
        v.toLocaleString('en-US')));
  }
  for (let s = 120; s >= 0; s -= 30) {
    chart.append(svg('text', {class: 'axis', x: x(now - s * 1000), y: height - 6,
      'text-anchor': s === 120 ? 'start' : s === 0 ? 'end' : 'middle'}, s === 0 ? 'now' : `−${s} s`));
  }
  if (shown.length < 2) {
    chart.append(svg('text', {class: 'empty', x: width / 2, y: height / 2, 'text-anchor': 'middle'},
        'collecting samples…'));
  }
  // Out first and wider, so that where both lines run together the one drawn on top leaves it seen.
  for (const series of ['out', 'in']) {
    if (shown.length < 2) break;
    const line = shown.map(p => `${x(p.at).toFixed(1)},${y(p[series]).toFixed(1)}`).join(' ');
    const first = x(shown[0].at).toFixed(1);
    const last = x(shown[shown.length - 1].at).toFixed(1);
    chart.append(svg('polygon', {class: `area ${series}`,
      points: `${first},${y(0)} ${line} ${last},${y(0)}`}));
    chart.append(svg('polyline', {class: `series ${series}`, points: line}));
  }
  // For scripts that watch the chart: how many samples it shows, and per series its highest
  // point and the messages under its curve (each rate times the second it covers).
  chart.dataset.samples = shown.length;
  for (const [series, name] of [['out', 'Out'], ['in', 'In']]) {
    chart.dataset[`peak${name}`] = shown.reduce((m, p) => Math.max(m, p[series]), 0);
    chart.dataset[`messages${name}`] = Math.round(shown.reduce((sum, p, i) =>
        sum + p[series] * (i === 0 ? 1 : (p.at - shown[i - 1].at) / 1000), 0));
  }
}

// ------------------------------------------------------------------ connections

function figures(resource) {
  const f = resource.figures;
  const b = (n, what) => [el('b', {}, number(n)), ` ${what}`];
  const parts = [];
  if (resource.kind === 'listener') {
    parts.push(b(f['peers-open'], 'peers open'), b(f['peers-accepted'], 'admitted'));
    const refused = f['peers-refused-limit'] + f['peers-refused-login'] + f['peers-refused-protocol'];
    if (refused) parts.push(b(refused, 'refused'));
    parts.push(b(f['beans-in-flight'], 'with beans'));
  } else {
    parts.push(b(f['connections-open'], 'open'));
    if (f['connections-reconnecting']) parts.push(b(f['connections-reconnecting'], 'reconnecting'));
    if (f['connections-failed']) parts.push(b(f['connections-failed'], 'failed'));
    if (f['failovers']) parts.push(b(f['failovers'], 'failovers'));
    if (f['reconnect-attempts']) parts.push(b(f['reconnect-attempts'], 'reconnect attempts'));
    if (resource.kind === 'connection factory' && f['send-time-p50-us'] != null) {
      parts.push([`send time p50 ${millis(f['send-time-p50-us'])}, p99 ${millis(f['send-time-p99-us'])}`]);
    } else if (resource.kind === 'consuming bean') {
      parts.push(b(f['beans-in-flight'], 'with beans'));
    }
  }
  return parts.flatMap((p, i) => i === 0 ? p : [' · ', ...p]);
}

/** A container id that is a UUID (or ends in one) is told apart by its first characters. */
const shortId = id => id && id.replace(/([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, '$1…');

const badge = state => el('span', {class: `badge ${state.replace(/ /g, '-')}`}, state);

function renderResources(resources) {
  $('resources').replaceChildren(...resources.map(r => el('tr', {},
      el('td', {}, el('span', {class: 'kind'}, r.kind), r.name,
          r.problem ? el('span', {class: 'problem', title: r.problem}, r.problem) : null),
      el('td', {}, badge(r.state)),
      el('td', {class: 'figures'}, ...figures(r)))));
}

function renderConnections(connections) {
  const list = $('connections');
  if (!connections.length) {
    list.replaceChildren(el('li', {class: 'none'}, 'No connection events yet.'));
    return;
  }
  list.replaceChildren(...connections.map(c => el('li', {'data-state': c.state},
      el('span', {}, badge(c.state)),
      el('span', {}, c.direction === 'out' ? `→ ${c.endpoint}` : `← ${c.endpoint}`,
          el('span', {class: 'who', title: c.peer}, ` ${c.owner}` + (c.peer ? ` · ${shortId(c.peer)}` : '')),
          c.detail ? el('span', {class: 'detail', title: c.detail}, c.detail) : null),
      el('span', {class: 'since'}, `since ${clock(c.since)}`))));
}

// ------------------------------------------------------------------ events and messages

function renderEvents(events) {
  const list = $('events');
  if (!events.length) {
    list.replaceChildren(el('li', {class: 'none'}, 'No events yet.'));
    return;
  }
  list.replaceChildren(...events.map(e => el('li', {class: e.level},
      el('time', {datetime: new Date(e.at).toISOString()}, clock(e.at)),
      el('span', {class: 'dot'}),
      el('span', {class: 'text'}, e.text))));
}

function renderMessages(messages) {
  $('messages-count').textContent = `${number(messages.received)} received, ${number(messages.distinctIds)} distinct ids`;
  if (!messages.latest.length) {
    $('messages').replaceChildren(el('tr', {}, el('td', {colspan: 4, class: 'none'}, 'Nothing received yet.')));
    return;
  }
  $('messages').replaceChildren(...messages.latest.map(m => el('tr', {},
      el('td', {}, clock(m.at)), el('td', {}, m.address), el('td', {title: m.messageId}, m.body),
      el('td', {title: m.peer}, m.peer))));
}

// ------------------------------------------------------------------ polling

function renderHealth(state) {
  const health = $('health');
  const ok = state.live && state.problems.length === 0;
  health.className = `pill ${ok ? 'ok' : 'bad'}`;
  health.textContent = ok ? 'all ready' : !state.live ? 'not live'
      : `${state.problems.length} not ready`;
  health.title = state.problems.join('\n');
  $('updated').textContent = `updated ${clock(state.at)}`;
}

function render(state) {
  renderHealth(state);
  renderCards(state);
  renderChart(state.rates, state.at);
  renderResources(state.resources);
  renderConnections(state.connections);
  renderEvents(state.events);
  renderMessages(state.messages);
}

let polling = false;

/** One poll at a time: a slow answer delays the next, it never piles them up. */
async function poll() {
  if (polling) return;
  polling = true;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), POLL_TIMEOUT_MILLIS);
  try {
    const response = await fetch('console/state', {cache: 'no-store', signal: abort.signal});
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    render(await response.json());
  } catch (e) {
    $('health').className = 'pill bad';
    $('health').textContent = 'no answer from the server';
    $('health').title = String(e);
  } finally {
    clearTimeout(timer);
    polling = false;
  }
}

// ------------------------------------------------------------------ forms

async function send(form) {
  const button = form.querySelector('button');
  const result = $('send-result');
  button.disabled = true;
  result.className = 'result';
  result.textContent = 'Sending…';
  try {
    const response = await fetch('send', {method: 'POST', body: new URLSearchParams(new FormData(form))});
    const text = (await response.text()).trim();
    result.textContent = text;
    result.classList.toggle('failed', !response.ok || text.startsWith('Failed'));
  } catch (e) {
    result.textContent = `Failed: ${e.message}`;
    result.classList.add('failed');
  } finally {
    button.disabled = false;
    poll();
  }
}

document.querySelectorAll('form.send').forEach(form => form.addEventListener('submit', event => {
  event.preventDefault();
  send(form);
}));
$('clear').addEventListener('click', async () => {
  await fetch('clear', {method: 'POST'});
  poll();
});
window.addEventListener('resize', () => poll());
poll();
setInterval(poll, POLL_MILLIS);
