/**
 * ZIP distributions linted end to end (fixtures/archives/, SOURCES.md): the tabular entries go
 * through the data rules as tables named `archive.zip!/entry`; zip bombs, path escapes, links,
 * encrypted and damaged archives are findings, never a crash or a write.
 */
import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { lintReport, allFindings, brief, ROOT } from '../helpers/lint.js';
import { sniffFile } from '../../src/readers/sniff.js';

const dir = 'fixtures/archives';
const f = (name: string) => `${dir}/${name}`;

/** Findings of the default preset, without the catalogue-level ones. */
async function findings(input: string, configFile?: string) {
  const report = await lintReport([f(input)], configFile ? { configFile: f(configFile) } : {});
  return allFindings(report)
    .filter((x) => !x.ruleId.startsWith('catalogue/'))
    .map((x) => ({ ...brief(x), data: x.data }));
}

describe('ZIP distributions', () => {
  it('runs the personal-data and data rules on each tabular entry, located in the entry', async () => {
    expect(await findings('tables.zip')).toEqual([
      { ruleId: 'data/non-comma-delimiter', messageId: 'delimiter', severity: 'info', location: { file: f('tables.zip!/data/births.csv'), line: 1 }, data: { name: 'semicolon', delimiter: ';' } },
      {
        ruleId: 'personal-data/email-address',
        messageId: 'found',
        severity: 'warning',
        location: { file: f('tables.zip!/data/people.csv'), row: 2, field: 'email', line: 2 },
        data: { column: 'email', kind: 'e-mail address', kindId: 'email', count: 3, sampled: 3, rows: '2, 3, 4', sample: 'a***@***.be', confidence: 'high' },
      },
    ]);
  });

  it('finds the errors of frictionless-py\'s zipped invalid table at their rows and lines', async () => {
    const entry = f('ogd10_catalogs.zip!/capital-invalid.csv');
    expect((await findings('ogd10_catalogs.zip')).map(({ data: _, ...x }) => x)).toEqual([
      { ruleId: 'data/duplicate-header', messageId: 'duplicate', severity: 'error', location: { file: entry, row: 1, field: '3', line: 1 } },
      { ruleId: 'data/ragged-rows', messageId: 'missingCells', severity: 'error', location: { file: entry, row: 10, field: 'name', line: 10 } },
      { ruleId: 'data/blank-rows', messageId: 'blank', severity: 'warning', location: { file: entry, row: 11, line: 11 } },
      { ruleId: 'data/ragged-rows', messageId: 'extraCells', severity: 'error', location: { file: entry, row: 12, field: '4', line: 12 } },
      { ruleId: 'data/mixed-types', messageId: 'mixed', severity: 'warning', location: { file: entry, row: 12, field: 'id', line: 12 } },
    ]);
  });

  it('reads an archive inside an archive', async () => {
    expect((await findings('nested.zip')).map((x) => [x.ruleId, x.location])).toEqual([['personal-data/email-address', { file: f('nested.zip!/inner.zip!/people.csv'), row: 2, field: 'email', line: 2 }]]);
  });

  it('reads a ZIP distribution of a descriptor once, whatever the number of resources naming it', async () => {
    const all = await findings('package/datapackage.json');
    expect(all.filter((x) => x.location.file.includes('!/')).map((x) => [x.ruleId, x.location.file])).toEqual([
      ['data/non-comma-delimiter', f('package/registers.zip!/data/births.csv')],
      ['personal-data/email-address', f('package/registers.zip!/data/people.csv')],
    ]);
  });
});

describe('hostile archives', () => {
  it('skips an entry compressed like a zip bomb (core/limit-exceeded archiveRatio) and reads the next', async () => {
    expect(await findings('bomb-ratio.zip')).toEqual([
      { ruleId: 'data/non-comma-delimiter', messageId: 'delimiter', severity: 'info', location: { file: f('bomb-ratio.zip!/ok.csv'), line: 1 }, data: { name: 'semicolon', delimiter: ';' } },
      { ruleId: 'core/limit-exceeded', messageId: 'archiveRatio', severity: 'error', location: { file: f('bomb-ratio.zip!/zeros.csv') }, data: { max: 200, found: 1028, entry: 'zeros.csv' } },
    ]);
  });

  it('stops an entry that inflates beyond its declared size', async () => {
    expect(await findings('bomb-lying-size.zip')).toEqual([
      {
        ruleId: 'core/data-unreadable',
        messageId: 'unreadable',
        severity: 'error',
        location: { file: f('bomb-lying-size.zip!/big.csv') },
        data: { message: 'archive entry "big.csv" decompresses to more than the 100 bytes its header declares (how zip bombs slip past size checks): not read' },
      },
    ]);
  });

  it('reads no entry of an archive with too many (limits.archiveEntries)', async () => {
    expect(await findings('many-entries.zip', 'config/entries.yaml')).toEqual([
      { ruleId: 'core/limit-exceeded', messageId: 'archiveEntries', severity: 'error', location: { file: f('many-entries.zip') }, data: { max: 10, found: 12 } },
    ]);
  });

  it('stops at limits.archiveBytes of decompressed data', async () => {
    expect(await findings('tables.zip', 'config/bytes.yaml')).toEqual([
      { ruleId: 'core/limit-exceeded', messageId: 'archiveBytes', severity: 'error', location: { file: f('tables.zip!/data/people.csv') }, data: { max: 100, found: 199, entry: 'data/people.csv' } },
    ]);
  });

  it('opens nested archives down to limits.archiveDepth only', async () => {
    expect(await findings('deep.zip')).toEqual([
      { ruleId: 'core/limit-exceeded', messageId: 'archiveDepth', severity: 'error', location: { file: f('deep.zip!/level2.zip!/level3.zip') }, data: { max: 2, entry: 'level3.zip' } },
    ]);
    expect(await findings('nested.zip', 'config/depth.yaml')).toEqual([
      { ruleId: 'core/limit-exceeded', messageId: 'archiveDepth', severity: 'error', location: { file: f('nested.zip!/inner.zip') }, data: { max: 1, entry: 'inner.zip' } },
    ]);
  });

  it('refuses entries leading outside the archive and symbolic links (core/unsafe-path), writes nothing, reads the rest', async () => {
    expect(await findings('escape.zip')).toEqual([
      { ruleId: 'core/unsafe-path', messageId: 'entryOutside', severity: 'error', location: { file: f('escape.zip') }, data: { path: '../../evil.csv' } },
      { ruleId: 'core/unsafe-path', messageId: 'entryOutside', severity: 'error', location: { file: f('escape.zip') }, data: { path: '/tmp/absolute.csv' } },
      { ruleId: 'core/unsafe-path', messageId: 'entryLink', severity: 'error', location: { file: f('escape.zip') }, data: { path: 'link.csv' } },
      { ruleId: 'data/non-comma-delimiter', messageId: 'delimiter', severity: 'info', location: { file: f('escape.zip!/safe.csv'), line: 1 }, data: { name: 'semicolon', delimiter: ';' } },
    ]);
    // Where unpacking `../../evil.csv` next to the archive would have put it.
    expect(existsSync(path.resolve(ROOT, dir, '../../evil.csv'))).toBe(false);
  });

  it('reports an encrypted entry and a damaged archive as unreadable', async () => {
    expect(await findings('encrypted.zip')).toEqual([
      { ruleId: 'core/data-unreadable', messageId: 'unreadable', severity: 'error', location: { file: f('encrypted.zip!/secret.csv') }, data: { message: 'the archive entry is encrypted: not read' } },
    ]);
    expect(await findings('truncated.zip')).toEqual([
      {
        ruleId: 'core/data-unreadable',
        messageId: 'unreadable',
        severity: 'error',
        location: { file: f('truncated.zip') },
        data: { message: 'cannot read as a ZIP archive: End of central directory record signature not found. Either not a zip file, or file is truncated.' },
      },
    ]);
  });
});

describe('format rules judge a ZIP archive by what it holds', () => {
  it('sniffing lists the entries by format from the directory alone', async () => {
    expect((await sniffFile(path.join(ROOT, f('tables.zip')))).archive).toEqual({ entries: 3, formats: { txt: 1, csv: 2 } });
    expect((await sniffFile(path.join(ROOT, f('docs/documents.zip')))).archive).toEqual({ entries: 2, formats: { pdf: 1, docx: 1 } });
  });

  it('a ZIP of documents only is not machine-readable (format/format-not-machine-readable)', async () => {
    const all = await findings('docs/datapackage.json');
    expect(all.filter((x) => x.ruleId.startsWith('format/'))).toEqual([
      {
        ruleId: 'format/format-not-machine-readable',
        messageId: 'archive',
        severity: 'warning',
        location: { file: f('docs/datapackage.json'), pointer: '/resources/0/format', line: 6, column: 62 },
        data: { format: 'ZIP', held: 'PDF, DOCX' },
      },
    ]);
  });

  it('a ZIP of CSV files declared as CSV (Frictionless compression: zip) is machine-readable and no format mismatch', async () => {
    expect((await findings('package/datapackage.json')).filter((x) => x.ruleId.startsWith('format/'))).toEqual([]);
  });
});
