import { Chalk } from 'chalk';
import type { Finding } from '../model/index.js';
import { inventoryNote } from './_inventory.js';
import type { Formatter } from './types.js';

/**
 * ESLint-style terminal output: findings grouped by file, one line each with
 * `line:column` (or `row N`), severity, message and rule id, then a summary line.
 */
const stylish: Formatter = {
  name: 'stylish',
  description: 'human-readable terminal output grouped by file (default on a terminal)',
  extension: '.txt',
  format(report, { color, quiet }) {
    const c = new Chalk({ level: color ? 1 : 0 });
    const byFile = new Map<string, { finding: Finding; dataset?: string }[]>();
    const add = (f: Finding, dataset?: string) => {
      if (quiet && f.severity !== 'error') return;
      const list = byFile.get(f.location.file) ?? [];
      list.push({ finding: f, dataset });
      byFile.set(f.location.file, list);
    };
    for (const ds of report.datasets) {
      const several = report.datasets.filter((d) => d.source.file === ds.source.file).length > 1;
      for (const f of ds.findings) add(f, several ? ds.title ?? ds.id : undefined);
    }
    for (const file of report.files) for (const f of file.findings) add(f);

    const lines: string[] = [];
    for (const [file, items] of byFile) {
      lines.push('', c.underline(file));
      const where = items.map(({ finding: { location: l } }) =>
        l.line !== undefined ? (l.column !== undefined ? `${l.line}:${l.column}` : `${l.line}`) : l.row !== undefined ? `row ${l.row}` : l.pointer ? l.pointer : '',
      );
      const width = Math.max(...where.map((w) => w.length));
      items.forEach(({ finding: f, dataset }, i) => {
        const sev = f.severity === 'error' ? c.red('error  ') : f.severity === 'warning' ? c.yellow('warning') : c.blue('info   ');
        const field = f.location.field !== undefined ? ` [${f.location.field}]` : '';
        const ds = dataset ? c.dim(` (${dataset})`) : '';
        lines.push(`  ${c.dim(where[i]!.padEnd(width))}  ${sev}  ${f.message}${field}${ds}  ${c.dim(f.ruleId)}`);
      });
    }
    const { errors, warnings, infos, datasets } = report.summary;
    const total = quiet ? errors : errors + warnings + infos;
    lines.push('');
    if (total === 0) {
      lines.push(c.green(`✔ ${datasets} dataset${datasets === 1 ? '' : 's'} checked, no problems`));
    } else {
      const parts = [`${errors} error${errors === 1 ? '' : 's'}`];
      if (!quiet) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`, `${infos} info`);
      const text = `✖ ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${datasets} dataset${datasets === 1 ? '' : 's'}`;
      lines.push(errors ? c.red.bold(text) : c.yellow.bold(text));
    }
    // Files that gave no dataset are counted, so that a clean result cannot hide them.
    const note = inventoryNote(report);
    if (note) lines.push(note);
    return lines.join('\n').replace(/^\n/, '') + '\n';
  },
};
export default stylish;

