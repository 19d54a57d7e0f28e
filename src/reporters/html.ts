import { filesNotLoaded } from './_inventory.js';
import type { DatasetReport, Finding, Report } from '../model/index.js';
import type { Formatter } from './types.js';
import { datasetName, plural, visible, where } from './_findings.js';

/** Findings listed per dataset card; the rest are counted. */
export const MAX_CARD_FINDINGS = 50;
const RATINGS = ['excellent', 'good', 'sufficient', 'bad'] as const;
const RATING_COLOURS: Record<string, string> = { excellent: '#1a7f37', good: '#4c9a2a', sufficient: '#d4a72c', bad: '#cf222e' };
const DIMENSIONS = ['findability', 'accessibility', 'interoperability', 'reusability', 'contextuality'];

const h = (s: string | number | undefined) =>
  String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined);
const fmt = (n: number | undefined, digits = 0) => (n === undefined ? '–' : n.toFixed(digits));
const count = (findings: Finding[], severity: string) => findings.filter((f) => f.severity === severity).length;

/**
 * A quality scorecard for a data officer: one self-contained HTML file (inline CSS and SVG, a
 * Content-Security-Policy that forbids any network request) with a catalogue overview and one
 * card per dataset with its scores and findings.
 */
const html: Formatter = {
  name: 'html',
  description: 'self-contained HTML scorecard: catalogue overview and a card per dataset',
  extension: '.html',
  format(report, { quiet }) {
    const body = [header(report), overview(report), ratingChart(report), topRules(report), publishers(report), genderShare(report), cards(report, quiet), fileCards(report, quiet)];
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>odlint scorecard</title>
<style>${CSS}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
  },
};
export default html;

/** Input files that gave no dataset, so that the scorecard cannot look complete without them. */
function notLoaded(report: Report): string {
  const rest = report.summary.inventory ? filesNotLoaded(report.summary.inventory) : '';
  return rest ? ` · ${h(rest)}` : '';
}

function header(report: Report): string {
  return `<header><h1>Open-data quality scorecard</h1><p class="muted">odlint ${h(report.tool.version)} · ${plural(report.summary.datasets, 'dataset')} in ${plural(report.summary.files, 'file')}${notLoaded(report)}</p></header>`;
}

function overview(report: Report): string {
  const scored = report.datasets.filter((d) => d.score?.mqa);
  const tiles: [string, string, string][] = [
    ['datasets', String(report.summary.datasets), 'Datasets'],
    ['errors', String(report.summary.errors), 'Errors'],
    ['warnings', String(report.summary.warnings), 'Warnings'],
    ['odlint', fmt(mean(report.datasets.map((d) => d.score?.odlint).filter((x): x is number => x !== undefined))), 'Mean odlint score /100'],
    ['mqa', fmt(mean(scored.map((d) => d.score!.mqa!.points))), 'Mean MQA points /405'],
    ['udata', fmt(mean(scored.map((d) => (d.score!.udata ?? 0) * 100))), 'Mean udata quality %'],
  ];
  return `<section class="tiles" data-testid="overview">${tiles.map(([id, v, label]) => `<div class="tile" data-testid="tile-${id}"><b>${h(v)}</b><span>${h(label)}</span></div>`).join('')}</section>`;
}

/** Horizontal bars: how many datasets fall in each MQA rating. */
function ratingChart(report: Report): string {
  const counts = RATINGS.map((r) => report.datasets.filter((d) => d.score?.mqa?.rating === r).length);
  const max = Math.max(1, ...counts);
  const bars = RATINGS.map((r, i) => {
    const y = i * 28;
    const w = Math.round((counts[i]! / max) * 300);
    return `<text x="0" y="${y + 17}">${r}</text><rect x="90" y="${y + 4}" width="${w}" height="18" fill="${RATING_COLOURS[r]}"/><text x="${96 + w}" y="${y + 17}" data-testid="rating-${r}">${counts[i]}</text>`;
  }).join('');
  const note = report.datasets.some((d) => d.score?.mqa?.notChecked?.length)
    ? '<p class="muted">Reachability of access and download URLs was not checked (run with <code>--online</code>); those indicators count 0.</p>'
    : '';
  // Distribution indicators beyond reachability are unchecked only when the distributions were linked, not included.
  const linked = report.datasets.filter((d) => d.score?.mqa?.notChecked?.includes('interoperability.format')).length;
  const linkedNote = linked ? `<p class="muted">${linked} dataset(s) only link to their distributions (udata API v2): their distribution indicators were not checked and count 0.</p>` : '';
  return `<section><h2>MQA rating distribution</h2><svg role="img" aria-label="MQA ratings" width="440" height="${RATINGS.length * 28}" viewBox="0 0 440 ${RATINGS.length * 28}">${bars}</svg>${note}${linkedNote}</section>`;
}

function topRules(report: Report): string {
  const byRule = new Map<string, { datasets: Set<string>; findings: number; severity: string }>();
  for (const d of report.datasets) {
    for (const f of d.findings) {
      const e = byRule.get(f.ruleId) ?? { datasets: new Set(), findings: 0, severity: f.severity };
      e.datasets.add(d.id);
      e.findings++;
      byRule.set(f.ruleId, e);
    }
  }
  const rows = [...byRule]
    .sort((a, b) => b[1].datasets.size - a[1].datasets.size || b[1].findings - a[1].findings || a[0].localeCompare(b[0]))
    .slice(0, 10)
    .map(([id, e]) => `<tr><td><code>${h(id)}</code></td><td class="${h(e.severity)}">${h(e.severity)}</td><td>${e.datasets.size}</td><td>${e.findings}</td></tr>`);
  if (!rows.length) return '<section><h2>Top failing rules</h2><p>No rule failed.</p></section>';
  return `<section><h2>Top failing rules</h2><table data-testid="top-rules"><thead><tr><th>Rule</th><th>Severity</th><th>Datasets</th><th>Findings</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function publishers(report: Report): string {
  const groups = new Map<string, DatasetReport[]>();
  for (const d of report.datasets) {
    const key = d.publisher ?? '(no publisher)';
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const rows = [...groups]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([name, ds]) => {
      const nums = (fn: (d: DatasetReport) => number | undefined) => ds.map(fn).filter((x): x is number => x !== undefined);
      return `<tr><td>${h(name)}</td><td>${ds.length}</td><td>${fmt(mean(nums((d) => d.score?.odlint)))}</td><td>${fmt(mean(nums((d) => d.score?.mqa?.points)))}</td><td>${fmt(mean(nums((d) => (d.score?.udata === undefined ? undefined : d.score.udata * 100))))}</td><td>${ds.reduce((t, d) => t + count(d.findings, 'error'), 0)}</td></tr>`;
    });
  return `<section><h2>By publisher</h2><table data-testid="publishers"><thead><tr><th>Publisher</th><th>Datasets</th><th>Mean odlint</th><th>Mean MQA</th><th>Mean udata %</th><th>Errors</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

/** Brussels gender mainstreaming: the share of datasets about people that are sex-disaggregated. */
function genderShare(report: Report): string {
  const aboutPeople = report.datasets.filter((d) => d.flags?.concernsIndividuals === true);
  if (!aboutPeople.length) return '<section data-testid="gender"><h2>Sex-disaggregated data</h2><p class="muted">Not available: no dataset declares whether it concerns individuals.</p></section>';
  const disaggregated = aboutPeople.filter((d) => d.flags?.sexDisaggregated === true).length;
  const share = Math.round((disaggregated / aboutPeople.length) * 100);
  return `<section data-testid="gender"><h2>Sex-disaggregated data</h2><p><b>${share} %</b> of the ${plural(aboutPeople.length, 'dataset')} about individuals are sex-disaggregated (${disaggregated} of ${aboutPeople.length}).</p></section>`;
}

function cards(report: Report, quiet: boolean): string {
  return `<section><h2>Datasets</h2>${report.datasets.map((d, i) => card(d, i, quiet)).join('\n')}</section>`;
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

function fileCards(report: Report, quiet: boolean): string {
  if (!report.files.length) return '';
  return `<section><h2>Files without a dataset</h2>${report.files.map((f) => `<article class="card"><h3><code>${h(f.file)}</code></h3>${findingList(f.findings, quiet)}</article>`).join('\n')}</section>`;
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
