import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintReport, allFindings, ROOT } from '../helpers/lint.js';
import { loadBuiltinRules } from '../../src/engine/registry.js';
import { formatNames, loadFormatter } from '../../src/reporters/index.js';
import type { Finding, Report } from '../../src/model/index.js';
import { breakCheckDigits, generatePeople, peopleCsv, rawValues, PEOPLE_HEADER, type Person } from './people-generator.js';

const PD = 'personal-data/';
let people: Person[];
let dir: string;
let report: Report;
let broken: Report;

beforeAll(async () => {
  people = generatePeople(60);
  dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-people-'));
  writeFileSync(path.join(dir, 'people.csv'), peopleCsv(people));
  writeFileSync(path.join(dir, 'people-broken.csv'), peopleCsv(people.map(breakCheckDigits)));
  report = await lintReport([path.join(dir, 'people.csv')], { cwd: dir });
  broken = await lintReport([path.join(dir, 'people-broken.csv')], { cwd: dir });
});

const personal = (r: Report) => allFindings(r).filter((f) => f.ruleId.startsWith(PD));

/** Per column: the rule, message id, kind, severity and row of the finding(s) naming it. */
function byColumn(findings: Finding[]) {
  const out: Record<string, string[]> = {};
  for (const f of findings) {
    const what = `${f.ruleId.slice(PD.length)} ${f.messageId} ${f.data?.kindId ?? f.data?.kind ?? ''} ${f.severity}`.replace(/\s+/g, ' ');
    // k-anonymity names all its quasi-identifier columns; the others point at one column.
    const columns = f.ruleId === 'personal-data/low-k-anonymity' ? [...String(f.data!.columns).matchAll(/"([^"]+)"/g)].map((m) => m[1]!) : [f.location.field!];
    for (const c of columns) (out[c] ??= []).push(what);
  }
  return out;
}

describe('a generated person-level CSV (60 fictitious people, valid identifiers)', () => {
  it('flags every column with the right kind', () => {
    expect(byColumn(personal(report))).toEqual({
      voornaam: ['person-name-column names first name warning'],
      Nachname: ['person-name-column names last name warning'],
      date_de_naissance: ['birth-date-column birthDates warning', 'low-k-anonymity lowK warning'],
      geslacht: ['low-k-anonymity lowK warning'],
      code_postal: ['low-k-anonymity lowK warning'],
      adresse: ['address-column addresses warning'],
      rijksregisternummer: ['national-id-number validated be-niss error'],
      bsn: ['national-id-number validated nl-bsn error'],
      numero_securite_sociale: ['national-id-number validated fr-nir error'],
      matricule: ['national-id-number validated lu-matricule error'],
      iban: ['iban validated iban error'],
      email: ['email-address found email warning'],
      telefoon: ['phone-number found phone warning'],
      godsdienst: ['special-category personLevel warning'],
      latitude: ['precise-location precise warning'],
      commentaire: ['phone-number embedded phone warning'],
    });
    // longitude is reported with latitude, as one point
    expect(personal(report).find((f) => f.ruleId === 'personal-data/precise-location')!.data!.column).toBe('latitude" + "longitude');
    expect(Object.keys(byColumn(personal(report))).length + 1).toBe(PEOPLE_HEADER.length);
  });

  it('names the column, the kind, the rows and a masked sample', () => {
    const niss = personal(report).find((f) => f.data?.kindId === 'be-niss')!;
    expect(niss.location).toEqual({ file: 'people.csv', row: 2, line: 2, field: 'rijksregisternummer' });
    expect(niss.data).toMatchObject({ column: 'rijksregisternummer', count: 60, sampled: 60, rows: '2, 3, 4, 5, 6', confidence: 'high' });
    const p = people[0]!;
    expect(niss.data!.sample).toBe(`${p.niss.slice(0, 2)}.${p.niss.slice(2, 4)}.${p.niss.slice(4, 6)}-***-**`);
    expect(niss.message).toContain(String(niss.data!.sample));
  });

  it('computes k over birth date, sex and postcode', () => {
    const k = personal(report).find((f) => f.ruleId === 'personal-data/low-k-anonymity')!;
    expect(k.data).toMatchObject({ k: 1, rows: 60, rowsBelow: 60, threshold: 5, capped: '' });
  });
});

describe('the same file with every check digit broken', () => {
  it('reports no identifier error: the identifier columns are warnings at most', () => {
    const findings = personal(broken);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const ids = findings
      .filter((f) => ['personal-data/national-id-number', 'personal-data/iban'].includes(f.ruleId))
      .sort((a, b) => PEOPLE_HEADER.indexOf(a.location.field as never) - PEOPLE_HEADER.indexOf(b.location.field as never));
    expect(ids.map((f) => [f.location.field, f.messageId, f.data!.kindId, f.severity])).toEqual([
      ['rijksregisternummer', 'plausible', 'be-niss', 'warning'],
      ['bsn', 'plausible', 'nl-bsn', 'warning'],
      ['numero_securite_sociale', 'plausible', 'fr-nir', 'warning'],
      ['matricule', 'plausible', 'lu-matricule', 'warning'],
      ['iban', 'plausible', 'iban', 'warning'],
    ]);
  });

  it('without a header naming them, wrong check digits give nothing at all', async () => {
    const file = path.join(dir, 'codes.csv');
    const rows = people.map(breakCheckDigits).map((p) => [p.niss, p.bsn, p.matricule].join(','));
    writeFileSync(file, ['code_a,code_b,code_c', ...rows].join('\n') + '\n');
    expect(personal(await lintReport([file], { cwd: dir }))).toEqual([]);
  });
});

describe('masking: no reporter ever prints a detected value', () => {
  it('holds for every output format, on valid, broken, free-text and header-less files', async () => {
    const rules = await loadBuiltinRules();
    const metas = new Map([...rules].map(([id, r]) => [id, r.meta]));
    const raw = rawValues(people).concat(rawValues(people.map(breakCheckDigits)));
    const extra = await lintReport(['fixtures/personal-data/free-text', 'fixtures/personal-data/headerless'], { cwd: ROOT });
    const extraRaw = ['85.07.30-033.28', 'BE68 5390 0754 7034', 'BE68539007547034', 'jan.peeters@telenet.be', '0470 12 34 56', 'NL91ABNA0417164300'];
    const names = formatNames();
    expect(names).toContain('json');
    expect(names).toContain('stylish');
    for (const name of names) {
      const formatter = (await loadFormatter(name))!;
      for (const [r, values] of [[report, raw], [broken, raw], [extra, extraRaw]] as const) {
        const out = await formatter.format(r, { color: false, quiet: false, rules: metas, cwd: dir });
        expect(out.length, name).toBeGreaterThan(0);
        const leaked = values.filter((v) => out.includes(v));
        expect(leaked, `${name} output leaks`).toEqual([]);
      }
    }
    // The test can fail: the raw values are there to be found in the input.
    expect(peopleCsv(people).includes(raw[0]!)).toBe(true);
  });
});
