import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { lintReport, allFindings, FIXTURES, ROOT } from '../helpers/lint.js';
import { loadBuiltinRules } from '../../src/engine/registry.js';
import { formatNames, loadFormatter } from '../../src/reporters/index.js';
import { maskPersonalData, maskStrings } from '../../src/knowledge/personal-data/mask-text.js';
import { bsnValid, ibanValid, nirValid, nissValid, parsePhone, personalEmail } from '../../src/knowledge/personal-data/index.js';
import type { Report } from '../../src/model/index.js';

/** The fictitious values planted in fixtures/personal-data/planted (descriptor, data, file names). */
const PLANTED = {
  emails: ['louise.peeters@example.be', 'marie.janssens@example.be', 'sofie.vandamme@proximus.be', 'thomas.dubois@orange.fr', 'lotte.devries@ziggo.nl'],
  phones: ['+32 478 21 43 65', '0496 37 58 21', '+31 6 41 82 73 95', '+33 7 81 26 45 39'],
  ibans: ['BE86 7310 4726 5950', 'NL21RABO0317529468', 'LU89 0019 4037 5826 0140', 'FR7630004028370001957386265'],
  niss: ['91.04.23-163.19', '68.12.01-255.63', '03.09.08-072.37', '03090807237'],
  bsn: ['273849104', '318294758', '602918376', '418273649'],
  nir: ['2 91 04 69 381 114 43', '1 66 02 59 350 042 36', '1 72 06 2A 004 087 66', '166025935004236'],
};

/** Each planted value as written, without separators, as digits only, and (e-mails) its local part. */
function forms(): string[] {
  const all = Object.values(PLANTED).flat();
  const out = new Set<string>();
  for (const v of all) {
    out.add(v);
    out.add(v.replace(/[\s.\-/]/g, ''));
    const digits = v.replace(/\D/g, '');
    if (digits.length >= 8) out.add(digits);
  }
  for (const e of PLANTED.emails) out.add(e.split('@')[0]!);
  return [...out];
}

const DIR = path.join(FIXTURES, 'personal-data', 'planted');
const DATA = 'fixtures/personal-data/planted/data';

describe('the planted values are real personal data (the test can fail)', () => {
  it('pass the validators', () => {
    for (const e of PLANTED.emails) expect(personalEmail(e), e).toBe(true);
    for (const p of PLANTED.phones) expect(parsePhone(p.replace(/\s/g, '').replace(/^0/, '+32')), p).toBeDefined();
    for (const i of PLANTED.ibans) expect(ibanValid(i.replace(/\s/g, '')), i).toBe(true);
    for (const n of PLANTED.niss) expect(nissValid(n.replace(/\D/g, '')), n).toBe(true);
    for (const b of PLANTED.bsn) expect(bsnValid(b), b).toBe(true);
    for (const n of PLANTED.nir) expect(nirValid(n.replace(/\s/g, '')), n).toBe(true);
  });

  it('are all in the fixture: descriptor, data files and their names', () => {
    const names = readdirSync(path.join(DIR, 'data')).join('\n');
    const text = [readFileSync(path.join(DIR, 'dataset.yaml'), 'utf8'), names, ...readdirSync(path.join(DIR, 'data')).map((f) => readFileSync(path.join(DIR, 'data', f), 'utf8'))].join('\n');
    for (const v of Object.values(PLANTED).flat()) expect(text, v).toContain(v);
  });
});

describe('masking everywhere: every rule, every report format', () => {
  let report: Report;
  beforeAll(async () => {
    const rules = await loadBuiltinRules();
    // Every rule on, at its default severity, over the strict preset.
    const flags = [...rules.values()].map((r) => `${r.meta.id}=${r.meta.severity}`);
    report = await lintReport([DIR], { presets: ['strict'], rules: flags });
  });

  it('reaches the planted places: header cells, values, paths, title, id, extras keys', () => {
    const findings = allFindings(report);
    const ds = report.datasets.find((d) => d.source.file.endsWith('dataset.yaml'))!;
    expect(ds.id).toBe('e***@***.be');
    expect(ds.title).toBe('Contacts of m***@***.be and +32 *******65');
    expect(ds.publisher).toBe('l***@***.be');
    const csv = `${DATA}/l***@***.be.csv`;
    expect(findings.filter((f) => f.ruleId === 'data/whitespace-padding').map((f) => [f.location.file, f.location.field])).toEqual([
      [csv, ' m***@***.be '],
      [csv, 'Men'],
    ]);
    expect(findings.find((f) => f.ruleId === 'data/whitespace-padding')!.message).toBe(
      'column " m***@***.be " has 4 values with leading or trailing spaces, first at row 2',
    );
    expect(findings.find((f) => f.ruleId === 'data/file-missing')!.message).toBe('data file "data/+32 *******21.csv" does not exist');
    expect(findings.find((f) => f.messageId === 'unknownProperty' || /unknown property/.test(f.message))!.location.pointer).toBe('/l***@***.nl');
    expect(findings.find((f) => f.ruleId === 'licence/licence-not-recognised')!.data!.licence ?? '').not.toContain('7310');
    // A data file no descriptor references: its id and path are masked, the rest of the path kept.
    const orphan = report.datasets.find((d) => d.source.format === 'data-file')!;
    expect(orphan.id).toBe(`${DATA}/s***@***.be +32 *******21.csv`);
    // Ordinary column names stay readable.
    expect(findings.some((f) => f.ruleId === 'data/decimal-comma' && f.message.includes('column "Men"'))).toBe(true);
  });

  it('no raw planted value (as written, compact or digits only) in any of the formats', async () => {
    const rules = await loadBuiltinRules();
    const metas = new Map([...rules].map(([id, r]) => [id, r.meta]));
    const values = forms();
    const names = formatNames();
    expect(names).toEqual(expect.arrayContaining(['stylish', 'json', 'sarif', 'junit', 'github', 'markdown', 'csv', 'scorecard-csv', 'html']));
    for (const name of names) {
      const formatter = (await loadFormatter(name))!;
      const out = await formatter.format(report, { color: false, quiet: false, rules: metas, cwd: ROOT });
      expect(out, name).toContain('***@***.be');
      expect(values.filter((v) => out.includes(v)), `${name} output leaks`).toEqual([]);
    }
  });
});

describe('masking through the command line', () => {
  it('the real binary, every rule, every format written with -o: no planted value in any file or on stderr', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'odlint-masking-out-'));
    const rules = await loadBuiltinRules();
    const args = [path.join(ROOT, 'bin', 'odlint.js'), DIR, '-p', 'strict'];
    for (const r of rules.values()) args.push('--rule', `${r.meta.id}=${r.meta.severity}`);
    const names = formatNames();
    for (const name of names) args.push('-f', name, '-o', path.join(out, `report.${name}`));
    const r = await execa('node', args, { cwd: ROOT, reject: false });
    expect(r.exitCode, r.stderr).toBe(1);
    const values = forms();
    for (const name of names) {
      const text = readFileSync(path.join(out, `report.${name}`), 'utf8');
      expect(text, name).toContain('***@***.be');
      expect(values.filter((v) => text.includes(v)), `${name} file leaks`).toEqual([]);
    }
    expect(values.filter((v) => (r.stdout + r.stderr).includes(v))).toEqual([]);
  });


  it('--verbose names skipped files with the personal part masked', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-masking-'));
    writeFileSync(path.join(dir, 'notes marie.janssens@example.be.txt'), 'hello\n');
    writeFileSync(path.join(dir, '0496 37 58 21.json'), '{"a": 1}\n');
    const r = await execa('node', [path.join(ROOT, 'bin', 'odlint.js'), dir, '--verbose', '-f', 'json'], { cwd: dir, reject: false });
    expect(r.stderr).toContain('odlint: skipped notes m***@***.be.txt: ');
    expect(r.stderr).toContain('odlint: skipped +32 *******21.json: ');
    expect(r.stderr).not.toMatch(/marie|janssens|0496|37 58 21/);
  });
});

describe('maskPersonalData', () => {
  it.each([
    ['marie.janssens@example.be', 'm***@***.be'],
    ['column "marie.janssens@example.be"', 'column "m***@***.be"'],
    [' marie.janssens@example.be ', ' m***@***.be '],
    ['mailto:lotte.devries@ziggo.nl', 'mailto:l***@***.nl'],
    ['trailing dot: thomas.dubois@orange.fr.', 'trailing dot: t***@***.fr.'],
    ['+32 478 21 43 65', '+32 *******65'],
    ['0496 37 58 21', '+32 *******21'],
    ['0496375821', '+32 *******21'],
    ['0496/37.58.21', '+32 *******21'],
    ['+32 (0)478 21 43 65', '+32 *******65'],
    ['BE86 7310 4726 5950', 'BE** **** **** **50'],
    ['be86731047265950', 'BE** **** **** **50'],
    ['paid from NL21RABO0317529468 twice', 'paid from NL** **** **** **** 68 twice'],
    ['91.04.23-163.19', '91.04.23-***-**'],
    ['91042316319', '91.04.23-***-**'],
    ['273849104', '*******04'],
    ['2 91 04 69 381 114 43', '2 91 04 ** *** *** **'],
    ['291046938111443', '2 91 04 ** *** *** **'],
    ['1 72 06 2A 004 087 66', '1 72 06 ** *** *** **'],
    ['172062A00408766', '1 72 06 ** *** *** **'],
    ['4111 1111 1111 1111', '**** **** **** 1111'],
    ['from 192.168.10.20', 'from 192.168.*.*'],
    ['2001:db8::17', '2001:db8:*'],
    ['car 1-ABC-123', 'car 1-***-***'],
  ])('masks %j as %j', (raw, masked) => {
    expect(maskPersonalData(raw)).toBe(masked);
    expect(maskPersonalData(masked)).toBe(masked); // masking twice changes nothing
  });

  it('masks only the personal segment of a path, keeping folders and extension', () => {
    expect(maskPersonalData('data/louise.peeters@example.be.csv')).toBe('data/l***@***.be.csv');
    expect(maskPersonalData('exports/marie.janssens@example.be-2023.xlsx')).toBe('exports/m***@***.be-2023.xlsx');
    expect(maskPersonalData('data/0496 37 58 21.csv')).toBe('data/+32 *******21.csv');
    expect(maskPersonalData('data/export_91042316319.csv')).toBe('data/export_91.04.23-***-**.csv');
    expect(maskPersonalData('/extras/marie.janssens@example.be')).toBe('/extras/m***@***.be');
  });

  it('finds several values in one text, and a phone number after a year', () => {
    expect(maskPersonalData('"sofie.vandamme@proximus.be", "BE86 7310 4726 5950" and 273849104')).toBe('"s***@***.be", "BE** **** **** **50" and *******04');
    expect(maskPersonalData('2023 0496 37 58 21')).toBe('2023 +32 *******21');
    expect(maskPersonalData('2017-04-18 0496 37 58 21')).toBe('2017-04-18 +32 *******21');
  });

  it.each([
    'email', 'year', 'Men', 'Women', 'e-mail', 'telefoon', 'iban', 'rijksregisternummer', '2023', '1985-07-30', '20230130',
    'rows 2, 3, 4, 5, 6', 'row 12 has 4 cells, 9 expected', 'info@stad.brussels', 'opendata@example.be',
    'https://example.org/dataset/123', 'http://publications.europa.eu/resource/authority/frequency/ANNUAL',
    'the description has 53 characters; at least 101 are expected', '12:30:00', 'a@b', 'v1.2.3',
    '3fa85f64-5717-4562-b3fc-2c963f66afa6', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'Tue, 04/18/2017 - 18:43', 'https://example.org/dataset/0112cf32-bce0-4071-9504-923375f9f2ad', 'v10.20.30.40',
    'http://127.0.0.1:38957/api/3/action/package_show?id=noise-map', 'http://[2001:db8::1]/catalog.ttl',
    'NL21RABO0317529469', '91.04.23-163.18', '273849105', 'id0496375821', 'BE0123456749',
  ])('leaves %j as it is', (text) => {
    expect(maskPersonalData(text)).toBe(text);
  });

  it('masks every string of a structure, keys included, and keeps numbers and booleans', () => {
    expect(maskStrings({ title: 'x marie.janssens@example.be', n: 91042316319, ok: true, list: ['273849104'], extras: { 'louise.peeters@example.be': 'a' } })).toEqual({
      title: 'x m***@***.be',
      n: 91042316319,
      ok: true,
      list: ['*******04'],
      extras: { 'l***@***.be': 'a' },
    });
  });

  it('returns a plain structure in which nothing needs a mask as it is, and copies one that does', () => {
    const clean = { id: 'x-1', source: { file: 'a/b.json', pointer: '/result/0' }, findings: [{ message: 'no licence', location: { line: 3 } }], n: 1 };
    expect(maskStrings(clean)).toBe(clean);
    const dirty = { id: 'x-1', list: ['a', 'louise.peeters@example.be', 'b'], nested: { ok: 'yes' } };
    const masked = maskStrings(dirty);
    expect(masked).toEqual({ id: 'x-1', list: ['a', 'l***@***.be', 'b'], nested: { ok: 'yes' } });
    expect(masked).not.toBe(dirty);
    expect(dirty.list[1]).toBe('louise.peeters@example.be'); // the input is left alone
    expect(masked.nested).toBe(dirty.nested); // clean parts are shared
  });

  it('copies objects that are not plain into plain ones, as JSON would see them', () => {
    class Part {
      title = 'report';
    }
    const masked = maskStrings({ part: new Part() });
    expect(Object.getPrototypeOf(masked.part)).toBe(Object.prototype);
    expect(masked.part).toEqual({ title: 'report' });
  });

  it('hides the digits of a pathological run it cannot afford to check', () => {
    const text = '00 '.repeat(20000);
    const masked = maskPersonalData(text);
    expect(masked.length).toBe(text.length);
    expect(masked.slice(-30000)).not.toMatch(/\d/);
  });
});
