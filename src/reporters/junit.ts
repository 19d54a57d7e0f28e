import type { Finding } from '../model/index.js';
import type { Formatter } from './types.js';
import { datasetName, visible, where } from './_findings.js';
import { xmlEscape as x } from './_xml.js';

interface Suite {
  name: string;
  file: string;
  findings: Finding[];
}

/**
 * JUnit XML (the Jenkins/GitLab dialect): one testsuite per dataset (and per file that yielded
 * no dataset), one testcase per finding. Errors and warnings are failures; infos are passing
 * testcases with their message on system-out; a clean dataset is one passing testcase.
 */
const junit: Formatter = {
  name: 'junit',
  description: 'JUnit XML for GitLab, Jenkins and other CI test reports',
  extension: '.xml',
  format(report, { quiet }) {
    const suites: Suite[] = [
      ...report.datasets.map((d) => ({ name: `${datasetName(d)} (${d.source.file})`, file: d.source.file, findings: d.findings.filter(visible(quiet)) })),
      ...report.files.map((f) => ({ name: f.file, file: f.file, findings: f.findings.filter(visible(quiet)) })),
    ];
    // Suite names must be unique too (two datasets may share a title).
    const suiteNames = uniqueNames(suites.map((s) => s.name));
    const failures = (s: Suite) => s.findings.filter((f) => f.severity !== 'info').length;
    const tests = (s: Suite) => Math.max(1, s.findings.length);
    const total = (fn: (s: Suite) => number) => suites.reduce((t, s) => t + fn(s), 0);

    const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="odlint" tests="${total(tests)}" failures="${total(failures)}" errors="0" time="0">`];
    suites.forEach((s, i) => {
      out.push(`  <testsuite name="${x(suiteNames[i]!)}" tests="${tests(s)}" failures="${failures(s)}" errors="0" skipped="0" time="0" file="${x(s.file)}">`);
      if (s.findings.length === 0) out.push(`    <testcase name="no problems" classname="odlint" file="${x(s.file)}" time="0"/>`);
      const names = uniqueNames(s.findings.map((f) => `${f.ruleId} ${where(f.location) || f.location.file}`.trim()));
      s.findings.forEach((f, j) => {
        const open = `    <testcase name="${x(names[j]!)}" classname="${x(f.ruleId)}" file="${x(f.location.file)}"${f.location.line ? ` line="${f.location.line}"` : ''} time="0">`;
        const detail = x(`${f.severity} ${f.ruleId} (${f.messageId})\n${f.location.file}${where(f.location) ? ` ${where(f.location)}` : ''}${f.location.pointer ? `\npointer: ${f.location.pointer}` : ''}\n${f.message}`);
        if (f.severity === 'info') out.push(open, `      <system-out>${detail}</system-out>`, '    </testcase>');
        else out.push(open, `      <failure message="${x(f.message)}" type="${x(f.ruleId)}">${detail}</failure>`, '    </testcase>');
      });
      out.push('  </testsuite>');
    });
    out.push('</testsuites>');
    return out.join('\n') + '\n';
  },
};
export default junit;

/** Appends ` (2)`, ` (3)`… to repeated names so every name is unique. */
function uniqueNames(names: string[]): string[] {
  const count = new Map<string, number>();
  const taken = new Set(names);
  return names.map((name) => {
    const n = (count.get(name) ?? 0) + 1;
    count.set(name, n);
    if (n === 1) return name;
    let candidate = `${name} (${n})`;
    for (let k = n; taken.has(candidate); k++) candidate = `${name} (${k + 1})`;
    taken.add(candidate);
    return candidate;
  });
}
