import type { Finding, Severity } from '../model/index.js';
import type { Formatter } from './types.js';
import { plural, reportedFindings, visible, where } from './_findings.js';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub Actions shows at most 10 error, 10 warning and 10 notice annotations per step; past
 * that they are dropped silently, so odlint prints the rest as plain log lines.
 */
export const ANNOTATIONS_PER_LEVEL = 10;

/** Workflow-command escaping (actions/toolkit `escapeData` / `escapeProperty`). */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: annotations on the pull request's files, then a summary line. */
const github: Formatter = {
  name: 'github',
  description: 'GitHub Actions annotations (::error file=…,line=…::message) and a summary line',
  extension: '.txt',
  format(report, { quiet }) {
    const items = reportedFindings(report)
      .map((r) => r.finding)
      .filter(visible(quiet));
    const shown: Record<string, number> = { error: 0, warning: 0, notice: 0 };
    const lines: string[] = [];
    const overflow: Finding[] = [];
    for (const f of items) {
      const level = COMMAND[f.severity];
      if (shown[level]! >= ANNOTATIONS_PER_LEVEL) {
        overflow.push(f);
        continue;
      }
      shown[level]!++;
      lines.push(annotation(level, f));
    }
    for (const f of overflow) lines.push(`${f.location.file}${where(f.location) ? `:${where(f.location)}` : ''}: ${f.severity} ${f.message} [${f.ruleId}]`.replace(/[\r\n]+/g, ' '));
    const { errors, warnings, infos, datasets } = report.summary;
    const counts = [plural(errors, 'error'), plural(warnings, 'warning'), ...(quiet ? [] : [plural(infos, 'info')])].join(', ');
    const capped = overflow.length ? ` (${overflow.length} beyond GitHub's ${ANNOTATIONS_PER_LEVEL} annotations per level are listed as plain lines)` : '';
    lines.push(`odlint: ${counts} in ${plural(datasets, 'dataset')}${capped}`);
    return lines.join('\n') + '\n';
  },
};
export default github;

function annotation(level: string, f: Finding): string {
  const { file, line, column, row } = f.location;
  const props = [`file=${escapeProperty(file)}`];
  const startLine = line ?? row;
  if (startLine !== undefined) props.push(`line=${startLine}`);
  if (line !== undefined && column !== undefined) props.push(`col=${column}`);
  props.push(`title=${escapeProperty(`odlint ${f.ruleId}`)}`);
  const field = f.location.field !== undefined && line === undefined ? ` [column ${f.location.field}]` : '';
  return `::${level} ${props.join(',')}::${escapeData(f.message + field)}`;
}
