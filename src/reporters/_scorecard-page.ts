import { ruleHelpUri } from './_findings.js';
import type { Comparison, Snapshot } from './_scorecard-compare.js';
import { INDICATORS, NO_PUBLISHER, OPENNESS, RATINGS, type CatalogueTally, type Group, type Indicator } from './_scorecard-tally.js';

/**
 * The parts of the scorecard page that are rendered on the server, from the tally alone: the
 * overview per family (each chart with a text alternative and its numbers in a table), the
 * organisation table and sections, and the comparison with earlier runs. They read without
 * script and print; the datasets table is rendered by the page's script from embedded JSON.
 */

export const h = (s: string | number | undefined) =>
  String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A number as the page shows it: integers as they are, means with one decimal, '–' when undefined. */
export function num(n: number | undefined, digits = 1): string {
  if (n === undefined || Number.isNaN(n)) return '–';
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
const pct = (n: number, of: number) => (of ? `${num((n / of) * 100)} %` : '–');
export const showIndicator = (i: Indicator, v: number | undefined) => (v === undefined ? '–' : `${num(v)}${i.unit === '%' ? ' %' : ''}`);

const OPENNESS_LABELS: Record<string, string> = { open: 'Open', 'not-open': 'Not open', unknown: 'Unknown openness', missing: 'No licence' };
const RATING_RANGES: Record<string, string> = { excellent: '351–405', good: '221–350', sufficient: '121–220', bad: '0–120' };

/** A horizontal bar chart (SVG, described for screen readers) and the same numbers as a table. */
export function barChart(id: string, caption: string, items: [string, number][], unit = 'datasets'): string {
  const max = Math.max(1, ...items.map(([, v]) => v));
  const label = Math.min(190, 8 + 7 * Math.max(4, ...items.map(([k]) => k.length)));
  const width = label + 260;
  const bars = items
    .map(([k, v], i) => {
      const y = i * 24;
      const w = Math.round((v / max) * 200);
      return `<text x="0" y="${y + 16}">${h(k.length > 26 ? k.slice(0, 25) + '…' : k)}</text><rect x="${label}" y="${y + 5}" width="${w}" height="14"/><text x="${label + w + 6}" y="${y + 16}">${v}</text>`;
    })
    .join('');
  const alt = `${caption}: ${items.map(([k, v]) => `${k} ${v}`).join(', ')}`;
  const rows = items.map(([k, v]) => `<tr><th scope="row">${h(k)}</th><td class="n">${v}</td></tr>`).join('');
  return `<figure class="chart" data-testid="chart-${h(id)}"><figcaption>${h(caption)}</figcaption><div class="chart-body"><svg role="img" aria-label="${h(alt)}" width="${width}" height="${items.length * 24 + 4}" viewBox="0 0 ${width} ${items.length * 24 + 4}">${bars}</svg><table class="numbers"><thead><tr><th scope="col">${h(caption.split(' by ')[1] ?? 'Value')}</th><th scope="col">${h(unit)}</th></tr></thead><tbody>${rows}</tbody></table></div></figure>`;
}

const section = (id: string, title: string, body: string) => `<section id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${h(title)}</h2>${body}</section>`;
const sub = (id: string, title: string, body: string) => `<section class="family" aria-labelledby="${id}-h" data-testid="family-${id}"><h3 id="${id}-h">${h(title)}</h3>${body}</section>`;

/** Tiles: the headline indicators, with the change since the previous run when comparing. */
function tiles(t: CatalogueTally, previous?: Snapshot): string {
  const shown = ['datasets', 'errors', 'warnings', 'odlint', 'mqa', 'udata', 'open', 'machine-readable', 'personal-data', 'sex-disaggregated'];
  return `<div class="tiles" data-testid="overview">${INDICATORS.filter((i) => shown.includes(i.id))
    .map((i) => {
      const v = i.value(t.all);
      const change = previous ? delta(i, i.value(previous.tally.all), v) : '';
      return `<div class="tile" data-testid="tile-${i.id}"><b>${showIndicator(i, v)}</b><span>${h(i.label)}${i.unit && i.unit !== '%' ? ` ${h(i.unit)}` : ''}</span>${change ? `<span class="delta">${change}</span>` : ''}</div>`;
    })
    .join('')}</div>`;
}

/** `+3.2` / `−1` with a word for screen readers and print, or '' when unchanged or unknown. */
export function delta(i: Indicator, before: number | undefined, after: number | undefined): string {
  if (before === undefined || after === undefined) return '';
  const d = after - before;
  if (Math.abs(d) < 1e-9) return '<span class="same">no change</span>';
  const better = d > 0 === i.higherIsBetter;
  return `<span class="${better ? 'better' : 'worse'}">${d > 0 ? '+' : '−'}${num(Math.abs(d))}${i.unit === '%' ? ' pt' : ''} <span class="sr">(${better ? 'better' : 'worse'})</span></span>`;
}

function licences(t: CatalogueTally): string {
  const g = t.all;
  const top = [...t.byLicence].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const listed = top.slice(0, 15);
  const others = top.slice(15).reduce((n, [, v]) => n + v, 0);
  const byLicence: [string, number][] = [...listed, ...(others ? [[`${top.length - 15} other licences`, others] as [string, number]] : [])];
  return sub(
    'licences',
    'Licences',
    `<p>${pct(g.licences.open, g.datasets)} of the datasets have an open licence; ${g.licences.missing} state none.</p>` +
      barChart('licence-openness', 'Datasets by licence openness', OPENNESS.map((o) => [OPENNESS_LABELS[o]!, g.licences[o]])) +
      (byLicence.length ? barChart('licence-ids', 'Datasets by licence', byLicence) : ''),
  );
}

function machineReadability(t: CatalogueTally): string {
  const g = t.all;
  const formats = [...t.byFormat].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 15);
  return sub(
    'machine-readability',
    'Machine-readability',
    `<p>${pct(g.machineReadable, g.formatScored)} of the datasets scored have a distribution in a machine-readable format (MQA's list).</p>` +
      barChart('stars', 'Datasets by 5-star openness', t.stars.map((n, s) => [`${s} star${s === 1 ? '' : 's'}`, n] as [string, number]).reverse()) +
      (formats.length ? barChart('formats', 'Datasets by format', formats) : '<p class="muted">No distribution format was recognised.</p>'),
  );
}

function personalData(t: CatalogueTally): string {
  const kinds = [...t.personalKinds].sort((a, b) => b[1].datasets - a[1].datasets || a[0].localeCompare(b[0]));
  const rows = kinds
    .map(([k, v]) => `<tr><th scope="row"><a href="${h(ruleHelpUri(`personal-data/${k}`))}">${h(k)}</a></th><td class="n">${v.datasets}</td><td class="n">${v.findings}</td></tr>`)
    .join('');
  const table = kinds.length
    ? `<table data-testid="personal-kinds"><caption>Suspected personal data by kind</caption><thead><tr><th scope="col">Kind (rule)</th><th scope="col">Datasets</th><th scope="col">Findings</th></tr></thead><tbody>${rows}</tbody></table>`
    : '';
  return sub(
    'personal-data',
    'Personal-data risk',
    `<p><b data-testid="personal-datasets">${t.all.personal}</b> dataset${t.all.personal === 1 ? '' : 's'} with suspected personal data (${pct(t.all.personal, t.all.datasets)}). Kinds and counts only: values are never shown.</p>${table}`,
  );
}

function gender(t: CatalogueTally): string {
  const g = t.all;
  const head = g.aboutPeople
    ? `<p data-testid="gender"><b>${pct(g.disaggregated, g.aboutPeople)}</b> of the ${g.aboutPeople} dataset${g.aboutPeople === 1 ? '' : 's'} about individuals are sex-disaggregated (${g.disaggregated} of ${g.aboutPeople}).</p>`
    : '<p data-testid="gender" class="muted">Not available: no dataset declares whether it concerns individuals, and no data file read shows it.</p>';
  const row = (name: string, f: CatalogueTally['concernsIndividuals']) =>
    `<tr><th scope="row">${name}</th><td class="n">${f.declaredYes}</td><td class="n">${f.declaredNo}</td><td class="n">${f.notDeclared}</td><td class="n">${f.dataRead}</td><td class="n">${f.detected}</td><td class="n">${f.disagree}</td></tr>`;
  return sub(
    'gender',
    'Gender: data about people',
    head +
      `<table data-testid="gender-flags"><caption>Flags declared by publishers and detected in the data read</caption><thead><tr><th scope="col">Flag</th><th scope="col">Declared yes</th><th scope="col">Declared no</th><th scope="col">Not declared</th><th scope="col">Data read</th><th scope="col">Detected in data</th><th scope="col">Declared ≠ detected</th></tr></thead><tbody>${row('Concerns individuals', t.concernsIndividuals)}${row('Sex-disaggregated', t.sexDisaggregated)}</tbody></table>`,
  );
}

function completeness(t: CatalogueTally): string {
  if (!t.indicators.size) return sub('completeness', 'Metadata completeness', '<p class="muted">No dataset has an MQA score (data files without a descriptor).</p>');
  const rows = [...t.indicators]
    .map(([k, v]) => {
      const share = v.scored ? (v.met / v.scored) * 100 : 0;
      return `<tr><th scope="row"><code>${h(k)}</code></th><td class="n">${v.met}</td><td class="n">${v.scored}</td><td class="n" data-value="${share.toFixed(2)}">${num(share)} %</td><td aria-hidden="true"><span class="bar" style="width:${Math.round(share)}px"></span></td></tr>`;
    })
    .join('');
  const note = t.notChecked ? '<p class="muted">Reachability of access and download URLs was not checked (run with <code>--online</code>); those indicators count 0, so a dataset with web URLs scores at most 325 of 405 and cannot be rated excellent (351).</p>' : '';
  const linked = t.linked ? `<p class="muted">${t.linked} dataset(s) only link to their distributions (udata API v2): their distribution indicators were not checked and count 0.</p>` : '';
  return sub(
    'completeness',
    'Metadata completeness',
    `<p>Share of datasets that score points on each MQA indicator (a property present, from a vocabulary, reachable…).</p><table data-sortable id="completeness-table" data-testid="completeness"><caption>MQA indicators met</caption><thead><tr><th scope="col"><button type="button">Indicator</button></th><th scope="col" data-type="number"><button type="button">Datasets meeting it</button></th><th scope="col" data-type="number"><button type="button">Datasets scored</button></th><th scope="col" data-type="number"><button type="button">Share</button></th><th scope="col"><span class="sr">Bar</span></th></tr></thead><tbody>${rows}</tbody></table>${note}${linked}`,
  );
}

function scores(t: CatalogueTally): string {
  const g = t.all;
  return sub(
    'scores',
    'MQA and udata scores',
    barChart('mqa-ratings', 'Datasets by MQA rating', RATINGS.map((r) => [`${r} (${RATING_RANGES[r]})`, g.ratings[r] ?? 0])) +
      barChart('mqa-points', 'Datasets by MQA points', t.mqaBins.map((n, i) => [i === 7 ? '350–405' : `${i * 50}–${i * 50 + 49}`, n] as [string, number])) +
      barChart('udata', 'Datasets by udata quality', t.udataBins.map((n, i) => [i === 9 ? '90–100 %' : `${i * 10}–${i * 10 + 9} %`, n] as [string, number])),
  );
}

function topRules(t: CatalogueTally, ruleDescription: (id: string) => string | undefined): string {
  const rows = [...t.ruleFindings]
    .map(([id, e]) => ({ id, ...e, datasets: t.all.rules.get(id) ?? 0 }))
    .sort((a, b) => b.datasets - a.datasets || b.findings - a.findings || a.id.localeCompare(b.id))
    .slice(0, 15)
    .map((e) => `<tr><th scope="row"><a href="${h(ruleHelpUri(e.id))}"><code>${h(e.id)}</code></a><span class="desc">${h(ruleDescription(e.id))}</span></th><td class="${h(e.severity)}">${h(e.severity)}</td><td class="n">${e.datasets}</td><td class="n">${e.findings}</td></tr>`);
  if (!rows.length) return sub('rules', 'Top failing rules', '<p>No rule failed.</p>');
  return sub('rules', 'Top failing rules', `<table data-testid="top-rules"><thead><tr><th scope="col">Rule</th><th scope="col">Severity</th><th scope="col">Datasets</th><th scope="col">Findings</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
}

export function overview(t: CatalogueTally, previous: Snapshot | undefined, ruleDescription: (id: string) => string | undefined): string {
  return section(
    'overview',
    'Overview',
    tiles(t, previous) + licences(t) + machineReadability(t) + personalData(t) + gender(t) + completeness(t) + scores(t) + topRules(t, ruleDescription),
  );
}

/** Organisation names in the order of the organisation table (by name): their index is their anchor. */
export const orgOrder = (t: CatalogueTally) => [...t.orgs.keys()].sort((a, b) => (a === NO_PUBLISHER ? 1 : b === NO_PUBLISHER ? -1 : a.localeCompare(b)));

const ORG_COLUMNS = ['datasets', 'errors', 'warnings', 'odlint', 'mqa', 'udata', 'open', 'machine-readable', 'sex-disaggregated'];

/** The sortable, filterable organisation table, and one section per organisation (shown when its anchor is the target). */
export function organisations(t: CatalogueTally, orgs: string[], ruleDescription: (id: string) => string | undefined, previous?: Snapshot): string {
  const cols = ORG_COLUMNS.map((id) => INDICATORS.find((i) => i.id === id)!);
  const head = `<tr><th scope="col" aria-sort="ascending"><button type="button">Organisation</button></th>${cols.map((c) => `<th scope="col" data-type="number"><button type="button">${h(c.label)}${c.unit && c.unit !== '%' ? ` ${h(c.unit)}` : c.unit === '%' ? ' %' : ''}</button></th>`).join('')}</tr>`;
  const rows = orgs
    .map((name, k) => {
      const g = t.orgs.get(name)!;
      return `<tr><th scope="row"><a href="#org-${k}">${h(name)}</a></th>${cols.map((c) => {
        const v = c.value(g);
        return `<td class="n" data-value="${v ?? ''}">${showIndicator(c, v)}</td>`;
      }).join('')}</tr>`;
    })
    .join('');
  const table = `<div class="controls"><label for="org-filter">Filter organisations</label> <input type="search" id="org-filter" data-filter-for="org-table" autocomplete="off"> <span id="org-table-status" role="status" aria-live="polite"></span></div><table data-sortable id="org-table" data-testid="publishers"><caption>${orgs.length} organisation${orgs.length === 1 ? '' : 's'}: select a name for its section</caption><thead>${head}</thead><tbody>${rows}</tbody></table>`;
  const sections = orgs.map((name, k) => orgSection(t.orgs.get(name)!, name, k, ruleDescription, previous?.tally.orgs.get(name))).join('');
  return section('organisations', 'By organisation', table + sections);
}

function orgSection(g: Group, name: string, k: number, ruleDescription: (id: string) => string | undefined, before?: Group): string {
  const facts = INDICATORS.map((i) => `<tr><th scope="row">${h(i.label)}</th><td class="n">${showIndicator(i, i.value(g))}</td>${before ? `<td class="n">${delta(i, i.value(before), i.value(g)) || '–'}</td>` : ''}</tr>`).join('');
  const rules = [...g.rules]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([id, n]) => `<li><a href="${h(ruleHelpUri(id))}"><code>${h(id)}</code></a> — ${n} dataset${n === 1 ? '' : 's'}<span class="desc">${h(ruleDescription(id))}</span></li>`)
    .join('');
  const ratings = RATINGS.map((r) => `${r} ${g.ratings[r] ?? 0}`).join(', ');
  return `<section class="org-section" id="org-${k}" aria-labelledby="org-${k}-h" tabindex="-1"><h3 id="org-${k}-h">${h(name)}</h3><p><a href="#datasets-org-${k}">Show its ${g.datasets} dataset${g.datasets === 1 ? '' : 's'}</a> · <a href="#organisations">Back to all organisations</a></p><p>MQA ratings: ${ratings}. Licences: ${OPENNESS.map((o) => `${OPENNESS_LABELS[o]!.toLowerCase()} ${g.licences[o]}`).join(', ')}.</p><table class="facts"><caption>Indicators of ${h(name)}</caption><thead><tr><th scope="col">Indicator</th><th scope="col">Value</th>${before ? '<th scope="col">Change</th>' : ''}</tr></thead><tbody>${facts}</tbody></table>${rules ? `<h4>Most frequent problems</h4><ul>${rules}</ul>` : ''}</section>`;
}

/** Changes since the earlier runs: indicators, organisations, new and fixed findings, and the trend. */
export function changes(t: CatalogueTally, c: Comparison, orgs: string[], date: string | undefined): string {
  const last = c.previous[c.previous.length - 1]!;
  const rows = INDICATORS.map((i) => {
    const a = i.value(last.tally.all);
    const b = i.value(t.all);
    return `<tr><th scope="row">${h(i.label)}${i.unit && i.unit !== '%' ? ` ${h(i.unit)}` : ''}</th><td class="n">${showIndicator(i, a)}</td><td class="n">${showIndicator(i, b)}</td><td class="n">${delta(i, a, b) || '–'}</td></tr>`;
  }).join('');
  const indicators = `<table data-testid="compare-indicators"><caption>Indicators: ${h(last.shown)} (${h(last.date)}) and this run</caption><thead><tr><th scope="col">Indicator</th><th scope="col">Before</th><th scope="col">Now</th><th scope="col">Change</th></tr></thead><tbody>${rows}</tbody></table>`;

  const cols = ['datasets', 'errors', 'warnings', 'mqa', 'open', 'machine-readable'].map((id) => INDICATORS.find((i) => i.id === id)!);
  const names = [...new Set([...orgs, ...[...last.tally.orgs.keys()].sort()])];
  const orgRows = names
    .map((name) => {
      const a = last.tally.orgs.get(name);
      const b = t.orgs.get(name);
      const state = !a ? ' <span class="muted">(new)</span>' : !b ? ' <span class="muted">(gone)</span>' : '';
      return `<tr><th scope="row">${h(name)}${state}</th>${cols.map((i) => {
        const y = valueIn(i, b);
        return `<td class="n">${showIndicator(i, y)} ${delta(i, valueIn(i, a), y)}</td>`;
      }).join('')}</tr>`;
    })
    .join('');
  const byOrg = `<table data-sortable id="compare-orgs" data-testid="compare-orgs"><caption>By organisation: value now and change</caption><thead><tr><th scope="col"><button type="button">Organisation</button></th>${cols.map((i) => `<th scope="col" data-type="number"><button type="button">${h(i.label)}</button></th>`).join('')}</tr></thead><tbody>${orgRows}</tbody></table>`;

  const changed = (what: 'new' | 'fixed', x: Comparison['added']) => {
    const byRule = [...x.byRule].sort((p, q) => q[1] - p[1] || p[0].localeCompare(q[0]));
    const list = x.listed.map((f) => `<li class="${h(f.severity)}"><span class="sev">${h(f.severity)}</span> ${h(f.dataset)}: ${h(f.message)} <a href="${h(ruleHelpUri(f.ruleId))}"><code>${h(f.ruleId)}</code></a></li>`).join('');
    const more = x.total > x.listed.length ? `<p class="muted">${x.listed.length} of ${x.total} listed.</p>` : '';
    return `<section class="family" aria-labelledby="${what}-h" data-testid="${what}-findings"><h3 id="${what}-h">${what === 'new' ? 'New findings' : 'Fixed findings'}: <span data-testid="${what}-count">${x.total}</span></h3>${
      byRule.length ? `<table><caption>${what === 'new' ? 'New' : 'Fixed'} findings by rule</caption><thead><tr><th scope="col">Rule</th><th scope="col">Findings</th></tr></thead><tbody>${byRule.map(([id, n]) => `<tr><th scope="row"><code>${h(id)}</code></th><td class="n">${n}</td></tr>`).join('')}</tbody></table><details><summary>List them</summary><ul class="findings">${list}</ul>${more}</details>` : ''
    }</section>`;
  };
  const trend = c.previous.length >= 2 ? trendChart(t, c.previous, date) : '';
  return section('changes', 'Changes over time', `<p>Compared with ${c.previous.map((p) => `<code>${h(p.shown)}</code> (${h(p.date)})`).join(', ')}. Findings are matched by fingerprint (rule, file, location, message id), as baselines do.</p>${indicators}${changed('new', c.added)}${changed('fixed', c.fixed)}<section class="family" aria-labelledby="compare-orgs-h"><h3 id="compare-orgs-h">Changes by organisation</h3>${byOrg}</section>${trend}`);
}

/** An indicator of an organisation that may be absent from a run: its counts are then 0, its means unknown. */
const valueIn = (i: Indicator, g: Group | undefined) => (g ? i.value(g) : i.unit === '' ? 0 : undefined);

/** Small multiples: one line per indicator over the runs, and the same numbers as a table. */
function trendChart(t: CatalogueTally, previous: Snapshot[], date: string | undefined): string {
  const runs = [...previous.map((p) => ({ label: `${p.shown} (${p.date})`, all: p.tally.all })), { label: date ? `this run (${date})` : 'this run', all: t.all }];
  const shown = INDICATORS.filter((i) => ['mqa', 'odlint', 'udata', 'open', 'machine-readable', 'sex-disaggregated', 'errors'].includes(i.id));
  const charts = shown
    .map((i) => {
      const values = runs.map((r) => i.value(r.all));
      const known = values.filter((v): v is number => v !== undefined);
      if (!known.length) return '';
      const lo = Math.min(...known);
      const hi = Math.max(...known);
      const x = (k: number) => 10 + (k * 180) / Math.max(1, runs.length - 1);
      const y = (v: number) => 50 - (hi === lo ? 20 : ((v - lo) / (hi - lo)) * 40);
      const points = values.map((v, k) => (v === undefined ? '' : `${x(k).toFixed(1)},${y(v).toFixed(1)}`)).filter(Boolean).join(' ');
      const alt = `${i.label}: ${values.map((v, k) => `${runs[k]!.label} ${showIndicator(i, v)}`).join(', ')}`;
      return `<figure class="spark"><figcaption>${h(i.label)}</figcaption><svg role="img" aria-label="${h(alt)}" width="200" height="60" viewBox="0 0 200 60"><polyline points="${points}"/>${values.map((v, k) => (v === undefined ? '' : `<circle cx="${x(k).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3"/>`)).join('')}</svg></figure>`;
    })
    .join('');
  const head = `<tr><th scope="col">Indicator</th>${runs.map((r) => `<th scope="col">${h(r.label)}</th>`).join('')}</tr>`;
  const rows = INDICATORS.map((i) => `<tr><th scope="row">${h(i.label)}</th>${runs.map((r) => `<td class="n">${showIndicator(i, i.value(r.all))}</td>`).join('')}</tr>`).join('');
  return `<section class="family" aria-labelledby="trend-h" data-testid="trend"><h3 id="trend-h">Trend over ${runs.length} runs</h3><div class="sparks">${charts}</div><table data-testid="trend-table"><caption>Indicators per run (oldest first)</caption><thead>${head}</thead><tbody>${rows}</tbody></table></section>`;
}
