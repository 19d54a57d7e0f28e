import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadParsed } from '../../src/loaders/index.js';
import { isLazyList, parseDocumentText, parseJson } from '../../src/loaders/parse.js';
import type { ParsedDocument } from '../../src/loaders/types.js';
import { DEFAULT_LIMITS } from '../../src/model/index.js';
import { everything, plain, resolved } from '../helpers/streamed.js';
import { CORPUS } from '../helpers/lint.js';
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
    ['generated page, indented, CRLF, BOM', '\uFEFF' + JSON.stringify(JSON.parse(page(12)), null, 2).replaceAll('\n', '\r\n')],
  ];
  for (const [name, text] of pages) {
    it(`${name}: records parsed when read, the whole parse's data, datasets, issues and positions`, async () => {
      expect(parsed(text, true)).toEqual(parsed(text, false));
      const { lazy, whole, isLazy } = await loads(text);
      expect(isLazy).toBe(true);
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
    ['content after the page', `${base} {}`],
  ];
  it('odd and broken pages: what the whole parse says', async () => {
    for (const [name, text] of odd) {
      expect(text, name).not.toBe(base);
      const whole = parsed(text, false);
      expect(parsed(text, true), name).toEqual(whole);
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
