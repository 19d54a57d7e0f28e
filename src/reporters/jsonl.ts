import { defineFormatter } from './types.js';
import { onlyErrors } from './json.js';

/**
 * JSON Lines (schemas/report-line.schema.json): a `run` line, one line per dataset and per file
 * with findings of its own, a shard's `catalogue` summaries, then a `summary` line — what shards, pipelines and `merge-reports`
 * exchange. Each item carries its `seq` (place in the run), so parts merge in the run's order.
 */
const jsonl = defineFormatter({
  name: 'jsonl',
  description: 'JSON Lines: one dataset per line (shards and pipelines; odlint merge-reports joins them)',
  extension: '.jsonl',
  open({ version, quiet, shard }, write) {
    write(JSON.stringify({ type: 'run', tool: { name: 'odlint', version }, schemaVersion: 1, ...(shard ? { shard } : {}) }) + '\n');
    return {
      dataset(d, seq) {
        write(JSON.stringify({ type: 'dataset', seq, dataset: onlyErrors(quiet, d) }) + '\n');
      },
      // The bytes of `dataset` above: JSON.stringify writes a nested object as its own text.
      ...(quiet ? {} : { datasetJson: (json: string, seq: [number, number]) => write(`{"type":"dataset","seq":${JSON.stringify(seq)},"dataset":${json}}\n`) }),
      file(f, seq) {
        write(JSON.stringify({ type: 'file', seq, file: onlyErrors(quiet, f) }) + '\n');
      },
      catalogue(facts) {
        write(JSON.stringify({ type: 'catalogue', facts }) + '\n');
      },
      end(summary) {
        write(JSON.stringify({ type: 'summary', summary }) + '\n');
      },
    };
  },
});
export default jsonl;
