/** One describe per data rule: fixture files in fixtures/data/, exact findings (rule, message, severity, location). */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { lintReport, allFindings, brief } from '../helpers/lint.js';

const dir = 'fixtures/data';
const f = (name: string) => `${dir}/${name}`;

/** Findings of one rule, every rule enabled (strict), optionally with rule flags. */
async function findings(ruleId: string, inputs: string[], rules: string[] = []) {
  return allFindings(await lintReport(inputs.map(f), { presets: ['strict'], rules }), ruleId).map(brief);
}

async function data(ruleId: string, input: string, rules: string[] = []) {
  return allFindings(await lintReport([f(input)], { presets: ['strict'], rules }), ruleId).map((x) => x.data);
}

describe('data/encoding-not-utf8', () => {
  const rule = 'data/encoding-not-utf8';
  it('reports a Windows/Latin-1 file', async () => {
    expect(await findings(rule, ['encoding/latin1.csv'])).toEqual([{ ruleId: rule, messageId: 'notUtf8', severity: 'warning', location: { file: f('encoding/latin1.csv') } }]);
  });
  it('reports a Latin-1 byte far beyond the 64 KiB sample, at its line and offset', async () => {
    const bytes = readFileSync(f('encoding/mixed.csv'));
    expect(await findings(rule, ['encoding/mixed.csv'])).toEqual([{ ruleId: rule, messageId: 'invalidBytes', severity: 'warning', location: { file: f('encoding/mixed.csv'), line: 7001 } }]);
    expect(await data(rule, 'encoding/mixed.csv')).toEqual([{ offset: bytes.indexOf(0xe9), line: 7001 }]);
  });
  it('accepts UTF-8', async () => {
    expect(await findings(rule, ['encoding/utf8.csv', 'bom/single.csv'])).toEqual([]);
  });
  it('makes it an error when the descriptor declares UTF-8 (Frictionless encoding-error)', async () => {
    const input = 'encoding/latin1-declared-utf8.resource.json';
    expect(await findings(rule, [input])).toEqual([{ ruleId: rule, messageId: 'declaredUtf8', severity: 'error', location: { file: f('encoding/latin1.csv') } }]);
    expect((await data(rule, input))[0]).toMatchObject({ declared: 'utf-8' });
  });
});

describe('data/bom-present', () => {
  const rule = 'data/bom-present';
  it('reports one BOM as info and two as a warning', async () => {
    expect(await findings(rule, ['bom/single.csv', 'bom/double.csv'])).toEqual([
      { ruleId: rule, messageId: 'bom', severity: 'info', location: { file: f('bom/single.csv'), line: 1 } },
      { ruleId: rule, messageId: 'double', severity: 'warning', location: { file: f('bom/double.csv'), line: 1 } },
    ]);
  });
  it('accepts a file without BOM', async () => {
    expect(await findings(rule, ['encoding/utf8.csv'])).toEqual([]);
  });
});

describe('data/non-comma-delimiter', () => {
  const rule = 'data/non-comma-delimiter';
  it('reports semicolons and pipes', async () => {
    expect(await findings(rule, ['delimiter/semicolon.csv', 'delimiter/pipe.csv'])).toEqual([
      { ruleId: rule, messageId: 'delimiter', severity: 'info', location: { file: f('delimiter/semicolon.csv'), line: 1 } },
      { ruleId: rule, messageId: 'delimiter', severity: 'info', location: { file: f('delimiter/pipe.csv'), line: 1 } },
    ]);
    expect(await data(rule, 'delimiter/semicolon.csv')).toEqual([{ name: 'semicolon', delimiter: ';' }]);
  });
  it('accepts commas, and tabs in a .tsv', async () => {
    expect(await findings(rule, ['delimiter/comma.csv', 'delimiter/tabs.tsv'])).toEqual([]);
  });
});

describe('data/delimiter-mismatch', () => {
  const rule = 'data/delimiter-mismatch';
  it('reports a declared comma on a semicolon file (csvlint check_options)', async () => {
    expect(await findings(rule, ['delimiter/declared-comma.resource.json'])).toEqual([
      { ruleId: rule, messageId: 'mismatch', severity: 'error', location: { file: f('delimiter/semicolon.csv'), line: 1 } },
    ]);
    expect(await data(rule, 'delimiter/declared-comma.resource.json')).toEqual([{ declared: 'comma ","', found: 'semicolon', columns: 2 }]);
  });
  it('accepts the right declaration, a sniffed delimiter and a real one-column file', async () => {
    expect(await findings(rule, ['delimiter/declared-semicolon.resource.json', 'delimiter/semicolon.csv', 'delimiter/one-column.resource.json', 'delimiter/tabs.tsv'])).toEqual([]);
  });
});

describe('data/blank-header', () => {
  const rule = 'data/blank-header';
  it('reports empty and whitespace-only header cells by column number', async () => {
    expect(await findings(rule, ['header/blank.csv'])).toEqual([
      { ruleId: rule, messageId: 'blank', severity: 'warning', location: { file: f('header/blank.csv'), row: 1, line: 1, field: '2' } },
      { ruleId: rule, messageId: 'blank', severity: 'warning', location: { file: f('header/blank.csv'), row: 1, line: 1, field: '4' } },
    ]);
  });
  it('says nothing about a file without header (data/missing-header does)', async () => {
    expect(await findings(rule, ['header/missing.csv'])).toEqual([]);
  });
});

describe('data/duplicate-header', () => {
  const rule = 'data/duplicate-header';
  it('reports exact duplicates and names that differ by case only', async () => {
    expect(await findings(rule, ['header/duplicate.csv'])).toEqual([
      { ruleId: rule, messageId: 'sameIgnoringCase', severity: 'error', location: { file: f('header/duplicate.csv'), row: 1, line: 1, field: '3' } },
      { ruleId: rule, messageId: 'duplicate', severity: 'error', location: { file: f('header/duplicate.csv'), row: 1, line: 1, field: '4' } },
    ]);
  });
});

describe('data/missing-header', () => {
  const rule = 'data/missing-header';
  it('reports a first row of numbers and dates, and a first row whose values recur below', async () => {
    expect(await findings(rule, ['header/missing.csv', 'header/recurring.csv'])).toEqual([
      { ruleId: rule, messageId: 'missing', severity: 'warning', location: { file: f('header/missing.csv'), row: 1, line: 1 } },
      { ruleId: rule, messageId: 'missing', severity: 'warning', location: { file: f('header/recurring.csv'), row: 1, line: 1 } },
    ]);
    expect(await data(rule, 'header/recurring.csv')).toEqual([{ row: 1, evidence: 'values of the first row recur in columns 1, 2, 3' }]);
  });
  it('accepts years as column names', async () => {
    expect(await findings(rule, ['header/years.csv', 'delimiter/comma.csv'])).toEqual([]);
  });
});

describe('data/title-row', () => {
  const rule = 'data/title-row';
  it('reports a title, a comment and a blank line above the header', async () => {
    const file = f('header/title.csv');
    expect(await findings(rule, ['header/title.csv'])).toEqual([
      { ruleId: rule, messageId: 'title', severity: 'warning', location: { file, row: 1, line: 1 } },
      { ruleId: rule, messageId: 'comment', severity: 'warning', location: { file, row: 2, line: 2 } },
      { ruleId: rule, messageId: 'blank', severity: 'warning', location: { file, row: 3, line: 3 } },
    ]);
  });
  it('finds the real header below the preamble: no other structural finding', async () => {
    const report = await lintReport([f('header/title.csv')], { presets: ['strict'] });
    expect(allFindings(report).filter((x) => x.ruleId.startsWith('data/') && x.ruleId !== rule)).toEqual([]);
  });
});

describe('data/ragged-rows', () => {
  const rule = 'data/ragged-rows';
  it('reports missing cells, extra cells and a trailing delimiter, each at its row and first odd column', async () => {
    const file = f('rows/ragged.csv');
    expect(await findings(rule, ['rows/ragged.csv'])).toEqual([
      { ruleId: rule, messageId: 'missingCells', severity: 'error', location: { file, row: 3, line: 3, field: 'c' } },
      { ruleId: rule, messageId: 'extraCells', severity: 'error', location: { file, row: 4, line: 4, field: '4' } },
      { ruleId: rule, messageId: 'extraEmptyCells', severity: 'error', location: { file, row: 5, line: 5, field: '4' } },
    ]);
  });
  it('reports ten rows one by one, then one summary with the count and the row range', async () => {
    const found = await findings(rule, ['rows/ragged-many.csv']);
    expect(found).toHaveLength(11);
    expect(found.slice(0, 10).map((x) => x.location.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(found[10]).toEqual({ ruleId: rule, messageId: 'more', severity: 'error', location: { file: f('rows/ragged-many.csv'), row: 12, line: 12 } });
    expect((await data(rule, 'rows/ragged-many.csv'))[10]).toEqual({ count: 5, firstRow: 12, lastRow: 16 });
  });
  it('honours maxFindings', async () => {
    const report = await lintReport([f('rows/ragged-many.csv')], { configFile: f('rows/max-findings.yaml') });
    expect(allFindings(report, rule).map((x) => x.messageId)).toEqual(['missingCells', 'missingCells', 'more']);
  });
  it('ignores blank rows (data/blank-rows reports them)', async () => {
    expect(await findings(rule, ['rows/blank.csv'])).toEqual([]);
  });
});

describe('data/blank-rows', () => {
  const rule = 'data/blank-rows';
  it('reports empty lines, delimiter-only and whitespace-only rows', async () => {
    const file = f('rows/blank.csv');
    expect(await findings(rule, ['rows/blank.csv'])).toEqual([
      { ruleId: rule, messageId: 'blank', severity: 'warning', location: { file, row: 3, line: 3 } },
      { ruleId: rule, messageId: 'blank', severity: 'warning', location: { file, row: 5, line: 5 } },
      { ruleId: rule, messageId: 'blank', severity: 'warning', location: { file, row: 6, line: 6 } },
    ]);
  });
});

describe('data/inconsistent-line-endings', () => {
  const rule = 'data/inconsistent-line-endings';
  it('reports mixed CRLF/LF at the first line ending the minority way, and lone CRs', async () => {
    expect(await findings(rule, ['line-endings/mixed.csv', 'line-endings/cr.csv'])).toEqual([
      { ruleId: rule, messageId: 'mixed', severity: 'warning', location: { file: f('line-endings/mixed.csv'), line: 3 } },
      { ruleId: rule, messageId: 'loneCr', severity: 'warning', location: { file: f('line-endings/cr.csv'), line: 1 } },
    ]);
    expect(await data(rule, 'line-endings/mixed.csv')).toEqual([{ counts: '3 CRLF, 1 LF', minority: 'LF', line: 3 }]);
  });
  it('accepts consistent CRLF and LF', async () => {
    expect(await findings(rule, ['line-endings/crlf.csv', 'delimiter/comma.csv'])).toEqual([]);
  });
  it('still splits the records of a mixed file correctly', async () => {
    const report = await lintReport([f('line-endings/mixed.csv')], { presets: ['strict'] });
    expect(allFindings(report, 'data/ragged-rows')).toEqual([]);
  });
});

describe('data/unclosed-quote', () => {
  const rule = 'data/unclosed-quote';
  it('reports the record where the quote opens', async () => {
    expect(await findings(rule, ['quotes/unclosed.csv'])).toEqual([{ ruleId: rule, messageId: 'unclosed', severity: 'error', location: { file: f('quotes/unclosed.csv'), row: 3, line: 3 } }]);
  });
});

describe('data/mixed-types', () => {
  const rule = 'data/mixed-types';
  it('reports text in a numeric column ("<5"), not null placeholders ("n.d.", "NA")', async () => {
    expect(await findings(rule, ['values/mixed-types.csv'])).toEqual([{ ruleId: rule, messageId: 'mixed', severity: 'warning', location: { file: f('values/mixed-types.csv'), row: 4, line: 4, field: 'births' } }]);
    expect(await data(rule, 'values/mixed-types.csv')).toEqual([{ column: 'births', dominant: 'number', dominantCount: 3, count: 1, kinds: 'text', row: 4 }]);
  });
  it('leaves text columns alone', async () => {
    expect(await findings(rule, ['values/padded.csv', 'header/years.csv'])).toEqual([]);
  });
});

describe('data/decimal-comma', () => {
  const rule = 'data/decimal-comma';
  it('reports decimal commas and thousands separators, in semicolon files and quoted in comma files', async () => {
    expect(await findings(rule, ['values/decimal-comma.csv', 'values/decimal-comma-quoted.csv'])).toEqual([
      { ruleId: rule, messageId: 'decimalComma', severity: 'warning', location: { file: f('values/decimal-comma.csv'), row: 2, line: 2, field: 'taux' } },
      { ruleId: rule, messageId: 'grouped', severity: 'warning', location: { file: f('values/decimal-comma.csv'), row: 2, line: 2, field: 'population' } },
      { ruleId: rule, messageId: 'decimalComma', severity: 'warning', location: { file: f('values/decimal-comma-quoted.csv'), row: 2, line: 2, field: 'taux' } },
    ]);
  });
});

describe('data/non-iso-dates', () => {
  const rule = 'data/non-iso-dates';
  it('names the layout, and says when day and month cannot be told apart', async () => {
    expect(await findings(rule, ['values/dates.csv'])).toEqual([
      { ruleId: rule, messageId: 'nonIso', severity: 'warning', location: { file: f('values/dates.csv'), row: 2, line: 2, field: 'opened' } },
      { ruleId: rule, messageId: 'ambiguous', severity: 'warning', location: { file: f('values/dates.csv'), row: 2, line: 2, field: 'closed' } },
    ]);
    expect((await data(rule, 'values/dates.csv')).map((d) => d!.pattern)).toEqual(['DD/MM/YYYY', 'NN/NN/YYYY']);
  });
});

describe('data/whitespace-padding', () => {
  const rule = 'data/whitespace-padding';
  it('reports padded values per column with their count and first row', async () => {
    expect(await findings(rule, ['values/padded.csv'])).toEqual([{ ruleId: rule, messageId: 'padded', severity: 'warning', location: { file: f('values/padded.csv'), row: 2, line: 2, field: 'name' } }]);
    expect(await data(rule, 'values/padded.csv')).toEqual([{ column: 'name', count: 2, row: 2 }]);
  });
});

describe('data/empty-columns', () => {
  const rule = 'data/empty-columns';
  it('reports columns with only empty cells or placeholders', async () => {
    const file = f('values/empty-column.csv');
    expect(await findings(rule, ['values/empty-column.csv'])).toEqual([
      { ruleId: rule, messageId: 'empty', severity: 'warning', location: { file, row: 1, line: 1, field: 'empty' } },
      { ruleId: rule, messageId: 'empty', severity: 'warning', location: { file, row: 1, line: 1, field: 'na' } },
    ]);
  });
});

describe('data/duplicate-rows', () => {
  const rule = 'data/duplicate-rows';
  it('is off in the recommended preset', async () => {
    expect(allFindings(await lintReport([f('values/duplicate-rows.csv')]), rule)).toEqual([]);
  });
  it('reports each repeat with the row it repeats; blank rows are not duplicates', async () => {
    const file = f('values/duplicate-rows.csv');
    expect(await findings(rule, ['values/duplicate-rows.csv'])).toEqual([
      { ruleId: rule, messageId: 'duplicate', severity: 'warning', location: { file, row: 4, line: 4 } },
      { ruleId: rule, messageId: 'duplicate', severity: 'warning', location: { file, row: 7, line: 7 } },
      { ruleId: rule, messageId: 'duplicate', severity: 'warning', location: { file, row: 9, line: 9 } },
    ]);
    expect(await data(rule, 'values/duplicate-rows.csv')).toEqual([
      { row: 4, first: 2 },
      { row: 7, first: 3 },
      { row: 9, first: 2 },
    ]);
  });
});

describe('data/unsafe-integers', () => {
  const rule = 'data/unsafe-integers';
  it('reports integers beyond 2^53 in a column of integers', async () => {
    expect(await findings(rule, ['values/unsafe.csv'])).toEqual([{ ruleId: rule, messageId: 'inferred', severity: 'warning', location: { file: f('values/unsafe.csv'), row: 2, line: 2, field: 'tweetid' } }]);
  });
  it('follows the Table Schema: integer fields are reported, string fields are not', async () => {
    expect(await findings(rule, ['schema/dataset.yaml'])).toEqual([{ ruleId: rule, messageId: 'schema', severity: 'warning', location: { file: f('schema/data/ids.csv'), row: 2, line: 2, field: 'tweet_id' } }]);
  });
});

describe('Table Schema rules', () => {
  const population = f('schema/data/population.csv');
  it('data/schema-header-mismatch: renamed and extra columns', async () => {
    const rule = 'data/schema-header-mismatch';
    const file = f('schema/data/renamed.csv');
    expect(await findings(rule, ['schema/dataset.yaml'])).toEqual([
      { ruleId: rule, messageId: 'incorrectLabel', severity: 'error', location: { file, row: 1, line: 1, field: 'commune' } },
      { ruleId: rule, messageId: 'extraLabel', severity: 'error', location: { file, row: 1, line: 1, field: 'source' } },
    ]);
  });

  it('data/schema-type-error: an integer with a letter O, a non-ISO date', async () => {
    const rule = 'data/schema-type-error';
    expect(await findings(rule, ['schema/dataset.yaml'])).toEqual([
      { ruleId: rule, messageId: 'type', severity: 'error', location: { file: population, row: 4, line: 4, field: 'year' } },
      { ruleId: rule, messageId: 'type', severity: 'error', location: { file: population, row: 5, line: 5, field: 'updated' } },
    ]);
  });

  it('data/schema-constraint-error: unique primary key, required, minimum, enum, pattern; "NA" is a missing value', async () => {
    const rule = 'data/schema-constraint-error';
    const at = (row: number, field: string, messageId: string) => ({ ruleId: rule, messageId, severity: 'error', location: { file: population, row, line: row, field } });
    expect(await findings(rule, ['schema/dataset.yaml'])).toEqual([
      at(3, 'code', 'primaryKey'),
      at(5, 'municipality', 'required'),
      at(6, 'year', 'minimum'),
      at(6, 'sex', 'enum'),
      at(6, 'population', 'minimum'),
      at(6, 'code', 'pattern'),
      at(7, 'code', 'primaryKeyEmpty'),
    ]);
  });
});
