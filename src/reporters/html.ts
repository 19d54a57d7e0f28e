import path from 'node:path';
import type { DatasetReport, ReportSummary } from '../model/index.js';
import { defineFormatter } from './types.js';
import { filesNotLoaded } from './_inventory.js';
import { Spill } from './_spill.js';
import { plural, ruleHelpUri, visible, where } from './_findings.js';
import { openOutput } from '../util/write-atomic.js';
import { CatalogueTally, OPENNESS, RATINGS, type DatasetFacts } from './_scorecard-tally.js';
import { Comparison } from './_scorecard-compare.js';
import { changes, h, organisations, orgOrder, overview } from './_scorecard-page.js';
import { CLIENT_HASH, CLIENT_JS, CSS } from './_scorecard-client.js';

/** Findings listed per dataset in its detail panel; the rest are counted. */
export const MAX_DATASET_FINDINGS = 50;
/** Per-dataset finding details embedded in the page up to this size (bytes), by default. */
export const DEFAULT_INLINE_LIMIT = 8 * 1024 * 1024;
const PAGE_SIZE = 50;
const SEVERITY_CODES: Record<string, number> = { error: 0, warning: 1, info: 2 };

/** Strings shared by many rows (organisations, files, licences, rules) are written once and referred to by index. */
class Index {
  readonly values: string[] = [];
  private readonly map = new Map<string, number>();
  of(value: string): number {
    let i = this.map.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.map.set(value, i);
    }
    return i;
  }
}

/** JSON safe inside a <script> element: `<` only appears in strings, where `\u003c` means the same. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The scorecard a data officer forwards: one self-contained HTML file (inline CSS, one inline
 * script allowed by its hash, a Content-Security-Policy that forbids any request) with an
 * overview per family, a table and a section per organisation, the datasets as a searchable,
 * sortable, paginated table with each dataset's findings, and — with `--compare` — the changes
 * since earlier runs. The datasets are embedded as compact JSON rows, rendered a page at a time;
 * their finding details are embedded up to a size, else written to a sidecar JSONL. As the
 * datasets stream past only the tally is kept; rows and details wait in spills.
 */
const html = defineFormatter({
  name: 'html',
  description: 'self-contained HTML scorecard: overview per family, organisations, searchable datasets, changes with --compare',
  extension: '.html',
  open({ quiet, version, rules, date: isoDate, outputFile, scorecard }, write) {
    const date = isoDate ? isoDate.slice(0, 16).replace('T', ' ') + ' UTC' : undefined;
    const tally = new CatalogueTally();
    const comparison = scorecard?.compare?.length ? new Comparison(scorecard.compare) : undefined;
    const rowSpill = new Spill();
    const detailSpill = new Spill();
    let detailBytes = 0;
    const orgs = new Index();
    const files = new Index();
    const licences = new Index();
    const ruleIds = new Index();
    let index = 0;
    const orphanFiles: string[] = [];
    let orphanCount = 0;
    return {
      dataset(d) {
        const facts = tally.add(d);
        comparison?.findings(d.findings, d.title ?? d.id);
        const row = datasetRow(d, facts, { orgs, files, licences, ruleIds });
        rowSpill.push((index ? ',' : '') + scriptJson(row));
        const detail = scriptJson(
          d.findings
            .filter(visible(quiet))
            .slice(0, MAX_DATASET_FINDINGS)
            .map((f) => {
              const loc = [f.location.file === d.source.file ? '' : f.location.file, where(f.location)].filter(Boolean).join(' ');
              return [ruleIds.of(f.ruleId), SEVERITY_CODES[f.severity] ?? 2, f.message, loc];
            }),
        );
        detailBytes += detail.length + 1;
        detailSpill.push(detail + '\n');
        index++;
      },
      file(f) {
        tally.file(f);
        comparison?.findings(f.findings, f.file);
        orphanCount++;
        if (orphanFiles.length < 500) orphanFiles.push(`<li><code>${h(f.file)}</code><ul class="findings">${f.findings.filter(visible(quiet)).slice(0, 20).map((x) => `<li class="${h(x.severity)}"><span class="sev">${h(x.severity)}</span> ${h(x.message)} <a href="${h(ruleHelpUri(x.ruleId))}"><code>${h(x.ruleId)}</code></a> <span class="muted">${h(where(x.location))}</span></li>`).join('')}</ul></li>`);
      },
      end(summary) {
        comparison?.finish();
        const describe = (id: string) => rules.get(id)?.description;
        const orgNames = orgOrder(tally);
        const orgRank = new Map(orgNames.map((name, k) => [name, k]));
        const limit = scorecard?.inlineLimit ?? DEFAULT_INLINE_LIMIT;
        const inline = detailBytes <= limit;
        let detailsNote = '';
        if (!inline) {
          if (outputFile) {
            const sidecar = sidecarPath(outputFile);
            writeSidecar(sidecar, detailSpill, ruleIds.values);
            detailsNote = `The messages and locations of the findings are in ${path.basename(sidecar)} beside this page (one JSON line per dataset, in table order): at ${(detailBytes / 1048576).toFixed(1)} MB they pass the ${(limit / 1048576).toFixed(1)} MB embedded here.`;
          } else {
            detailsNote = `The messages and locations of the findings (${(detailBytes / 1048576).toFixed(1)} MB) pass the ${(limit / 1048576).toFixed(1)} MB embedded here and the page was written to standard output: write it with -o to get them in a sidecar file.`;
            drop(detailSpill);
          }
        }
        const previous = comparison?.previous[comparison.previous.length - 1];
        const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ${CLIENT_HASH}`;
        write(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>odlint scorecard</title>
<style>${CSS}</style>
</head>
<body>
${header(version, date, summary, Boolean(comparison))}
<main>
${overview(tally, previous, describe)}
${comparison ? changes(tally, comparison, orgNames, date) : ''}
${organisations(tally, orgNames, describe, previous)}
${datasetsSection(summary.datasets, inline ? '' : detailsNote)}
${orphanCount ? `<section id="files" aria-labelledby="files-h"><h2 id="files-h">Files without a dataset</h2><ul>${orphanFiles.join('')}</ul>${orphanCount > orphanFiles.length ? `<p class="muted">${orphanFiles.length} of ${orphanCount} files listed.</p>` : ''}</section>` : ''}
</main>
<script type="application/json" id="scorecard-meta">${scriptJson({
          pageSize: PAGE_SIZE,
          orgs: orgNames,
          orgIndex: orgs.values.map((name) => orgRank.get(name)!),
          files: files.values,
          licences: licences.values,
          rules: ruleIds.values.map((id) => [id, describe(id) ?? '', ruleHelpUri(id)]),
          details: inline ? 'inline' : 'sidecar',
          detailsNote,
        })}</script>
<script type="application/json" id="scorecard-rows">[`);
        rowSpill.drain(write);
        write(']</script>\n');
        if (inline) {
          write('<script type="application/json" id="scorecard-details">[');
          let first = true;
          for (const line of detailSpill.lines()) {
            write((first ? '' : ',') + line);
            first = false;
          }
          write(']</script>\n');
        }
        write(`<script>${CLIENT_JS}</script>\n</body>\n</html>\n`);
      },
    };
  },
});
export default html;

interface Indexes {
  orgs: Index;
  files: Index;
  licences: Index;
  ruleIds: Index;
}

/**
 * One dataset as the table's script reads it (layout in _scorecard-client.ts): scores, counts,
 * indexes into the shared string tables and flag bits (1 about people, 2 sex-disaggregated,
 * 4 suspected personal data, 8 machine-readable). The organisation is the index of its name
 * as first seen; the meta block maps it to the table's order.
 */
function datasetRow(d: DatasetReport, f: DatasetFacts, x: Indexes): unknown[] {
  const s = d.score;
  const rating = s?.mqa ? RATINGS.indexOf(s.mqa.rating as (typeof RATINGS)[number]) : -1;
  const bits = (f.aboutPeople ? 1 : 0) | (f.disaggregated ? 2 : 0) | (f.personalKinds.length ? 4 : 0) | (f.machineReadable ? 8 : 0);
  return [
    d.title ?? d.id,
    d.title && d.title !== d.id ? d.id : 0,
    x.orgs.of(f.org),
    x.files.of(d.source.file),
    s?.odlint ?? null,
    s?.mqa?.points ?? null,
    rating,
    s?.udata === undefined ? null : Math.round(s.udata * 100),
    s?.stars ?? null,
    f.licenceId === undefined ? -1 : x.licences.of(f.licenceId),
    OPENNESS.indexOf(f.licence),
    f.errors,
    f.warnings,
    f.infos,
    d.landingPage ?? 0,
    [...new Set(d.findings.map((x2) => x2.ruleId))].map((id) => x.ruleIds.of(id)),
    bits,
  ];
}

/** `scorecard.html` → `scorecard.datasets.jsonl`. */
export const sidecarPath = (file: string) => file.replace(/\.html?$/i, '') + '.datasets.jsonl';

/** The finding details as JSON lines, one per dataset in table order: `{"findings":[{ruleId, severity, message, location}]}`. */
function writeSidecar(file: string, details: Spill, rules: string[]): void {
  const out = openOutput(file);
  try {
    let i = 0;
    for (const line of details.lines()) {
      const findings = (JSON.parse(line) as [number, number, string, string][]).map(([r, sev, message, location]) => ({ ruleId: rules[r], severity: ['error', 'warning', 'info'][sev], message, location }));
      out.write(JSON.stringify({ index: i++, findings }) + '\n');
    }
    out.commit();
  } catch (e) {
    out.abort();
    throw e;
  }
}

function drop(spill: Spill): void {
  for (const _ of spill.lines()) {
    /* frees the temporary file */
  }
}

function header(version: string, date: string | undefined, summary: ReportSummary, compare: boolean): string {
  const rest = summary.inventory ? filesNotLoaded(summary.inventory) : '';
  const links = [['overview', 'Overview'], ...(compare ? [['changes', 'Changes over time']] : []), ['organisations', 'By organisation'], ['datasets', 'Datasets']];
  return `<header><h1>Open-data quality scorecard</h1><p class="muted">odlint ${h(version)}${date ? ` · ${h(date)}` : ''} · ${plural(summary.datasets, 'dataset')} in ${plural(summary.files, 'file')}${rest ? ` · ${h(rest)}` : ''}</p><nav aria-label="Sections"><ul>${links.map(([id, label]) => `<li><a href="#${id}">${label}</a></li>`).join('')}</ul></nav></header>`;
}

function datasetsSection(count: number, detailsNote: string): string {
  const ratingOptions = RATINGS.map((r, i) => `<option value="${i}">${r}</option>`).join('');
  const th = (key: number, label: string, numeric = false) => `<th scope="col" data-key="${key}"${numeric ? ' class="n"' : ''}><button type="button">${label}</button></th>`;
  return `<section id="datasets" aria-labelledby="datasets-h"><h2 id="datasets-h">Datasets</h2>
<noscript><p class="note">The datasets table needs JavaScript (the page's only script, inline). The overview and organisation sections above read without it.</p></noscript>
${detailsNote ? `<p class="note" data-testid="sidecar-note">${h(detailsNote)}</p>` : ''}
<div id="datasets-js" hidden>
<div class="controls" role="search" aria-label="Datasets">
<label for="ds-search">Search title or identifier</label> <input type="search" id="ds-search" autocomplete="off">
<label for="ds-org">Organisation</label> <select id="ds-org"><option value="-1">All</option></select>
<label for="ds-rating">MQA rating</label> <select id="ds-rating"><option value="-1">All</option>${ratingOptions}</select>
<label for="ds-problem">Show</label> <select id="ds-problem"><option value="">all datasets</option><option value="errors">with errors</option><option value="warnings">with warnings</option><option value="clean">without findings</option><option value="not-open">without an open licence</option><option value="not-machine-readable">not machine-readable</option><option value="personal">with suspected personal data</option><option value="people">about people</option><option value="not-disaggregated">about people, not sex-disaggregated</option></select>
<label for="ds-size">Rows per page</label> <select id="ds-size"><option>25</option><option selected>50</option><option>100</option><option>250</option></select>
</div>
<p id="ds-status" role="status" aria-live="polite"></p>
<table id="ds-table" data-testid="datasets-table"><caption class="sr">Datasets (${count}), ${PAGE_SIZE} per page; select a title for its findings</caption><thead><tr>${th(0, 'Dataset')}${th(2, 'Organisation')}${th(4, 'odlint', true)}${th(5, 'MQA', true)}${th(6, 'Rating')}${th(7, 'udata', true)}${th(8, 'Stars', true)}${th(9, 'Licence')}${th(11, 'Errors', true)}${th(12, 'Warnings', true)}</tr></thead><tbody id="ds-body"></tbody></table>
<div class="pagination"><button type="button" class="pager" id="ds-prev">Previous page</button><span id="ds-page"></span><button type="button" class="pager" id="ds-next">Next page</button></div>
<section id="ds-detail" tabindex="-1" aria-labelledby="ds-detail-h" aria-live="polite" hidden></section>
</div>
</section>`;
}
