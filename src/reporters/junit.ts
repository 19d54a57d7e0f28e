import type { Finding } from '../model/index.js';
import { defineFormatter } from './types.js';
import { Spill } from './_spill.js';
import { datasetName, hostPath, visible, where } from './_findings.js';
import { xmlEscape as x } from './_xml.js';

/**
 * JUnit XML (the Jenkins/GitLab dialect, valid against Jenkins' junit-10.xsd and, suite by
 * suite, Maven Surefire's report schema): one testsuite per dataset (and per file that yielded
 * no dataset) with its file as a property, one testcase per finding. Errors and warnings are failures; infos are passing
 * testcases with their message on system-out; a clean dataset is one passing testcase. The
 * totals open the document, so the suites are spilled as they come.
 */
const junit = defineFormatter({
  name: 'junit',
  description: 'JUnit XML for GitLab, Jenkins and other CI test reports',
  extension: '.xml',
  open({ quiet, cwd, basePath }, write) {
    const host = (file: string) => hostPath(file, { cwd, ...(basePath ? { basePath } : {}) }).path;
    const spill = new Spill();
    // Suite names must be unique too (two datasets may share a title).
    const suiteName = uniqueNamer();
    let tests = 0;
    let failures = 0;
    const suite = (name: string, file: string, all: Finding[]) => {
      const findings = all.filter(visible(quiet));
      const failed = findings.filter((f) => f.severity !== 'info').length;
      const count = Math.max(1, findings.length);
      tests += count;
      failures += failed;
      // Neither Surefire's nor Jenkins' schema allows file/line on a testcase: the file is a suite
      // property, the line is in the testcase's name and in the failure's text.
      const out = [
        `  <testsuite name="${x(suiteName(name))}" tests="${count}" failures="${failed}" errors="0" skipped="0" time="0">`,
        '    <properties>',
        `      <property name="file" value="${x(host(file))}"/>`,
        '    </properties>',
      ];
      if (findings.length === 0) out.push(`    <testcase name="no problems" classname="odlint" time="0"/>`);
      const caseName = uniqueNamer();
      for (const f of findings) {
        const at = host(f.location.file);
        const open = `    <testcase name="${x(caseName(`${f.ruleId} ${where(f.location) || at}`.trim()))}" classname="${x(f.ruleId)}" time="0">`;
        const detail = x(`${f.severity} ${f.ruleId} (${f.messageId})\n${at}${where(f.location) ? ` ${where(f.location)}` : ''}${f.location.pointer ? `\npointer: ${f.location.pointer}` : ''}\n${f.message}`);
        if (f.severity === 'info') out.push(open, `      <system-out>${detail}</system-out>`, '    </testcase>');
        else out.push(open, `      <failure message="${x(f.message)}" type="${x(f.ruleId)}">${detail}</failure>`, '    </testcase>');
      }
      out.push('  </testsuite>');
      spill.push(out.join('\n') + '\n');
    };
    return {
      dataset: (d) => suite(`${datasetName(d)} (${d.source.file})`, d.source.file, d.findings),
      file: (f) => suite(f.file, f.file, f.findings),
      end() {
        write(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="odlint" tests="${tests}" failures="${failures}" errors="0" time="0">\n`);
        spill.drain(write);
        write('</testsuites>\n');
      },
    };
  },
});
export default junit;

/**
 * Names made unique in the order they come: a repeated name gets ` (2)`, ` (3)`…, skipping any
 * name already given.
 */
function uniqueNamer(): (name: string) => string {
  const count = new Map<string, number>();
  const taken = new Set<string>();
  return (name) => {
    const n = (count.get(name) ?? 0) + 1;
    count.set(name, n);
    let candidate = name;
    for (let k = n; taken.has(candidate) || (k > 1 && candidate === name); k++) candidate = `${name} (${k})`;
    taken.add(candidate);
    return candidate;
  };
}
