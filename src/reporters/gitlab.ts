import type { Finding, Severity } from '../model/index.js';
import { defineFormatter } from './types.js';
import { cellNote, Fingerprints, hostPath, visible } from './_findings.js';

/** GitLab's severities (Code Climate's): odlint errors block, warnings are minor, infos info. */
const SEVERITY: Record<Severity, 'major' | 'minor' | 'info'> = { error: 'major', warning: 'minor', info: 'info' };

/** Code Climate's categories (required by its spec, shown by GitLab), by rule family. */
const CATEGORY: Record<string, string> = { 'personal-data': 'Security', licence: 'Compatibility', format: 'Compatibility', data: 'Bug Risk', core: 'Bug Risk' };

/**
 * GitLab Code Quality: the subset of Code Climate's issue format GitLab reads from
 * `artifacts:reports:codequality` (description, check_name, fingerprint, severity,
 * location.path, location.lines.begin), one JSON array written as the findings come. Paths are
 * relative to --base-path (the repository root) or the working directory (`../` for a file
 * outside it: GitLab wants relative paths); a finding with no line
 * (a file, a column of a data file) is put on line 1, as GitLab requires a line.
 */
const gitlab = defineFormatter({
  name: 'gitlab',
  description: 'GitLab Code Quality report (Code Climate JSON) for merge requests',
  extension: '.json',
  open({ quiet, cwd, basePath }, write) {
    const fingerprints = new Fingerprints();
    let first = true;
    write('[');
    const each = (findings: Finding[]) => {
      for (const f of findings) {
        const fingerprint = fingerprints.of(f);
        if (!visible(quiet)(f)) continue;
        const { line } = f.location;
        const issue = {
          type: 'issue',
          check_name: f.ruleId,
          description: f.message + cellNote(f.location),
          categories: [CATEGORY[f.ruleId.split('/')[0]!] ?? 'Clarity'],
          severity: SEVERITY[f.severity],
          fingerprint,
          location: { path: hostPath(f.location.file, { cwd, ...(basePath ? { basePath } : {}) }).relative, lines: { begin: line ?? 1 } },
        };
        write(`${first ? '' : ','}\n  ${JSON.stringify(issue)}`);
        first = false;
      }
    };
    return {
      dataset: (d) => each(d.findings),
      file: (f) => each(f.findings),
      end() {
        write(first ? ']\n' : '\n]\n');
      },
    };
  },
});
export default gitlab;
