import type { Finding } from '../model/index.js';
import { defineFormatter } from './types.js';
import { inventoryNote } from './_inventory.js';
import { Spill } from './_spill.js';
import { datasetName, plural, ruleHelpUri, visible, where } from './_findings.js';

/** GitHub and GitLab refuse comments longer than 65,536 characters. */
export const MAX_COMMENT_CHARS = 65_536;
/** At most this many findings are listed, however short (a comment is read, not searched). */
export const MAX_MARKDOWN_FINDINGS = 200;
/** Rules in the summary by rule. */
const TOP_RULES = 20;
/** Kept free for the truncation notes written after the cut. */
const NOTES_RESERVE = 600;

/** Table cells: no pipe, no newline, no HTML. */
const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
const code = (s: string) => `\`${s.replace(/`/g, 'ˋ')}\``;
const pct = (n: number | undefined) => (n === undefined ? '–' : `${Math.round(n * 100)} %`);

/**
 * A pull-request comment that fits one (MAX_COMMENT_CHARS): the counts, a summary by rule, a
 * table per dataset with its scores, then the findings (at most MAX_MARKDOWN_FINDINGS). What does
 * not fit is cut at a row and said in a note (how many datasets, how many findings). The counts
 * open the comment, so the table and the listing are spilled as they come.
 */
const markdown = defineFormatter({
  name: 'markdown',
  description: 'Markdown summary and findings, sized for a pull-request comment',
  extension: '.md',
  open({ quiet }, write) {
    const table = new Spill();
    const listing = new Spill();
    const byRule = new Map<string, Record<Finding['severity'], number>>();
    let rows = 0;
    let listed = 0;
    let total = 0;
    const group = (title: string, all: Finding[]) => {
      const findings = all.filter(visible(quiet));
      total += findings.length;
      for (const f of findings) {
        const counts = byRule.get(f.ruleId) ?? { error: 0, warning: 0, info: 0 };
        counts[f.severity]++;
        byRule.set(f.ruleId, counts);
      }
      if (!findings.length || listed >= MAX_MARKDOWN_FINDINGS) return;
      // One spilled line per listing line; `\u0000` marks the lines that are findings.
      listing.push(`### ${cell(title)}\n\n| Severity | Rule | Where | Message |\n|---|---|---|---|\n`);
      for (const f of findings.slice(0, MAX_MARKDOWN_FINDINGS - listed)) {
        const loc = [f.location.file, where(f.location)].filter(Boolean).join(' ');
        listing.push(`\u0000| ${f.severity} | [${code(f.ruleId)}](${ruleHelpUri(f.ruleId)}) | ${code(loc)} | ${cell(f.message)} |\n`);
        listed++;
      }
      listing.push('\n');
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
        let used = 0;
        const out = (s: string) => {
          used += s.length;
          write(s);
        };
        const fits = (s: string) => used + s.length <= MAX_COMMENT_CHARS - NOTES_RESERVE;
        const { errors, warnings, infos, datasets } = summary;
        const head = ['## odlint report', '', `${plural(datasets, 'dataset')} checked: **${plural(errors, 'error')}**, ${plural(warnings, 'warning')}${quiet ? '' : `, ${plural(infos, 'info')}`}.`, ''];
        const note = inventoryNote(summary);
        if (note) head.push(`Files: ${note}.`, '');
        out([...head, ''].join('\n'));
        if (byRule.size) {
          const ranked = [...byRule].sort(([a, x], [b, y]) => y.error - x.error || y.warning - x.warning || y.info - x.info || (a < b ? -1 : 1));
          const lines = ['| Rule | Errors | Warnings | Infos |', '|---|--:|--:|--:|', ...ranked.slice(0, TOP_RULES).map(([id, c]) => `| [${code(id)}](${ruleHelpUri(id)}) | ${c.error} | ${c.warning} | ${c.info} |`)];
          if (ranked.length > TOP_RULES) lines.push(`| _${ranked.length - TOP_RULES} more rules_ | | | |`);
          out(lines.join('\n') + '\n\n');
        }
        if (rows) {
          out('| Dataset | File | Errors | Warnings | Infos | odlint | MQA | udata | Stars |\n|---|---|--:|--:|--:|--:|---|--:|--:|\n');
          let shown = 0;
          let full = false;
          for (const line of table.lines()) {
            full ||= !fits(line + '\n');
            if (full) continue;
            out(line + '\n');
            shown++;
          }
          if (shown < rows) out(`\n_…and ${plural(rows - shown, 'more dataset')}: the comment size limit (${MAX_COMMENT_CHARS} characters) was reached; see the full report._\n`);
          out('\n');
        }
        let written = 0;
        let cut = false;
        for (const line of listing.lines()) {
          const isFinding = line.startsWith('\u0000');
          const text = (isFinding ? line.slice(1) : line) + '\n';
          if (cut || !fits(text)) {
            cut = true;
            continue;
          }
          out(text);
          if (isFinding) written++;
        }
        const tail: string[] = [];
        if (total > written) tail.push(`_…and ${total - written} more findings${cut ? ` (the comment size limit of ${MAX_COMMENT_CHARS} characters was reached)` : ''}: run odlint locally or see the full report._`, '');
        if (total === 0) tail.push('No problems found. ✔', '');
        out(tail.join('\n'));
      },
    };
  },
});
export default markdown;
