import { inventoryNote } from './_inventory.js';
import type { DatasetReport } from '../model/index.js';
import type { Formatter } from './types.js';
import { datasetName, plural, ruleHelpUri, visible, where } from './_findings.js';

/** GitHub and GitLab cut comments at 65,536 characters: list at most this many findings. */
export const MAX_MARKDOWN_FINDINGS = 200;

/** Table cells: no pipe, no newline, no HTML. */
const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
const code = (s: string) => `\`${s.replace(/`/g, 'ˋ')}\``;
const pct = (n: number | undefined) => (n === undefined ? '–' : `${Math.round(n * 100)} %`);

/** A pull-request comment: a summary table per dataset with its scores, then the findings. */
const markdown: Formatter = {
  name: 'markdown',
  description: 'Markdown summary table and findings, for pull-request comments',
  extension: '.md',
  format(report, { quiet }) {
    const { errors, warnings, infos, datasets } = report.summary;
    const lines = [
      '## odlint report',
      '',
      `${plural(datasets, 'dataset')} checked: **${plural(errors, 'error')}**, ${plural(warnings, 'warning')}${quiet ? '' : `, ${plural(infos, 'info')}`}.`,
      '',
    ];
    const note = inventoryNote(report);
    if (note) lines.push(`Files: ${note}.`, '');
    if (report.datasets.length) {
      lines.push('| Dataset | File | Errors | Warnings | Infos | odlint | MQA | udata | Stars |', '|---|---|--:|--:|--:|--:|---|--:|--:|');
      for (const d of report.datasets) {
        const n = (s: string) => d.findings.filter((f) => f.severity === s).length;
        const s = d.score ?? {};
        const mqa = s.mqa ? `${s.mqa.points}/405 ${s.mqa.rating}` : '–';
        lines.push(`| ${cell(datasetName(d))} | ${code(d.source.file)} | ${n('error')} | ${n('warning')} | ${n('info')} | ${s.odlint ?? '–'} | ${mqa} | ${pct(s.udata)} | ${s.stars === undefined ? '–' : '★'.repeat(s.stars) || '0'} |`);
      }
      lines.push('');
    }
    const groups: { title: string; findings: DatasetReport['findings'] }[] = [
      ...report.datasets.map((d) => ({ title: `${datasetName(d)} — ${code(d.source.file)}`, findings: d.findings })),
      ...report.files.map((f) => ({ title: code(f.file), findings: f.findings })),
    ];
    let listed = 0;
    let total = 0;
    for (const g of groups) {
      const findings = g.findings.filter(visible(quiet));
      total += findings.length;
      if (!findings.length || listed >= MAX_MARKDOWN_FINDINGS) continue;
      lines.push(`### ${cell(g.title)}`, '', '| Severity | Rule | Where | Message |', '|---|---|---|---|');
      for (const f of findings.slice(0, MAX_MARKDOWN_FINDINGS - listed)) {
        const loc = [f.location.file, where(f.location)].filter(Boolean).join(' ');
        lines.push(`| ${f.severity} | [${code(f.ruleId)}](${ruleHelpUri(f.ruleId)}) | ${code(loc)} | ${cell(f.message)} |`);
        listed++;
      }
      lines.push('');
    }
    if (total > listed) lines.push(`_…and ${total - listed} more findings: run odlint locally or see the full report._`, '');
    if (total === 0) lines.push('No problems found. ✔', '');
    return lines.join('\n');
  },
};
export default markdown;
