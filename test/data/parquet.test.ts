/** Parquet files linted end to end (fixtures/parquet/, SOURCES.md): the data, personal-data and format rules see them. */
import { describe, it, expect } from 'vitest';
import { lintReport, allFindings, brief } from '../helpers/lint.js';

const f = (name: string) => `fixtures/parquet/${name}`;

async function findings(inputs: string[]) {
  return allFindings(await lintReport(inputs.map(f)))
    .filter((x) => !x.ruleId.startsWith('catalogue/'))
    .map(brief);
}

describe('Parquet data files', () => {
  it('finds personal data and padded values, by row and column (no line: the file has none)', async () => {
    expect(await findings(['people.parquet'])).toEqual([
      { ruleId: 'personal-data/email-address', messageId: 'found', severity: 'warning', location: { file: f('people.parquet'), row: 2, field: 'email' } },
      { ruleId: 'data/whitespace-padding', messageId: 'padded', severity: 'warning', location: { file: f('people.parquet'), row: 5, field: 'commune' } },
    ]);
  });

  it('finds ambiguous dates kept as text in a real file (apache/parquet-testing alltypes_plain)', async () => {
    expect(await findings(['alltypes_plain.parquet'])).toEqual([
      { ruleId: 'data/non-iso-dates', messageId: 'ambiguous', severity: 'warning', location: { file: f('alltypes_plain.parquet'), row: 2, field: 'date_string_col' } },
    ]);
  });

  it('finds nothing in clean files: typed columns, counts by sex', async () => {
    expect(await findings(['births-by-sex.parquet', 'frictionless-table.parquet', 'concatenated_gzip_members.parquet', 'byte_stream_split.zstd.parquet'])).toEqual([]);
  });

  it('reports a cut file and a damaged row group as unreadable', async () => {
    expect(await findings(['truncated.parquet', 'nation.dict-malformed.parquet'])).toEqual([
      { ruleId: 'core/data-unreadable', messageId: 'unreadable', severity: 'error', location: { file: f('truncated.parquet') } },
      { ruleId: 'core/data-unreadable', messageId: 'unreadable', severity: 'error', location: { file: f('nation.dict-malformed.parquet') } },
    ]);
  });

  it('reads a Parquet entry of a ZIP archive', async () => {
    const all = allFindings(await lintReport(['fixtures/archives/parquet.zip'])).filter((x) => !x.ruleId.startsWith('catalogue/'));
    expect(all.map(brief)).toEqual([
      { ruleId: 'personal-data/email-address', messageId: 'found', severity: 'warning', location: { file: 'fixtures/archives/parquet.zip!/registers/people.parquet', row: 2, field: 'email' } },
      { ruleId: 'data/whitespace-padding', messageId: 'padded', severity: 'warning', location: { file: 'fixtures/archives/parquet.zip!/registers/people.parquet', row: 5, field: 'commune' } },
    ]);
  });
});
