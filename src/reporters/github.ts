import type { Finding, Severity } from '../model/index.js';
import { defineFormatter } from './types.js';
import { cellNote, hostPath, plural, visible, where } from './_findings.js';
import { Spill } from './_spill.js';

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
const github = defineFormatter({
  name: 'github',
  description: 'GitHub Actions annotations (::error file=…,line=…::message) and a summary line',
  extension: '.txt',
  open({ quiet, cwd, basePath }, write) {
    const file = (f: Finding) => hostPath(f.location.file, { cwd, ...(basePath ? { basePath } : {}) }).path;
    const shown: Record<string, number> = { error: 0, warning: 0, notice: 0 };
    const overflow = new Spill();
    let overflowed = 0;
    const each = (findings: Finding[]) => {
      for (const f of findings.filter(visible(quiet))) {
        const level = COMMAND[f.severity];
        if (shown[level]! >= ANNOTATIONS_PER_LEVEL) {
          overflowed++;
          overflow.push(`${file(f)}${where(f.location) ? `:${where(f.location)}` : ''}: ${f.severity} ${f.message} [${f.ruleId}]`.replace(/[\r\n]+/g, ' ') + '\n');
          continue;
        }
        shown[level]!++;
        write(annotation(level, f, file(f)) + '\n');
      }
    };
    return {
      dataset: (d) => each(d.findings),
      file: (f) => each(f.findings),
      end({ errors, warnings, infos, datasets }) {
        overflow.drain(write);
        const counts = [plural(errors, 'error'), plural(warnings, 'warning'), ...(quiet ? [] : [plural(infos, 'info')])].join(', ');
        const capped = overflowed ? ` (${overflowed} beyond GitHub's ${ANNOTATIONS_PER_LEVEL} annotations per level are listed as plain lines)` : '';
        write(`odlint: ${counts} in ${plural(datasets, 'dataset')}${capped}\n`);
      },
    };
  },
});
export default github;

function annotation(level: string, f: Finding, file: string): string {
  const { line, column } = f.location;
  const props = [`file=${escapeProperty(file)}`];
  // The physical line (a data file's row number is not one: it goes to the message).
  if (line !== undefined) props.push(`line=${line}`);
  if (line !== undefined && column !== undefined) props.push(`col=${column}`);
  props.push(`title=${escapeProperty(`odlint ${f.ruleId}`)}`);
  return `::${level} ${props.join(',')}::${escapeData(f.message + cellNote(f.location))}`;
}
