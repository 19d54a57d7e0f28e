import type { Formatter } from './types.js';
import { reportedFindings, visible } from './_findings.js';
import { csvDocument, csvRow } from './_csv.js';

const HEADER = ['dataset', 'file', 'line', 'column', 'pointer', 'row', 'field', 'severity', 'rule', 'message_id', 'message', 'fingerprint'];

/** One row per finding, for spreadsheets and data pipelines (scores: `--format scorecard-csv`). */
const csv: Formatter = {
  name: 'csv',
  description: 'one CSV row per finding (scores per dataset: scorecard-csv)',
  extension: '.csv',
  format(report, { quiet }) {
    const rows = reportedFindings(report)
      .filter(({ finding }) => visible(quiet)(finding))
      .map(({ finding: f, dataset, fingerprint }) => {
        const l = f.location;
        return csvRow([dataset?.id, l.file, l.line, l.column, l.pointer, l.row, l.field, f.severity, f.ruleId, f.messageId, f.message, fingerprint]);
      });
    return csvDocument([csvRow(HEADER), ...rows]);
  },
};
export default csv;
