import { defineFormatter } from './types.js';
import { csvRow, csvStart } from './_csv.js';

const DIMENSIONS = ['findability', 'accessibility', 'interoperability', 'reusability', 'contextuality'];
const HEADER = ['dataset', 'title', 'file', 'format', 'publisher', 'errors', 'warnings', 'infos', 'odlint', 'mqa_points', 'mqa_rating', ...DIMENSIONS.map((d) => `mqa_${d}`), 'mqa_not_checked', 'udata', 'stars'];

/** One row per dataset with its scores: the scorecard as a spreadsheet. */
const scorecardCsv = defineFormatter({
  name: 'scorecard-csv',
  description: 'one CSV row per dataset with its odlint, MQA, udata and 5-star scores',
  extension: '.csv',
  open({ csvBom }, write) {
    write(csvStart(csvBom) + csvRow(HEADER) + '\r\n');
    return {
      dataset(d) {
        const n = (s: string) => d.findings.filter((f) => f.severity === s).length;
        const s = d.score ?? {};
        write(
          csvRow([
            d.id, d.title, d.source.file, d.source.format, d.publisher, n('error'), n('warning'), n('info'), s.odlint,
            s.mqa?.points, s.mqa?.rating, ...DIMENSIONS.map((k) => s.mqa?.dimensions[k]?.points), s.mqa?.notChecked?.join(' '), s.udata, s.stars,
          ]) + '\r\n',
        );
      },
      file() {},
      end() {},
    };
  },
});
export default scorecardCsv;
