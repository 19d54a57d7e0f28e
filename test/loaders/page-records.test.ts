import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execa } from 'execa';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadParsed } from '../../src/loaders/index.js';
import { isJsonText, isLazyList, jsonAnchors, parseDocumentText, parseJson } from '../../src/loaders/parse.js';
import type { ParsedDocument } from '../../src/loaders/types.js';
import { DEFAULT_LIMITS } from '../../src/model/index.js';
import { everything, plain, resolved } from '../helpers/streamed.js';
import { CORPUS, ROOT } from '../helpers/lint.js';
// @ts-expect-error the bench helpers are plain ES modules
import { generateCatalogue } from '../../bench/catalogue.mjs';

/**
 * A `package_search` page's records parsed one at a time (issue 11): the same data, errors,
 * datasets, issues and line/column positions as `JSON.parse` of the whole page, on real and
 * generated pages and on broken variants of them (where the whole parse decides).
 */
const dir = mkdtempSync(path.join(tmpdir(), 'odlint-page-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A generated page of `n` packages, with characters of 2, 3 and 4 bytes (two UTF-16 units) in it. */
function page(n: number): string {
  const [file] = generateCatalogue(path.join(dir, `ckan-${n}`), n, { perPage: n }) as string[];
  return readFileSync(file!, 'utf8').replaceAll('"notes":"', '"notes":"😀 € é ');
}

/** A page with the first `find` inside its record `k` (`/result/results/k`; -1: the last) replaced by `by`. */
function inRecord(text: string, k: number, find: string, by: string): string {
  const { anchors } = jsonAnchors(text, 64);
  const count = [...anchors.keys()].filter((p) => /^\/result\/results\/\d+$/.test(p)).length;
  const record = anchors.get(`/result/results/${k < 0 ? count + k : k}`)!;
  const at = text.indexOf(find, record.start);
  expect(at).toBeGreaterThan(record.start);
  expect(at + find.length).toBeLessThan(record.end);
  return text.slice(0, at) + by + text.slice(at + find.length);
}

/** What parsing gives: the data as text (lazy items read), or the error with its position. */
function parsed(text: string, recordByRecord: boolean) {
  try {
    const { data } = parseJson(text, DEFAULT_LIMITS, recordByRecord);
    return { data: JSON.stringify(data) };
  } catch (e) {
    return { error: { ...(e as object), name: (e as Error).constructor.name, message: (e as Error).message } };
  }
}

/** A page loaded record by record from each parse: format, datasets, issues and resolved positions. */
async function loads(text: string) {
  const file = path.join(dir, 'page.json');
  const lazy = parseDocumentText(file, text, DEFAULT_LIMITS);
  const whole: ParsedDocument = { ...lazy, ...parseJson(text, DEFAULT_LIMITS, false) };
  const one = async (doc: ParsedDocument) => {
    const r = await everything(await loadParsed(doc, DEFAULT_LIMITS, { oneByOne: true }));
    return { format: r.format, datasets: plain(r.datasets ?? []), issues: plain(r.issues ?? []), resolved: r.datasets?.map(resolved), outcome: plain(r.outcome ?? null) };
  };
  return { lazy: await one(lazy), whole: await one(whole), isLazy: isLazyList(((lazy.data as { result?: { results?: unknown[] } }).result?.results ?? []) as unknown[]) };
}

const corpusPage = readFileSync(path.join(CORPUS, 'ckan', 'frictionless-py__dadosgovbr_package_search_rows2.json'), 'utf8');

describe('a package_search page parsed record by record', () => {
  const pages: [string, string][] = [
    ['corpus page', corpusPage],
    ['generated page, one line', page(30)],
    ['generated page, one line, BOM, a final CRLF', '\uFEFF' + page(12) + '\r\n'],
    // Line breaks between tokens: the validity check leaves such a page to the whole parse.
    ['generated page, indented, CRLF, BOM', '\uFEFF' + JSON.stringify(JSON.parse(page(12)), null, 2).replaceAll('\n', '\r\n')],
  ];
  for (const [name, text] of pages) {
    it(`${name}: records parsed when read, the whole parse's data, datasets, issues and positions`, async () => {
      expect(parsed(text, true)).toEqual(parsed(text, false));
      const { lazy, whole, isLazy } = await loads(text);
      expect(isLazy).toBe(!name.includes('indented'));
      expect(lazy.format).toBe('ckan');
      expect(lazy.datasets).toEqual(whole.datasets);
      expect(lazy.issues).toEqual(whole.issues);
      expect(lazy.resolved).toEqual(whole.resolved);
      expect((lazy.datasets as unknown[]).length).toBeGreaterThan(1);
    });
  }

  it('every corpus JSON file parses as it does whole', () => {
    for (const sub of readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const f of readdirSync(path.join(CORPUS, sub.name)).filter((f) => f.endsWith('.json'))) {
        const text = readFileSync(path.join(CORPUS, sub.name, f), 'utf8');
        expect(parsed(text, true), f).toEqual(parsed(text, false));
      }
    }
  });

  // Broken and odd variants: the whole parse's error (or data) and, when it parses, the same load.
  const base = page(6);
  const odd: [string, string][] = [
    ['a missing comma', base.replace('},{"', '} {"')],
    ['a trailing comma', base.replace(/}\]}}\s*$/, '},]}}')],
    ['a number in the list', base.replace('"results":[', '"results":[1,')],
    ['a list in the list', base.replace('"results":[', '"results":[[],')],
    ['an empty list', base.replace(/"results":\[.*\]}}\s*$/, '"results":[]}}')],
    ['results written twice, the first kept by none', base.replace('"results":[', '"results":[{"name":"x"}],"results":[')],
    ['results written twice, the second empty', base.replace(/}}\s*$/, ',"results":[]}}')],
    ['result written twice, the second a number', base.replace(/}\s*$/, ',"result":5}')],
    ['result written twice, the second without results', base.replace(/}\s*$/, ',"result":{"count":0}}')],
    ['a package key written twice', base.replace('{"', '{"name":"first","')],
    ['a broken record', base.replace('"name":"', '"name":"\u0001')],
    ['a broken record in the middle (a bad escape)', inRecord(base, 3, '"name":"', '"name":"\\x')],
    ['a broken record in the middle (a raw tab in a string)', inRecord(base, 2, '"notes":"', '"notes":"\t')],
    ['a broken record at the end (a key without its colon)', inRecord(base, -1, '"name":', '"name" ')],
    ['a broken record at the end (a bad number)', base.replace(/}\]}}\s*$/, ',"x":01}]}}')],
    ['a broken record at the end (a string not closed)', base.replace(/"}\]}}\s*$/, '}]}}')],
    ['results written twice, the second one kept', base.replace(/}}\s*$/, ',"results":[{"name":"kept"}]}}')],
    ['a list of objects and a string', base.replace(/}\]}}\s*$/, '},"x"]}}')],
    ['a list of objects and null', base.replace(/}\]}}\s*$/, '},null]}}')],
    ['content after the page', `${base} {}`],
  ];
  it('odd and broken pages: what the whole parse says', async () => {
    for (const [name, text] of odd) {
      expect(text, name).not.toBe(base);
      const whole = parsed(text, false);
      expect(parsed(text, true), name).toEqual(whole);
      if (name.startsWith('a broken record')) expect(whole.error, name).toMatchObject({ name: 'SyntaxProblem' });
      if (whole.error) continue;
      const { lazy, whole: w } = await loads(text);
      expect(lazy, name).toEqual(w);
    }
  });

  it('a page cut, or with one character taken out, at many offsets: what the whole parse says', async () => {
    const text = page(3);
    let loaded = 0;
    for (let at = 0; at < text.length; at += 7) {
      const cut = text.slice(0, at);
      expect(parsed(cut, true), `cut at ${at}`).toEqual(parsed(cut, false));
      const missing = text.slice(0, at) + text.slice(at + 1);
      const whole = parsed(missing, false);
      expect(parsed(missing, true), `character ${at} taken out`).toEqual(whole);
      if (whole.error || loaded >= 20) continue;
      loaded++;
      const { lazy, whole: w } = await loads(missing);
      expect(lazy, `character ${at} taken out`).toEqual(w);
    }
    expect(loaded).toBeGreaterThan(0);
  });
});

describe('isJsonText: what JSON.parse accepts, and nothing it rejects', () => {
  const accepts = (t: string) => {
    try {
      JSON.parse(t);
      return true;
    } catch {
      return false;
    }
  };
  /** Exact on texts without control characters between their first and last tokens; false on the others (parsed whole). */
  const expected = (t: string) => (/[\x00-\x1f]/.test(t.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '')) ? false : accepts(t));

  it('small texts', () => {
    const texts = ['{}', '[]', '0', '-0', '1.5e10', '2E-3', '0.0e+0', '"a"', 'true', 'null', 'false', ' {"a" : [1, 2.0, -3e-2, {"b": "\\u00e9\\n\\"\\\\"}], "c": null} \n',
      '"\u2028"', '"\ud800"', '{"__proto__":1}', '[1,]', '{"a":1,}', '01', '-01', '1.', '.5', '1e', '1e+', '-', '+1', '"\\x"', '"\\u12"', '"\\u12g4"', '"a\tb"', '"a\u0000"', '[1 2]', '{"a" 1}', '{1:2}',
      '[[[]]]', '"\\\\"', '"\\\\\\"', '[] []', '', ' ', 'tru', 'nul', 'falsey', '{"a":1}}', '[1]]', '{"a":[}', '[-]', '\f{}', '{}\u000b', '\uFEFF{}', 'NaN', '[Infinity]', "'a'", '{"a":1 "b":2}', '[1\n,2]'];
    for (const t of texts) expect(isJsonText(t), JSON.stringify(t)).toBe(expected(t));
  });

  it('a corpus page with each character taken out, replaced or doubled, and cut', () => {
    // On one line, with escapes (`\/`, `\u00e9`) as some portals write them.
    const text = JSON.stringify(JSON.parse(corpusPage)).replaceAll('https://', 'https:\\/\\/').replaceAll('é', '\\u00e9');
    expect(text).toContain('\\u00e9');
    const chars = ['"', '\\', ',', ':', '{', '}', '[', ']', ' ', '\n', '\u0001', '0', '-', '.', 'e', '+', 'u', 'x'];
    let valid = 0;
    // About 1,500 offsets spread over the page (each variant is a copy of it).
    for (let at = 0; at < text.length; at += Math.ceil(text.length / 1500)) {
      const variants = [text.slice(0, at) + text.slice(at + 1), text.slice(0, at) + chars[at % chars.length] + text.slice(at + 1), text.slice(0, at) + text[at] + text.slice(at)];
      if (at % 10 === 0) variants.push(text.slice(0, at));
      for (const t of variants) {
        const e = expected(t);
        if (e) valid++;
        if (isJsonText(t) !== e) expect(isJsonText(t), `${JSON.stringify(text.slice(Math.max(0, at - 20), at + 20))} at ${at}`).toBe(e);
      }
    }
    expect(valid).toBeGreaterThan(100);
  });
});

describe('a folder of pages, one with a broken record in the middle, on the command line', () => {
  const BIN = path.join(ROOT, 'bin', 'odlint.js');
  it('--jobs 1 and --jobs 2 give the same bytes; the broken page is one parse error where the whole parse puts it, no dataset', { timeout: 120_000 }, async () => {
    const folder = path.join(dir, 'pages');
    mkdirSync(folder);
    const good = page(40);
    const broken = inRecord(good, 20, '"title":"', '"title":"\\q');
    writeFileSync(path.join(folder, 'a.json'), good);
    writeFileSync(path.join(folder, 'b.json'), broken);
    writeFileSync(path.join(folder, 'c.json'), good.replaceAll('"name":"', '"name":"c-'));
    const where = parsed(broken, false).error as { line: number; column: number; message: string };
    expect(where.line).toBe(1);
    expect(where.column).toBeGreaterThan(1000);
    const reports: string[] = [];
    for (const jobs of ['1', '2']) {
      const out = path.join(dir, `pages-${jobs}.jsonl`);
      const r = await execa('node', [BIN, folder, '--no-data', '--jobs', jobs, '-f', 'jsonl', '-o', out], { cwd: dir, reject: false });
      expect(r.exitCode, r.stderr).toBe(1);
      reports.push(readFileSync(out, 'utf8'));
    }
    expect(reports[1]).toBe(reports[0]);
    const lines = reports[0]!.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; dataset?: { source: { file: string } }; file?: { file: string; findings: { ruleId: string; location: unknown }[] } });
    const sources = lines.filter((l) => l.type === 'dataset').map((l) => l.dataset!.source.file);
    expect(sources.filter((f) => f.endsWith('a.json'))).toHaveLength(40);
    expect(sources.filter((f) => f.endsWith('c.json'))).toHaveLength(40);
    expect(sources.filter((f) => f.endsWith('b.json'))).toHaveLength(0);
    const failed = lines.filter((l) => l.type === 'file' && l.file!.file.endsWith('b.json'));
    expect(failed.map((l) => l.file!.findings.map((f) => ({ ruleId: f.ruleId, location: f.location })))).toEqual([[{ ruleId: 'core/parse-error', location: { file: 'pages/b.json', line: where.line, column: where.column } }]]);
  });
});
