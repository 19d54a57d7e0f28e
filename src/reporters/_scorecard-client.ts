import { createHash } from 'node:crypto';

/**
 * The scorecard page's only script (inlined, allowed by its hash in the Content-Security-Policy):
 * sorting and filtering of the server-rendered tables, and the datasets table — search, filters,
 * sort, pagination and a detail panel — rendered on demand from the embedded JSON (a page of
 * rows at a time, so 100,000 datasets stay responsive). Plain ES2017, no library.
 *
 * Row layout (kept in step with `datasetRow` in html.ts): [title, id|0, org, file, odlint, mqa,
 * rating, udata, stars, licence, openness, errors, warnings, infos, url|0, rules, bits].
 */
export const CLIENT_JS = String.raw`(function () {
'use strict';
var d = document;
var $ = function (id) { return d.getElementById(id); };
var each = function (list, f) { Array.prototype.forEach.call(list, f); };
var esc = function (s) { return String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); };
var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
var json = function (id) { var el = $(id); return el ? JSON.parse(el.textContent) : null; };

// ---- server-rendered tables: sort by a header button, filter by a search box
function cellValue(cell, numeric) {
  var v = cell.hasAttribute('data-value') ? cell.getAttribute('data-value') : cell.textContent.trim();
  if (!numeric) return v;
  var n = parseFloat(v);
  return isNaN(n) ? null : n;
}
function compareValues(a, b, numeric) {
  if (!numeric) return collator.compare(a, b);
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a - b;
}
each(d.querySelectorAll('table[data-sortable]'), function (table) {
  var heads = table.tHead.rows[0].cells;
  each(heads, function (th, col) {
    var button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', function () {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      each(heads, function (x) { x.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir);
      var numeric = th.getAttribute('data-type') === 'number';
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = cellValue(a.cells[col], numeric), y = cellValue(b.cells[col], numeric);
        if (numeric && (x === null || y === null)) return compareValues(x, y, true);
        return dir === 'ascending' ? compareValues(x, y, numeric) : compareValues(y, x, numeric);
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
each(d.querySelectorAll('input[data-filter-for]'), function (input) {
  var table = $(input.getAttribute('data-filter-for'));
  var status = $(table.id + '-status');
  input.addEventListener('input', function () {
    var q = input.value.trim().toLowerCase();
    var shown = 0;
    each(table.tBodies[0].rows, function (r) {
      var hit = !q || r.textContent.toLowerCase().indexOf(q) >= 0;
      r.hidden = !hit;
      if (hit) shown++;
    });
    if (status) status.textContent = q ? shown + ' of ' + table.tBodies[0].rows.length + ' shown' : '';
  });
});

// ---- the datasets table
var meta = json('scorecard-meta');
var rows = json('scorecard-rows');
if (!meta || !rows) return;
// Rows name organisations in the order first seen; the table and the select list them by name.
for (var n = 0; n < rows.length; n++) rows[n][2] = meta.orgIndex[rows[n][2]];
var RATINGS = ['excellent', 'good', 'sufficient', 'bad'];
var OPENNESS = ['open', 'not open', 'unknown', 'no licence'];
var SEVERITIES = ['error', 'warning', 'info'];
var details;
var haystack;
// key -1: the report's order (sorting 100,000 titles at load would cost a second).
var state = { q: '', org: -1, rating: -1, problem: '', key: -1, dir: 1, page: 0, size: meta.pageSize };
var view = [];
var search = $('ds-search'), org = $('ds-org'), rating = $('ds-rating'), problem = $('ds-problem');
var body = $('ds-body'), status = $('ds-status'), pageInfo = $('ds-page'), prev = $('ds-prev'), next = $('ds-next');
var panel = $('ds-detail');
d.getElementById('datasets-js').hidden = false;

var opts = '';
meta.orgs.forEach(function (name, k) { opts += '<option value="' + k + '">' + esc(name) + '</option>'; });
org.insertAdjacentHTML('beforeend', opts);

var PROBLEMS = {
  errors: function (r) { return r[11] > 0; },
  warnings: function (r) { return r[12] > 0; },
  clean: function (r) { return r[11] + r[12] + r[13] === 0; },
  personal: function (r) { return (r[16] & 4) !== 0; },
  people: function (r) { return (r[16] & 1) !== 0; },
  'not-disaggregated': function (r) { return (r[16] & 3) === 1; },
  'not-open': function (r) { return r[10] !== 0; },
  'not-machine-readable': function (r) { return (r[16] & 8) === 0; }
};

function apply() {
  var q = state.q.toLowerCase();
  if (q && !haystack) haystack = rows.map(function (r) { return (r[0] + ' ' + (r[1] || '')).toLowerCase(); });
  var test = PROBLEMS[state.problem];
  view = [];
  for (var i = 0; i < rows.length; i++) {
    var r = rows[i];
    if (state.org >= 0 && r[2] !== state.org) continue;
    if (state.rating >= 0 && r[6] !== state.rating) continue;
    if (test && !test(r)) continue;
    if (q && haystack[i].indexOf(q) < 0) continue;
    view.push(i);
  }
  var key = state.key, dir = state.dir;
  // Organisations are indexed in name order: their indexes sort as their names do.
  var text = key === 0 || key === 9;
  if (key >= 0) view.sort(function (a, b) {
    var x = rows[a][key], y = rows[b][key];
    if (key === 9) { x = x < 0 ? null : meta.licences[x]; y = y < 0 ? null : meta.licences[y]; }
    if (key === 6) { x = x < 0 ? null : x; y = y < 0 ? null : y; }
    if (x === null || y === null) return x === y ? a - b : x === null ? 1 : -1;
    var c = text ? collator.compare(x, y) : x - y;
    return c ? c * dir : a - b;
  });
  state.page = Math.min(state.page, Math.max(0, Math.ceil(view.length / state.size) - 1));
  render();
}

function cell(v, suffix) { return v === null || v === undefined ? '–' : v + (suffix || ''); }
function render() {
  var start = state.page * state.size;
  var html = '';
  for (var k = start; k < Math.min(view.length, start + state.size); k++) {
    var i = view[k], r = rows[i];
    html += '<tr><th scope="row"><a href="#dataset-' + i + '">' + esc(r[0]) + '</a>' + (r[1] ? '<span class="desc">' + esc(r[1]) + '</span>' : '') + '</th>' +
      '<td>' + (r[2] < 0 ? '–' : esc(meta.orgs[r[2]])) + '</td>' +
      '<td class="n">' + cell(r[4]) + '</td><td class="n">' + cell(r[5]) + '</td>' +
      '<td>' + (r[6] < 0 ? '–' : '<span class="badge ' + RATINGS[r[6]] + '">' + RATINGS[r[6]] + '</span>') + '</td>' +
      '<td class="n">' + cell(r[7], ' %') + '</td><td class="n">' + cell(r[8]) + '</td>' +
      '<td>' + (r[9] < 0 ? '–' : esc(meta.licences[r[9]])) + ' <span class="desc">' + OPENNESS[r[10]] + '</span></td>' +
      '<td class="n">' + r[11] + '</td><td class="n">' + r[12] + '</td></tr>';
  }
  body.innerHTML = html || '<tr><td colspan="10">No dataset matches.</td></tr>';
  var pages = Math.max(1, Math.ceil(view.length / state.size));
  pageInfo.textContent = 'Page ' + (state.page + 1) + ' of ' + pages;
  status.textContent = view.length ? 'Showing ' + (start + 1) + '–' + Math.min(view.length, start + state.size) + ' of ' + view.length + ' datasets' + (view.length < rows.length ? ' (of ' + rows.length + ')' : '') : 'No dataset matches (of ' + rows.length + ')';
  prev.disabled = state.page === 0;
  next.disabled = state.page >= pages - 1;
  each(d.querySelectorAll('#ds-table thead th'), function (th) {
    var k = Number(th.getAttribute('data-key'));
    if (k === state.key) th.setAttribute('aria-sort', state.dir > 0 ? 'ascending' : 'descending');
    else th.removeAttribute('aria-sort');
  });
}

var timer;
search.addEventListener('input', function () {
  clearTimeout(timer);
  timer = setTimeout(function () { state.q = search.value.trim(); state.page = 0; apply(); }, 120);
});
org.addEventListener('change', function () { state.org = Number(org.value); state.page = 0; apply(); });
rating.addEventListener('change', function () { state.rating = Number(rating.value); state.page = 0; apply(); });
problem.addEventListener('change', function () { state.problem = problem.value; state.page = 0; apply(); });
$('ds-size').addEventListener('change', function (e) { state.size = Number(e.target.value); state.page = 0; render(); });
prev.addEventListener('click', function () { state.page--; render(); });
next.addEventListener('click', function () { state.page++; render(); });
each(d.querySelectorAll('#ds-table thead button'), function (b) {
  b.addEventListener('click', function () {
    var k = Number(b.parentNode.getAttribute('data-key'));
    state.dir = state.key === k ? -state.dir : (k === 0 || k === 2 || k === 9 ? 1 : -1);
    state.key = k;
    apply();
  });
});

function rule(k) { return meta.rules[k]; }
function showDataset(i) {
  var r = rows[i];
  if (!r) return;
  var html = '<h3 id="ds-detail-h">' + esc(r[0]) + '</h3><dl class="meta">' +
    (r[1] ? '<dt>Identifier</dt><dd><code>' + esc(r[1]) + '</code></dd>' : '') +
    '<dt>Organisation</dt><dd>' + (r[2] < 0 ? '–' : esc(meta.orgs[r[2]])) + '</dd>' +
    '<dt>Source</dt><dd><code>' + esc(meta.files[r[3]]) + '</code></dd>' +
    (r[14] ? '<dt>Portal page</dt><dd><a href="' + esc(r[14]) + '" rel="noreferrer">' + esc(r[14]) + '</a></dd>' : '') +
    '<dt>Scores</dt><dd>odlint ' + cell(r[4]) + '/100 · MQA ' + cell(r[5]) + '/405' + (r[6] < 0 ? '' : ' (' + RATINGS[r[6]] + ')') + ' · udata ' + cell(r[7], ' %') + ' · ' + cell(r[8]) + ' stars</dd>' +
    '<dt>Licence</dt><dd>' + (r[9] < 0 ? 'none' : esc(meta.licences[r[9]])) + ' (' + OPENNESS[r[10]] + ')</dd></dl>';
  var findings = '';
  if (meta.details === 'inline') {
    if (!details) details = json('scorecard-details');
    var list = details[i] || [];
    list.forEach(function (f) {
      var ru = rule(f[0]);
      findings += '<li class="' + SEVERITIES[f[1]] + '"><span class="sev">' + SEVERITIES[f[1]] + '</span> ' + esc(f[2]) +
        ' <a href="' + esc(ru[2]) + '"><code>' + esc(ru[0]) + '</code></a>' + (f[3] ? ' <span class="muted">' + esc(f[3]) + '</span>' : '') +
        (ru[1] ? '<span class="desc">' + esc(ru[1]) + '</span>' : '') + '</li>';
    });
    if (r[11] + r[12] + r[13] > list.length) findings += '<li class="muted">…and ' + (r[11] + r[12] + r[13] - list.length) + ' more</li>';
  } else {
    r[15].forEach(function (k) { var ru = rule(k); findings += '<li><a href="' + esc(ru[2]) + '"><code>' + esc(ru[0]) + '</code></a><span class="desc">' + esc(ru[1] || '') + '</span></li>'; });
    findings += '<li class="muted">' + esc(meta.detailsNote) + '</li>';
  }
  html += '<h4>Findings: ' + r[11] + ' errors, ' + r[12] + ' warnings, ' + r[13] + ' infos</h4>' +
    (r[11] + r[12] + r[13] || meta.details !== 'inline' ? '<ul class="findings">' + findings + '</ul>' : '<p class="ok">No problems found.</p>') +
    '<p><a href="#datasets">Back to the datasets table</a></p>';
  panel.innerHTML = html;
  panel.hidden = false;
  panel.focus();
}

function route() {
  var m = /^#dataset-(\d+)$/.exec(location.hash);
  if (m) return showDataset(Number(m[1]));
  m = /^#datasets-org-(\d+)$/.exec(location.hash);
  if (m) {
    org.value = m[1];
    state.org = Number(m[1]);
    state.page = 0;
    apply();
    $('datasets-h').scrollIntoView();
    search.focus();
  }
}
window.addEventListener('hashchange', route);
apply();
route();
})();`;

/** The value of the page's `script-src`: only this script may run. */
export const CLIENT_HASH = `'sha256-${createHash('sha256').update(CLIENT_JS).digest('base64')}'`;

/** Colours meet WCAG AA contrast (4.5:1 for text) on white and on their badge backgrounds. */
export const CSS = `
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#fff;margin:0 auto;max-width:1200px;padding:16px 24px}
h1{margin:0 0 4px;font-size:26px}h2{margin:32px 0 10px;font-size:21px;border-bottom:1px solid #d0d7de;padding-bottom:4px}h3{margin:22px 0 8px;font-size:17px}h4{margin:14px 0 6px;font-size:15px}
a{color:#0550ae}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,[tabindex]:focus-visible{outline:3px solid #0969da;outline-offset:2px}
.muted,.desc{color:#57606a}.desc{display:block;font-size:13px;font-weight:normal}
code{font:13px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f8fa;padding:1px 4px;border-radius:4px}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:16px;padding:0;margin:8px 0}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:10px;margin-top:12px}
.tile{border:1px solid #d0d7de;border-radius:8px;padding:10px 12px}.tile b{display:block;font-size:26px}.tile span{display:block;color:#57606a;font-size:13px}
.delta .better{color:#116329;font-weight:600}.delta .worse,.worse{color:#a40e26;font-weight:600}.better{color:#116329;font-weight:600}.same{color:#57606a}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
table{border-collapse:collapse;width:100%;margin:8px 0}caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border-bottom:1px solid #d0d7de;padding:5px 8px;text-align:left;vertical-align:top}thead th{background:#f6f8fa}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;color:#0550ae;cursor:pointer;text-align:left}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
.chart{margin:10px 0 18px}.chart figcaption{font-weight:600}.chart-body{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
.chart svg rect{fill:#0969da}.chart svg text,.spark svg text{font-size:12px;fill:#1f2328}.chart .numbers{width:auto;min-width:220px}
.sparks{display:flex;flex-wrap:wrap;gap:16px}.spark{margin:0}.spark figcaption{font-size:13px}.spark polyline{fill:none;stroke:#0969da;stroke-width:2}.spark circle{fill:#0550ae}
.bar{display:inline-block;height:10px;background:#0969da;vertical-align:middle}
.badge{border-radius:10px;padding:0 8px;font-size:13px;white-space:nowrap}
.badge.excellent{background:#dafbe1;color:#116329}.badge.good{background:#ddf4ff;color:#0a3069}.badge.sufficient{background:#fff8c5;color:#6c4400}.badge.bad{background:#ffebe9;color:#a40e26}
.org-section{display:none;border:1px solid #d0d7de;border-radius:8px;padding:4px 16px 12px;margin:16px 0}.org-section:target{display:block}
.org-section .facts{width:auto}
.controls{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;margin:8px 0}
input,select,button.pager{font:inherit;padding:4px 8px;border:1px solid #6e7781;border-radius:6px;background:#fff;color:#1f2328}
button.pager:disabled{color:#6e7781;border-color:#d0d7de}
.pagination{display:flex;gap:12px;align-items:center;margin:8px 0}
#ds-detail{border:2px solid #0969da;border-radius:8px;padding:4px 16px 12px;margin:16px 0}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}dl.meta dt{font-weight:600}dl.meta dd{margin:0;overflow-wrap:anywhere}
.findings{padding-left:0;list-style:none;margin:8px 0 0}.findings li{padding:4px 0;border-top:1px solid #eaeef2}
.sev{display:inline-block;min-width:62px;font-weight:600}.error .sev,td.error{color:#a40e26}.warning .sev,td.warning{color:#7d4e00}.info .sev,td.info{color:#0550ae}
.ok{color:#116329}.note{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:8px 12px;color:#3b2300}
@media print{
 body{max-width:none;padding:0;font-size:10.5pt}nav,.controls,.pagination,#ds-detail:empty,noscript{display:none}
 h2{break-after:avoid}figure,table,.tile,.org-section,.family{break-inside:avoid}thead{display:table-header-group}
 .org-section{display:block}th button{color:#1f2328}th[aria-sort] button::after{content:""}a{color:#1f2328;text-decoration:none}
 .chart svg rect,.bar{fill:#57606a;background:#57606a;print-color-adjust:exact;-webkit-print-color-adjust:exact}
}
`;
