import { Chalk } from 'chalk';
import type { Finding } from '../model/index.js';
import { harvestNotes, inventoryNote } from './_inventory.js';
import { defineFormatter } from './types.js';

interface Line {
  finding: Finding;
  dataset?: string;
}

/**
 * ESLint-style terminal output: findings grouped by file, one line each with
 * `line:column` (or `row N`), severity, message and rule id, then a summary line. Groups are
 * printed when the datasets of one descriptor are done (a group's column widths and whether the
 * file holds several datasets are known then); the findings of files come last.
 */
const stylish = defineFormatter({
  name: 'stylish',
  description: 'human-readable terminal output grouped by file (default on a terminal)',
  extension: '.txt',
  open({ color, quiet }, write) {
    const c = new Chalk({ level: color ? 1 : 0 });
    let started = false;
    let byFile = new Map<string, Line[]>();
    let batch: { source: string; datasets: { title: string; findings: Finding[] }[] } | undefined;
    const add = (f: Finding, dataset?: string) => {
      if (quiet && f.severity !== 'error') return;
      const list = byFile.get(f.location.file) ?? [];
      list.push({ finding: f, dataset });
      byFile.set(f.location.file, list);
    };
    const flush = () => {
      if (batch) {
        const several = batch.datasets.length > 1;
        for (const ds of batch.datasets) for (const f of ds.findings) add(f, several ? ds.title : undefined);
        batch = undefined;
      }
      for (const [file, items] of byFile) {
        const lines = [c.underline(file)];
        // A data-file finding shows its line and its row (they differ after a multi-line cell).
        const where = items.map(({ finding: { location: l } }) =>
          // A sheet's finding: `Sheet1!B7`, `Sheet1!row 5` (spreadsheet notation).
          l.sheet !== undefined
            ? `${l.sheet}!${l.cell ?? (l.row !== undefined ? `row ${l.row}` : '')}`
            : l.line !== undefined ? (l.column !== undefined ? `${l.line}:${l.column}` : `${l.line}`) + (l.row !== undefined ? ` (row ${l.row})` : '') : l.row !== undefined ? `row ${l.row}` : l.pointer ? l.pointer : '',
        );
        const width = Math.max(...where.map((w) => w.length));
        items.forEach(({ finding: f, dataset }, i) => {
          const sev = f.severity === 'error' ? c.red('error  ') : f.severity === 'warning' ? c.yellow('warning') : c.blue('info   ');
          const field = f.location.field !== undefined ? ` [${f.location.field}]` : '';
          const ds = dataset ? c.dim(` (${dataset})`) : '';
          lines.push(`  ${c.dim(where[i]!.padEnd(width))}  ${sev}  ${f.message}${field}${ds}  ${c.dim(f.ruleId)}`);
        });
        write((started ? '\n' : '') + lines.join('\n') + '\n');
        started = true;
      }
      byFile = new Map();
    };
    return {
      dataset(d) {
        if (batch && batch.source !== d.source.file) flush();
        batch ??= { source: d.source.file, datasets: [] };
        batch.datasets.push({ title: d.title ?? d.id, findings: d.findings });
      },
      file(f) {
        if (batch) flush();
        for (const x of f.findings) add(x);
      },
      end(summary) {
        const { errors, warnings, infos, datasets } = summary;
        flush();
        const total = quiet ? errors : errors + warnings + infos;
        const lines: string[] = [];
        const hidden = quiet ? warnings + infos : 0;
        if (total === 0 && hidden) {
          // --quiet hides warnings, it does not make them go away (--max-warnings still counts them).
          lines.push(c.yellow(`0 errors in ${datasets} dataset${datasets === 1 ? '' : 's'} (${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info not shown: --quiet)`));
        } else if (total === 0) {
          lines.push(c.green(`✔ ${datasets} dataset${datasets === 1 ? '' : 's'} checked, no problems`));
        } else {
          const parts = [`${errors} error${errors === 1 ? '' : 's'}`];
          if (!quiet) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`, `${infos} info`);
          const text = `✖ ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${datasets} dataset${datasets === 1 ? '' : 's'}`;
          lines.push(errors ? c.red.bold(text) : c.yellow.bold(text));
        }
        // Files that gave no dataset are counted, so that a clean result cannot hide them.
        const note = inventoryNote(summary);
        if (note) lines.push(note);
        lines.push(...harvestNotes(summary));
        write((started ? '\n' : '') + lines.join('\n') + '\n');
      },
    };
  },
});
export default stylish;

