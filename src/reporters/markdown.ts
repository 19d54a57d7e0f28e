import type { Finding } from '../model/index.js';
import { defineFormatter } from './types.js';
import { inventoryNote } from './_inventory.js';
import { Spill } from './_spill.js';
import { datasetName, plural, ruleHelpUri, visible, where } from './_findings.js';

/** GitHub and GitLab cut comments at 65,536 characters: list at most this many findings. */
export const MAX_MARKDOWN_FINDINGS = 200;

/** Table cells: no pipe, no newline, no HTML. */
const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
const code = (s: string) => `\`${s.replace(/`/g, 'ˋ')}\``;
const pct = (n: number | undefined) => (n === undefined ? '–' : `${Math.round(n * 100)} %`);

/**
 * A pull-request comment: a summary table per dataset with its scores, then the findings (at
 * most MAX_MARKDOWN_FINDINGS listed). The counts open the comment, so the table is spilled.
 */
const markdown = defineFormatter({
  name: 'markdown',
  description: 'Markdown summary table and findings, for pull-request comments',
  extension: '.md',
  open({ quiet }, write) {
    const table = new Spill();
    const listing: string[] = [];
    let rows = 0;
    let listed = 0;
    let total = 0;
    const group = (title: string, all: Finding[]) => {
      const findings = all.filter(visible(quiet));
      total += findings.length;
      if (!findings.length || listed >= MAX_MARKDOWN_FINDINGS) return;
      listing.push(`### ${cell(title)}`, '', '| Severity | Rule | Where | Message |', '|---|---|---|---|');
      for (const f of findings.slice(0, MAX_MARKDOWN_FINDINGS - listed)) {
        const loc = [f.location.file, where(f.location)].filter(Boolean).join(' ');
        listing.push(`| ${f.severity} | [${code(f.ruleId)}](${ruleHelpUri(f.ruleId)}) | ${code(loc)} | ${cell(f.message)} |`);
        listed++;
      }
      listing.push('');
    };
    return {
      dataset(d) {
        rows++;
        const n = (s: string) => d.findings.filter((f) => f.severity === s).length;
        const s = d.score ?? {};
        // Offline, unchecked reachability caps the points (325): say so beside the rating.
        const cap = s.mqa?.maxChecked !== undefined && s.mqa.maxChecked < 405 ? ` (max ${s.mqa.maxChecked} unchecked)` : '';
        const mqa = s.mqa ? `${s.mqa.points}/405 ${s.mqa.rating}${cap}` : '–';
        table.push(`| ${cell(datasetName(d))} | ${code(d.source.file)} | ${n('error')} | ${n('warning')} | ${n('info')} | ${s.odlint ?? '–'} | ${mqa} | ${pct(s.udata)} | ${s.stars === undefined ? '–' : '★'.repeat(s.stars) || '0'} |\n`);
        group(`${datasetName(d)} — ${code(d.source.file)}`, d.findings);
      },
      file(f) {
        group(code(f.file), f.findings);
      },
      end(summary) {
        const { errors, warnings, infos, datasets } = summary;
        const head = ['## odlint report', '', `${plural(datasets, 'dataset')} checked: **${plural(errors, 'error')}**, ${plural(warnings, 'warning')}${quiet ? '' : `, ${plural(infos, 'info')}`}.`, ''];
        const note = inventoryNote(summary);
        if (note) head.push(`Files: ${note}.`, '');
        write([...head, ''].join('\n'));
        if (rows) {
          write('| Dataset | File | Errors | Warnings | Infos | odlint | MQA | udata | Stars |\n|---|---|--:|--:|--:|--:|---|--:|--:|\n');
          table.drain(write);
          write('\n');
        }
        const tail = [...listing];
        if (total > listed) tail.push(`_…and ${total - listed} more findings: run odlint locally or see the full report._`, '');
        if (total === 0) tail.push('No problems found. ✔', '');
        write(tail.join('\n'));
      },
    };
  },
});
export default markdown;
