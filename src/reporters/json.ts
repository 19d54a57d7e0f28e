import type { Formatter } from './types.js';

/** The versioned JSON report (schemas/report.schema.json), for tools and CI. */
const json: Formatter = {
  name: 'json',
  description: 'machine-readable report, validated by schemas/report.schema.json',
  extension: '.json',
  format(report, { quiet }) {
    if (!quiet) return JSON.stringify(report, null, 2) + '\n';
    const keepErrors = <T extends { findings: { severity: string }[] }>(x: T): T => ({ ...x, findings: x.findings.filter((f) => f.severity === 'error') });
    return JSON.stringify({ ...report, datasets: report.datasets.map(keepErrors), files: report.files.map(keepErrors) }, null, 2) + '\n';
  },
};
export default json;
