import { describe, it, expect, vi, afterEach } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  PERSON_COLUMNS,
  PersonalDataScan,
  PointSample,
  ShapeSample,
  SpecialValueSample,
  profileTable,
  VALUE_GROUPS,
  ValueScan,
} from '../../src/knowledge/personal-data/index.js';
import { arrayCells, type RecordCells, type TableInfo } from '../../src/model/index.js';
import { PERSONAL_DATA_SCAN } from '../../rules/personal-data/_shared.js';
import { allFindings, lintReport } from '../helpers/lint.js';
import { generatePeople, PEOPLE_HEADER, peopleCsv, peopleRow } from './people-generator.js';
import { csvFixtureTables } from '../helpers/csv-fixture-tables.js';
import { prng } from '../helpers/prng.js';
import { pick, recordUnits } from '../helpers/record-units.js';
import { ALL_DETECTORS, TextScreen } from '../../src/knowledge/personal-data/index.js';
import { plainEvidence } from './evidence.js';

const people = generatePeople(300, 4242);
const header = [...PEOPLE_HEADER];
/** The people's rows, with a free-text column mixing their identifiers, e-mails and phones. */
const rows = people.map((p, i) => {
  const row = peopleRow(p);
  row[16] = [`dossier ${row[6]} rappeler au ${p.phone}`, `écrit à ${p.email} pour le ${row[10]}`, `${p.phone} puis ${row[8]}`][i % 3]!;
  return row;
});
const info: TableInfo = { path: '/people.csv', file: 'people.csv', reader: 'csv', header, headerRow: 1, facts: {} };
const feed = (sink: { row(cells: readonly string[], ctx: { row: number; line: number; table: TableInfo }): void }) =>
  rows.forEach((cells, i) => sink.row(cells, { row: i + 2, line: i + 2, table: info }));

const plain = plainEvidence;

describe('ValueScan with several detector groups', () => {
  it('finds for each group exactly what a scan with that group alone finds', () => {
    const columns = profileTable(header).columns;
    const all = new ValueScan(columns, Object.values(VALUE_GROUPS), 100);
    rows.forEach((cells, i) => all.row(arrayCells(cells), i + 2));
    for (const group of Object.values(VALUE_GROUPS)) {
      const alone = new ValueScan(columns, [group], 100);
      rows.forEach((cells, i) => alone.row(arrayCells(cells), i + 2));
      const kinds = group.map((d) => d.kind);
      expect(plain(all.results(), kinds)).toEqual(plain(alone.results(), kinds));
    }
    // The free-text column holds embedded values of several groups (in order of first appearance).
    const note = all.results().find((ev) => ev.column.name === 'commentaire')!;
    expect([...note.kinds.values()].filter((k) => k.embedded > 0).map((k) => k.kind)).toEqual(['be-niss', 'phone', 'mobile-phone', 'iban', 'email', 'fr-nir']);
  });
});

describe('ValueScan, free text searched through the joined expression first', () => {
  it('finds exactly what each expression searching every cell finds, on people and on near misses', () => {
    const columns = profileTable(header).columns;
    const pieces = ['dossier', ' ', 'BE68', ' 5390 0754 7034', 'NL91ABNA0417164300', '85.07.30-033.28', '1 85 05 78 006 084 36', '2 84 12 2A 123 456 78', '+32 2 555 12 34', '0475/12.34.56', '0475 12 34 56', '(0)2', 'jan@example.be', '12.34', 'Liège', '-', '/', '2024'];
    let seed = 11;
    const pick = () => pieces[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % pieces.length]!;
    const texts = Array.from({ length: 3000 }, () => Array.from({ length: 2 + (seed % 6) }, pick).join(' '));
    const all = [...rows, ...texts.map((t) => rows[0]!.map((c, i) => (i === 16 ? t : c)))];
    const scan = (joined: boolean) => {
      const s = new ValueScan(columns, Object.values(VALUE_GROUPS), 20, joined);
      all.forEach((cells, i) => s.row(arrayCells(cells), i + 2));
      return s.results();
    };
    const kinds = Object.values(VALUE_GROUPS).flat().map((d) => d.kind);
    const joined = plain(scan(true), kinds);
    expect(joined).toEqual(plain(scan(false), kinds));
    const note = joined.find((ev) => ev.column === 'commentaire')!;
    expect(note.kinds.filter((k) => k.embedded > 100).map((k) => k.kind).sort()).toEqual(['be-niss', 'email', 'iban', 'mobile-phone', 'phone']);
  });
});

describe('ValueScan: the joined expression and marks rule cells out before the test for a space', () => {
  const kinds = Object.values(VALUE_GROUPS).flat().map((d) => d.kind);
  const scan = (header: string[], rows: string[][], joined: boolean, size: number) => {
    const s = new ValueScan(profileTable(header).columns, Object.values(VALUE_GROUPS), size, joined);
    rows.forEach((cells, i) => s.row(arrayCells(cells), i + 2));
    return plain(s.results(), kinds);
  };

  it('on text with and without spaces, marks and identifiers glued to words', () => {
    const pieces = ['jan@example.be', 'x@y', '@', '85.07.30-033.28', '+32475123456', '0475/12.34.56', 'BE68539007547034', 'tel:', 'a', ' ', '\u00a0', '\t', 'é', '(0)2', '1 85 05 78 006 084 36', 'notes'];
    const rand = prng(37);
    const texts = Array.from({ length: 4000 }, () => Array.from({ length: 1 + Math.floor(rand() * 5) }, () => pick(rand, pieces)).join(''));
    const header = ['commentaire', 'omschrijving'];
    const rows = texts.map((t, i) => [t, texts[(i * 7) % texts.length]!]);
    expect(scan(header, rows, true, 10)).toEqual(scan(header, rows, false, 10));
  });

  it('on every CSV fixture', () => {
    let tables = 0;
    for (const { file, rows } of csvFixtureTables('fixtures')) {
      const [header, ...data] = rows;
      const got = scan(header!, data, true, 10);
      const want = scan(header!, data, false, 10);
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ file, got }).toEqual({ file, got: want });
      tables++;
    }
    expect(tables).toBeGreaterThan(100);
  });
});

describe('ValueScan: free text screened on its units (a mark, or a run of span characters)', () => {
  const kinds = Object.values(VALUE_GROUPS).flat().map((d) => d.kind);
  /** A scan fed units (a share of the cells quoted: read from strings), or the definition: each expression searching every cell's string. */
  const scan = (header: string[], rows: string[][], size: number, rand?: () => number) => {
    const s = new ValueScan(profileTable(header).columns, Object.values(VALUE_GROUPS), size, rand !== undefined);
    rows.forEach((cells, i) => s.row(arrayCells(cells), i + 2, rand && recordUnits(cells, () => rand() < 0.15, rand)));
    return plain(s.results(), kinds);
  };

  it("each detector's matches in text hold its mark, or lie in a run of its span characters at least its minimum long", () => {
    const rand = prng(41);
    const searched = ALL_DETECTORS.filter((d) => d.inText);
    expect(searched.map((d) => d.kind).sort()).toEqual(['be-niss', 'email', 'fr-nir', 'iban', 'mobile-phone', 'phone']);
    const pieces = ['85.07.30-033.28', '1 85 05 78 006 084 36', '2 84 12 2A 123 456 78', 'BE68 5390 0754 7034', 'NL91ABNA0417164300', '+32 2 555 12 34', '0475/12.34.56', '(0)2 555', '0032 475', 'jan@example.be'];
    const chars = '0123456789 .-/()+ABNLZé@xa,';
    let matches = 0;
    for (let t = 0; t < 20_000; t++) {
      let s = '';
      while (s.length < 40) s += rand() < 0.3 ? pick(rand, pieces) : chars[Math.floor(rand() * chars.length)]!;
      for (const d of searched) {
        d.inText!.lastIndex = 0;
        for (let m = d.inText!.exec(s); m; m = d.inText!.exec(s)) {
          matches++;
          if (d.inTextMark) expect(m[0]).toContain(d.inTextMark);
          else {
            const { chars: span, min } = d.inTextSpan!;
            if (m[0].length < min || [...m[0]].some((c) => !span.includes(c))) expect({ kind: d.kind, match: m[0] }).toBe('in its span');
          }
        }
      }
    }
    expect(matches).toBeGreaterThan(10_000);
  });

  it('TextScreen: a mark, or a run of span characters at least the minimum long, on every kind of text, from units and from strings', () => {
    const rand = prng(44);
    const alphabet = '0123456789 .-AB@xé\u00a0😀';
    let held = 0;
    for (const min of [1, 2, 3, 5, 9, 12]) {
      for (const marks of [[], ['@']]) {
        const spanChars = '0123456789 .-AB';
        const span = new Uint8Array(128);
        for (const c of spanChars) span[c.charCodeAt(0)] = 1;
        const screen = new TextScreen(marks, span, min);
        const run = new RegExp(`[0-9 .\\-AB]{${min}}`);
        for (let t = 0; t < 3000; t++) {
          // Runs around the minimum, at every offset in the text and in the units around it.
          const s = Array.from({ length: Math.floor(rand() * 40) }, () => (rand() < 0.7 ? '0' : alphabet[Math.floor(rand() * alphabet.length)]!)).join('');
          const pad = Math.floor(rand() * 4);
          // Around the text, span characters or marks: a read past either end would be seen.
          const u = new Uint16Array(pad + s.length + 3).fill(rand() < 0.5 ? 48 : 64);
          for (let k = 0; k < s.length; k++) u[pad + k] = s.charCodeAt(k);
          const want = marks.some((m) => s.includes(m)) || run.test(s);
          if (screen.mayHoldMatch(u, pad, pad + s.length) !== want) expect({ min, marks, s, units: true }).toBe(want);
          const text = String.fromCharCode(...u);
          if (screen.mayHoldMatch(u, pad, pad + s.length, text) !== want) expect({ min, marks, s, text }).toBe(want);
          if (screen.mayHoldMatchText(s) !== want) expect({ min, marks, s, units: false }).toBe(want);
          if (want) held++;
        }
      }
    }
    expect(held).toBeGreaterThan(5000);
    expect(held).toBeLessThan(30000);
  });

  it('TextScreen: the mark looked for once per text, for cells that follow in it (and cells read again, or in another text)', () => {
    const rand = prng(45);
    const span = new Uint8Array(128);
    for (const c of '0123456789') span[c.charCodeAt(0)] = 1;
    let held = 0;
    for (let t = 0; t < 300; t++) {
      const screen = new TextScreen(['@'], span, 5);
      // Texts with no mark, a few, or many; cells mostly in order, sometimes back, or in a text of the same length.
      const share = pick(rand, [0, 0.002, 0.05, 0.3]);
      const texts = Array.from({ length: 3 }, () => Array.from({ length: 400 }, () => (rand() < share ? '@' : pick(rand, ['a', 'b', ' ', '1']))).join(''));
      const copies = texts.map((text) => Uint16Array.from(text, (c) => c.charCodeAt(0)));
      let at = 0;
      for (let k = 0; k < 200; k++) {
        const which = rand() < 0.9 ? 0 : Math.floor(rand() * 3);
        const text = texts[which]!;
        const u = copies[which]!;
        at = rand() < 0.1 ? Math.floor(rand() * 390) : (at + Math.floor(rand() * 4)) % 390;
        const from = at;
        const to = from + Math.floor(rand() * 10);
        const cell = text.slice(from, to);
        const want = cell.includes('@') || /[0-9]{5}/.test(cell);
        if (screen.mayHoldMatch(u, from, to, text) !== want) expect({ t, k, cell, from }).toBe(want);
        if (want) held++;
      }
    }
    expect(held).toBeGreaterThan(5000);
  });

  it('on generated free text: identifiers whole and cut short, runs of span characters around the minimum, padded and quoted cells', () => {
    // Valid phone numbers as short as a match may be (9 characters) between letters, so that a run looked for too sparsely is missed.
    const pieces = ['é025551234é', 'aé025551234é', 'aaé025551234é', 'é0475123456é', '02 5551234', '+3225551234', '85.07.30-033.28', '85.07.30-033.2', '1 85 05 78 006 084 36', '2 84 12 2A 123 456 78', 'BE68 5390 0754 7034', 'BE68 5390 07', '+32 2 555 12 34', '0475/12.34.56', '0475 12 34', '12345678', '123456789', '(0)2', 'jan@example.be', '@', 'école', 'Liège', ' ', '  ', '\u00a0', '-', '/', '2024', 'A', 'x'];
    const rand = prng(42);
    const texts = Array.from({ length: 6000 }, () => Array.from({ length: Math.floor(rand() * 6) }, () => pick(rand, pieces)).join(pick(rand, [' ', '', '.', ' a ', 'é'])));
    const header = ['commentaire', 'omschrijving', 'id'];
    const rows = texts.map((t, i) => [t, texts[(i * 7) % texts.length]!, String(i)]);
    for (const size of [1, 10, 100]) expect(scan(header, rows, size, prng(size))).toEqual(scan(header, rows, size));
  });

  it('on every CSV fixture', () => {
    const rand = prng(43);
    let tables = 0;
    for (const { file, rows } of csvFixtureTables('fixtures')) {
      const [header, ...data] = rows;
      const got = scan(header!, data, 10, rand);
      const want = scan(header!, data, 10);
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ file, got }).toEqual({ file, got: want });
      tables++;
    }
    expect(tables).toBeGreaterThan(100);
  });
});

describe('PersonalDataScan', () => {
  it('gives rules that ask with the same options the same part, and others their own', () => {
    const scan = new PersonalDataScan(header, 1);
    expect(scan.sampleShapes(PERSON_COLUMNS.names, 1000)).toBe(scan.sampleShapes(PERSON_COLUMNS.names, 1000));
    expect(scan.sampleShapes(PERSON_COLUMNS.names, 10)).not.toBe(scan.sampleShapes(PERSON_COLUMNS.names, 1000));
    expect(scan.countColumns(5)).toBe(scan.countColumns(5));
    scan.scanValues('email', 1000);
    scan.scanValues('iban', 1000);
    scan.scanValues('email', 20);
    feed(scan);
    const kindsOf = (size: number) => scan.valueEvidence(size).flatMap((ev) => [...ev.kinds.values()].filter((k) => k.valid + k.embedded > 0).map((k) => `${ev.column.name} ${k.kind}`));
    expect(kindsOf(1000)).toEqual(['iban iban', 'email email', 'commentaire iban', 'commentaire email']);
    expect(kindsOf(20)).toEqual(['email email', 'commentaire email']);
    expect(scan.valueEvidence(20).find((ev) => ev.column.name === 'email')!.sampled).toBe(20);
    expect(scan.sampleShapes(PERSON_COLUMNS.names, 10).get(scan.profile.columns[0]!)).toMatchObject({ sampled: 10, matching: 10 });
    expect(scan.personLevel).toBe(true);
    expect(scan.firstRow).toBe(2);
  });

  it('reads every row into each part until the part is done, then drops it: parts find what they find alone', () => {
    // More rows than the look for parts that are done (every 256 rows), samples of every size around it.
    const many = Array.from({ length: 1500 }, (_, i) => rows[i % rows.length]!);
    const feedMany = (sink: { row(cells: RecordCells, row: number): void }) => many.forEach((cells, i) => sink.row(arrayCells(cells), i + 2));
    for (const size of [10, 255, 256, 257, 1000, 2000]) {
      const scan = new PersonalDataScan(header, 1);
      const names = scan.sampleShapes(PERSON_COLUMNS.names, size);
      const special = scan.sampleSpecialValues(size);
      const points = scan.samplePoints(size);
      scan.scanValues('email', size);
      scan.scanValues('nationalId', size);
      many.forEach((cells, i) => scan.row(cells, { row: i + 2, line: i + 2, table: info }));
      const profile = profileTable(header);
      const namesAlone = new ShapeSample(profile.of(...PERSON_COLUMNS.names.categories), PERSON_COLUMNS.names.test, PERSON_COLUMNS.names.mask, size);
      const specialAlone = new SpecialValueSample(profile.columns, size);
      const valuesAlone = new ValueScan(profile.columns, [VALUE_GROUPS.nationalId, VALUE_GROUPS.email], size);
      const pointsAlone = new PointSample(profile, size);
      for (const part of [namesAlone, specialAlone, valuesAlone, pointsAlone]) feedMany(part);
      const kinds = [...VALUE_GROUPS.nationalId, ...VALUE_GROUPS.email].map((d) => d.kind);
      expect(plain(scan.valueEvidence(size), kinds)).toEqual(plain(valuesAlone.results(), kinds));
      for (const c of profile.of(...PERSON_COLUMNS.names.categories)) expect(names.get(c)).toEqual(namesAlone.get(c));
      expect(special.found()).toEqual(specialAlone.found());
      const plainPoints = (p: PointSample) => p.sources.map(({ read: _, columns, ...s }) => ({ ...s, columns: columns.map((c) => c.name) }));
      expect(plainPoints(points)).toEqual(plainPoints(pointsAlone));
      expect(plainPoints(points)[0]).toMatchObject({ columns: ['latitude', 'longitude'], sampled: Math.min(size, many.length) });
    }
  });

  it('refuses a part asked for after the first row (it would have missed rows)', () => {
    const scan = new PersonalDataScan(header, 1);
    const names = scan.sampleShapes(PERSON_COLUMNS.names, 1000);
    scan.scanValues('email', 1000);
    feed(scan);
    expect(scan.sampleShapes(PERSON_COLUMNS.names, 1000)).toBe(names);
    expect(() => scan.sampleShapes(PERSON_COLUMNS.birthDates, 1000)).toThrow(/table hook/);
    expect(() => scan.scanValues('iban', 1000)).toThrow(/table hook/);
    expect(() => scan.countColumns(10)).toThrow(/table hook/);
  });
});

describe('the personal-data rules', () => {
  afterEach(() => void vi.restoreAllMocks());

  it('share one scan per table, which is fed every row once', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-scan-'));
    writeFileSync(path.join(dir, 'people.csv'), peopleCsv(people));
    writeFileSync(
      path.join(dir, 'dataset.yaml'),
      'title: Test\ndescription: Données anonymisées.\nlicence: CC-BY-4.0\ndistributions:\n  - title: a\n    path: people.csv\n    format: CSV\n',
    );
    const scans: PersonalDataScan[] = [];
    const create = PERSONAL_DATA_SCAN.create;
    vi.spyOn(PERSONAL_DATA_SCAN, 'create').mockImplementation((table) => {
      const scan = create(table);
      vi.spyOn(scan, 'row');
      scans.push(scan);
      return scan;
    });
    const report = await lintReport([path.join(dir, 'dataset.yaml')], { cwd: dir });
    const rules = new Set(allFindings(report).filter((f) => f.ruleId.startsWith('personal-data/')).map((f) => f.ruleId));
    // Every rule that reads the scan found something in it (payment cards, IP addresses, plates
    // and small counts are not in the file).
    expect([...rules].sort()).toEqual(
      ['address-column', 'birth-date-column', 'email-address', 'iban', 'low-k-anonymity', 'metadata-contradiction', 'national-id-number',
        'person-name-column', 'phone-number', 'precise-location', 'special-category'].map((id) => `personal-data/${id}`),
    );
    expect(scans).toHaveLength(1);
    expect(vi.mocked(scans[0]!.row).mock.calls.map((c) => c[1].row)).toEqual(people.map((_, i) => i + 2));
  });
});
