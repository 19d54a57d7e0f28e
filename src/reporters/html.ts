import type { DatasetReport, Finding, ReportSummary } from '../model/index.js';
import { defineFormatter } from './types.js';
import { filesNotLoaded } from './_inventory.js';
import { Spill } from './_spill.js';
import { datasetName, plural, visible, where } from './_findings.js';

/** Findings listed per dataset card; the rest are counted. */
export const MAX_CARD_FINDINGS = 50;
const RATINGS = ['excellent', 'good', 'sufficient', 'bad'] as const;
const RATING_COLOURS: Record<string, string> = { excellent: '#1a7f37', good: '#4c9a2a', sufficient: '#d4a72c', bad: '#cf222e' };
const DIMENSIONS = ['findability', 'accessibility', 'interoperability', 'reusability', 'contextuality'];

const h = (s: string | number | undefined) =>
  String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const fmt = (n: number | undefined, digits = 0) => (n === undefined ? '–' : n.toFixed(digits));

/** A running mean (summed in arrival order, as a reduce over the list would). */
class Mean {
  private sum = 0;
  private n = 0;
  add(x: number | undefined): void {
    if (x === undefined) return;
    this.sum += x;
    this.n++;
  }
  get value(): number | undefined {
    return this.n ? this.sum / this.n : undefined;
  }
}

/** A 53-bit hash of a string (two 32-bit FNV-1a variants): a number is smaller to keep than the id. */
function idHash(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) >>> 11);
}

/** What the overview needs, aggregated as the datasets stream past (the cards are spilled). */
class Catalogue {
  odlint = new Mean();
  mqa = new Mean();
  udata = new Mean();
  ratings = new Map<string, number>();
  notChecked = false;
  /** Datasets that only link to their distributions (udata API v2): distribution indicators unchecked. */
  linked = 0;
  /** Per rule, the datasets (by a 53-bit hash of their id: the same id counts once) and findings. */
  rules = new Map<string, { datasets: Set<number>; findings: number; severity: string }>();
  publishers = new Map<string, { datasets: number; odlint: Mean; mqa: Mean; udata: Mean; errors: number }>();
  aboutPeople = 0;
  disaggregated = 0;

  add(d: DatasetReport): void {
    const s = d.score;
    this.odlint.add(s?.odlint);
    if (s?.mqa) {
      this.mqa.add(s.mqa.points);
      this.udata.add((s.udata ?? 0) * 100);
      this.ratings.set(s.mqa.rating, (this.ratings.get(s.mqa.rating) ?? 0) + 1);
      if (s.mqa.notChecked?.length) this.notChecked = true;
      if (s.mqa.notChecked?.includes('interoperability.format')) this.linked++;
    }
    const id = idHash(d.id);
    for (const f of d.findings) {
      const e = this.rules.get(f.ruleId) ?? { datasets: new Set(), findings: 0, severity: f.severity };
      e.datasets.add(id);
      e.findings++;
      this.rules.set(f.ruleId, e);
    }
    const key = d.publisher ?? '(no publisher)';
    const p = this.publishers.get(key) ?? { datasets: 0, odlint: new Mean(), mqa: new Mean(), udata: new Mean(), errors: 0 };
    p.datasets++;
    p.odlint.add(s?.odlint);
    p.mqa.add(s?.mqa?.points);
    p.udata.add(s?.udata === undefined ? undefined : s.udata * 100);
    p.errors += d.findings.filter((f) => f.severity === 'error').length;
    this.publishers.set(key, p);
    if (d.flags?.concernsIndividuals === true) {
      this.aboutPeople++;
      if (d.flags.sexDisaggregated === true) this.disaggregated++;
    }
  }
}

/**
 * A quality scorecard for a data officer: one self-contained HTML file (inline CSS and SVG, a
 * Content-Security-Policy that forbids any network request) with a catalogue overview and one
 * card per dataset with its scores and findings. The overview comes first but is aggregated
 * from every dataset: the cards wait in a spill.
 */
const html = defineFormatter({
  name: 'html',
  description: 'self-contained HTML scorecard: catalogue overview and a card per dataset',
  extension: '.html',
  open({ quiet, version }, write) {
    const catalogue = new Catalogue();
    const cardSpill = new Spill();
    const fileSpill = new Spill();
    let index = 0;
    let files = 0;
    return {
      dataset(d) {
        catalogue.add(d);
        cardSpill.push((index ? '\n' : '') + card(d, index++, quiet));
      },
      file(f) {
        fileSpill.push((files++ ? '\n' : '') + `<article class="card"><h3><code>${h(f.file)}</code></h3>${findingList(f.findings, quiet)}</article>`);
      },
      end(summary) {
        const top = [header(version, summary), overview(summary, catalogue), ratingChart(catalogue), topRules(catalogue), publishers(catalogue), genderShare(catalogue)];
        write(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>odlint scorecard</title>
<style>${CSS}</style>
</head>
<body>
${top.join('\n')}
<section><h2>Datasets</h2>`);
        cardSpill.drain(write);
        write('</section>\n');
        if (files) {
          write('<section><h2>Files without a dataset</h2>');
          fileSpill.drain(write);
          write('</section>');
        }
        write('\n</body>\n</html>\n');
      },
    };
  },
});
export default html;

/** Input files that gave no dataset, so that the scorecard cannot look complete without them. */
function notLoaded(summary: ReportSummary): string {
  const rest = summary.inventory ? filesNotLoaded(summary.inventory) : '';
  return rest ? ` · ${h(rest)}` : '';
}

function header(version: string, summary: ReportSummary): string {
  return `<header><h1>Open-data quality scorecard</h1><p class="muted">odlint ${h(version)} · ${plural(summary.datasets, 'dataset')} in ${plural(summary.files, 'file')}${notLoaded(summary)}</p></header>`;
}

function overview(summary: ReportSummary, c: Catalogue): string {
  const tiles: [string, string, string][] = [
    ['datasets', String(summary.datasets), 'Datasets'],
    ['errors', String(summary.errors), 'Errors'],
    ['warnings', String(summary.warnings), 'Warnings'],
    ['odlint', fmt(c.odlint.value), 'Mean odlint score /100'],
    ['mqa', fmt(c.mqa.value), 'Mean MQA points /405'],
    ['udata', fmt(c.udata.value), 'Mean udata quality %'],
  ];
  return `<section class="tiles" data-testid="overview">${tiles.map(([id, v, label]) => `<div class="tile" data-testid="tile-${id}"><b>${h(v)}</b><span>${h(label)}</span></div>`).join('')}</section>`;
}

/** Horizontal bars: how many datasets fall in each MQA rating. */
function ratingChart(c: Catalogue): string {
  const counts = RATINGS.map((r) => c.ratings.get(r) ?? 0);
  const max = Math.max(1, ...counts);
  const bars = RATINGS.map((r, i) => {
    const y = i * 28;
    const w = Math.round((counts[i]! / max) * 300);
    return `<text x="0" y="${y + 17}">${r}</text><rect x="90" y="${y + 4}" width="${w}" height="18" fill="${RATING_COLOURS[r]}"/><text x="${96 + w}" y="${y + 17}" data-testid="rating-${r}">${counts[i]}</text>`;
  }).join('');
  const note = c.notChecked
    ? '<p class="muted">Reachability of access and download URLs was not checked (run with <code>--online</code>); those indicators count 0, so a dataset with web URLs scores at most 325 of 405 and cannot be rated excellent (351).</p>'
    : '';
  // Distribution indicators beyond reachability are unchecked only when the distributions were linked, not included.
  const linked = c.linked;
  const linkedNote = linked ? `<p class="muted">${linked} dataset(s) only link to their distributions (udata API v2): their distribution indicators were not checked and count 0.</p>` : '';
  return `<section><h2>MQA rating distribution</h2><svg role="img" aria-label="MQA ratings" width="440" height="${RATINGS.length * 28}" viewBox="0 0 440 ${RATINGS.length * 28}">${bars}</svg>${note}${linkedNote}</section>`;
}

function topRules(c: Catalogue): string {
  const rows = [...c.rules]
    .sort((a, b) => b[1].datasets.size - a[1].datasets.size || b[1].findings - a[1].findings || a[0].localeCompare(b[0]))
    .slice(0, 10)
    .map(([id, e]) => `<tr><td><code>${h(id)}</code></td><td class="${h(e.severity)}">${h(e.severity)}</td><td>${e.datasets.size}</td><td>${e.findings}</td></tr>`);
  if (!rows.length) return '<section><h2>Top failing rules</h2><p>No rule failed.</p></section>';
  return `<section><h2>Top failing rules</h2><table data-testid="top-rules"><thead><tr><th>Rule</th><th>Severity</th><th>Datasets</th><th>Findings</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function publishers(c: Catalogue): string {
  const rows = [...c.publishers]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([name, p]) => `<tr><td>${h(name)}</td><td>${p.datasets}</td><td>${fmt(p.odlint.value)}</td><td>${fmt(p.mqa.value)}</td><td>${fmt(p.udata.value)}</td><td>${p.errors}</td></tr>`);
  return `<section><h2>By publisher</h2><table data-testid="publishers"><thead><tr><th>Publisher</th><th>Datasets</th><th>Mean odlint</th><th>Mean MQA</th><th>Mean udata %</th><th>Errors</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

/** Brussels gender mainstreaming: the share of datasets about people that are sex-disaggregated. */
function genderShare(c: Catalogue): string {
  if (!c.aboutPeople) return '<section data-testid="gender"><h2>Sex-disaggregated data</h2><p class="muted">Not available: no dataset declares whether it concerns individuals.</p></section>';
  const share = Math.round((c.disaggregated / c.aboutPeople) * 100);
  return `<section data-testid="gender"><h2>Sex-disaggregated data</h2><p><b>${share} %</b> of the ${plural(c.aboutPeople, 'dataset')} about individuals are sex-disaggregated (${c.disaggregated} of ${c.aboutPeople}).</p></section>`;
}

function card(d: DatasetReport, index: number, quiet: boolean): string {
  const s = d.score ?? {};
  const mqa = s.mqa
    ? `<div class="score"><b>${s.mqa.points}</b>/405 <span class="badge" style="background:${RATING_COLOURS[s.mqa.rating] ?? '#666'}">${h(s.mqa.rating)}</span><span>MQA</span></div>`
    : '';
  const dims = s.mqa
    ? `<table class="dims">${DIMENSIONS.map((k) => {
        const dim = s.mqa!.dimensions[k];
        if (!dim) return '';
        const w = Math.max(0, Math.round((dim.points / dim.max) * 120));
        return `<tr><td>${k}</td><td><svg width="124" height="10"><rect width="120" height="10" fill="#eaeef2"/><rect width="${w}" height="10" fill="#0969da"/></svg></td><td>${dim.points}/${dim.max}</td></tr>`;
      }).join('')}</table>`
    : '';
  const scores = `<div class="scores"><div class="score"><b data-testid="odlint-score">${s.odlint ?? '–'}</b>/100<span>odlint</span></div>${mqa}${
    s.udata !== undefined ? `<div class="score"><b>${Math.round(s.udata * 100)}</b>%<span>udata</span></div>` : ''
  }${s.stars !== undefined ? `<div class="score"><b class="stars" title="${h(s.starsReason)}">${'★'.repeat(s.stars)}${'☆'.repeat(5 - s.stars)}</b><span>5-star openness</span></div>` : ''}</div>`;
  return `<article class="card" id="dataset-${index}" data-testid="dataset-card"><h3>${h(datasetName(d))}</h3><p class="muted"><code>${h(d.source.file)}</code> · ${h(d.source.format)}${d.publisher ? ` · ${h(d.publisher)}` : ''}</p>${scores}${dims}${findingList(d.findings, quiet)}</article>`;
}

function findingList(all: Finding[], quiet: boolean): string {
  const findings = all.filter(visible(quiet));
  if (!findings.length) return '<p class="ok">No problems found.</p>';
  const items = findings
    .slice(0, MAX_CARD_FINDINGS)
    .map((f) => `<li class="${h(f.severity)}"><span class="sev">${h(f.severity)}</span> ${h(f.message)} <code>${h(f.ruleId)}</code> <span class="muted">${h([f.location.file, where(f.location)].filter(Boolean).join(' '))}</span></li>`);
  const more = findings.length > MAX_CARD_FINDINGS ? `<li class="muted">…and ${findings.length - MAX_CARD_FINDINGS} more</li>` : '';
  return `<ul class="findings">${items.join('')}${more}</ul>`;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;margin:0 auto;max-width:1100px;padding:24px}
h1{margin:0 0 4px}h2{margin:28px 0 10px;font-size:18px}h3{margin:0 0 4px;font-size:16px}
.muted{color:#656d76}code{font:12px ui-monospace,monospace;background:#f6f8fa;padding:1px 4px;border-radius:4px}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin-top:16px}
.tile{border:1px solid #d0d7de;border-radius:8px;padding:12px}.tile b{display:block;font-size:26px}.tile span{color:#656d76}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d0d7de;padding:5px 8px;text-align:left}
.card{border:1px solid #d0d7de;border-radius:8px;padding:14px;margin:12px 0}
.scores{display:flex;flex-wrap:wrap;gap:18px;margin:8px 0}.score b{font-size:22px}.score span{display:block;color:#656d76;font-size:12px}
.badge{color:#fff;border-radius:10px;padding:1px 8px;font-size:12px;margin-left:4px}.stars{color:#bf8700;letter-spacing:1px}
.dims{width:auto;font-size:12px}.dims td{border:0;padding:1px 8px 1px 0}
.findings{padding-left:0;list-style:none;margin:8px 0 0}.findings li{padding:3px 0;border-top:1px solid #eaeef2}
.sev{display:inline-block;min-width:58px;font-weight:600}.error .sev,td.error{color:#cf222e}.warning .sev,td.warning{color:#9a6700}.info .sev,td.info{color:#0969da}
.ok{color:#1a7f37}svg text{font-size:12px;fill:#1f2328}
`;
