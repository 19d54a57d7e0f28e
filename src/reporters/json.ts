import type { DatasetReport, FileReport, Finding } from '../model/index.js';
import { defineFormatter } from './types.js';

/** A value as `JSON.stringify(…, null, 2)` prints it at a nesting depth (strings never hold a raw newline). */
export const indented = (value: unknown, indent: string) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);

/** Under --quiet only errors are listed (summaries still count everything). */
export const onlyErrors = <T extends { findings: Finding[] }>(quiet: boolean, x: T): T =>
  quiet ? { ...x, findings: x.findings.filter((f) => f.severity === 'error') } : x;

/**
 * The versioned JSON report (schemas/report.schema.json), for tools and CI. Written as the
 * datasets come, byte for byte what `JSON.stringify(report, null, 2)` gives; the findings about
 * files (few) are held until the datasets are done, as the document puts them after.
 */
const json = defineFormatter({
  name: 'json',
  description: 'machine-readable report, validated by schemas/report.schema.json',
  extension: '.json',
  open({ version, quiet }, write) {
    const head = indented({ tool: { name: 'odlint', version }, schemaVersion: 1 }, '');
    write(`${head.slice(0, -2)},\n  "datasets": [`);
    let datasets = 0;
    const files: FileReport[] = [];
    const item = (first: boolean, value: DatasetReport | FileReport) => `${first ? '' : ','}\n    ${indented(onlyErrors(quiet, value), '    ')}`;
    return {
      dataset(d) {
        write(item(datasets++ === 0, d));
      },
      file(f) {
        files.push(f);
      },
      end(summary) {
        write(datasets ? '\n  ],\n  "files": [' : '],\n  "files": [');
        files.forEach((f, i) => write(item(i === 0, f)));
        write(`${files.length ? '\n  ]' : ']'},\n  "summary": ${indented(summary, '  ')}\n}\n`);
      },
    };
  },
});
export default json;
