import type { DatasetReport, Finding } from '../model/index.js';
import { defineFormatter } from './types.js';
import { Fingerprints, visible } from './_findings.js';
import { csvRow, csvStart } from './_csv.js';

const HEADER = ['dataset', 'file', 'line', 'column', 'pointer', 'row', 'field', 'severity', 'rule', 'message_id', 'message', 'fingerprint'];

/** One row per finding, for spreadsheets and data pipelines (scores: `--format scorecard-csv`). */
const csv = defineFormatter({
  name: 'csv',
  description: 'one CSV row per finding (scores per dataset: scorecard-csv)',
  extension: '.csv',
  open({ quiet, csvBom }, write) {
    const fingerprints = new Fingerprints();
    write(csvStart(csvBom) + csvRow(HEADER) + '\r\n');
    const rows = (findings: Finding[], dataset?: DatasetReport) => {
      for (const f of findings) {
        const fingerprint = fingerprints.of(f);
        if (!visible(quiet)(f)) continue;
        const l = f.location;
        write(csvRow([dataset?.id, l.file, l.line, l.column, l.pointer, l.row, l.field, f.severity, f.ruleId, f.messageId, f.message, fingerprint]) + '\r\n');
      }
    };
    return { dataset: (d) => rows(d.findings, d), file: (f) => rows(f.findings), end() {} };
  },
});
export default csv;
