import { describe, it, expect } from 'vitest';
import { reached } from '../../src/score/reachability.js';
import { isHttpUrl } from '../../src/util/http-url.js';
import { mqaScore } from '../../src/score/index.js';
import { unique } from '../../src/loaders/build.js';
import { emptyDataset, emptyDistribution, firstText, type Texts } from '../../src/model/index.js';
import { fold } from '../../src/knowledge/gender/text.js';

/**
 * Differential tests of the catalogue path's allocation-free forms (docs/performance.md,
 * fifteenth pass, alloc5) against the definitions they replaced, on generated inputs.
 */

/** A small deterministic generator (xorshift). */
function random(seed: number) {
  let x = seed;
  return (n: number) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

describe('reached and isHttpUrl: http(s) URLs told by char codes', () => {
  const isHttpDefinition = (url: string) => /^https?:\/\//i.test(url);
  const definition = (url: string | undefined, present: boolean) => {
    if (!url?.trim()) return false;
    if (!isHttpDefinition(url)) return /^[a-z][a-z0-9+.-]*:/i.test(url) ? 'not checked' : present;
    return 'not checked';
  };
  it('answers as the regular expressions on every short mix of the characters that matter', () => {
    const parts = ['h', 'H', 't', 'T', 'p', 'P', 's', 'S', ':', '/', ' ', 'x', 'ſ', 'ʜ', '\u0130', '1', '.'];
    const next = random(7);
    const urls = ['', ' ', 'http://', 'https://', 'HTTPS://a', 'HtTp://', 'http:/', 'https:/', 'httpss://', 'http//', 'ftp://x', 'data.csv', 'c:\\x', 'ſhttps://'];
    for (let i = 0; i < 20_000; i++) {
      let url = i % 3 === 0 ? 'http' : '';
      const n = 1 + next(9);
      for (let k = 0; k < n; k++) url += parts[next(parts.length)];
      urls.push(url);
    }
    const dist = emptyDistribution({ file: 'x' });
    for (const present of [false, true]) {
      dist.localStatus = present ? 'present' : 'missing';
      for (const url of urls) expect([url, reached(url, dist, undefined)]).toEqual([url, definition(url, present)]);
    }
    for (const url of urls) expect([url, isHttpUrl(url)]).toEqual([url, isHttpDefinition(url)]);
    const online = new Map([['https://a', { ok: true }]]);
    expect(reached('https://a', dist, online)).toBe(true);
    expect(reached('HTTP://b', dist, online)).toBe('not checked');
  });
});

describe('unique: distinct non-empty strings without a Set for short lists', () => {
  const definition = (values: string[]) => [...new Set(values.filter((v) => v.trim() !== ''))];
  it('gives the Set\'s list, in order, for lists short and long', () => {
    const next = random(11);
    const words = ['a', 'b', 'A', '', ' ', 'a ', '\t', 'ü', 'b'];
    for (let i = 0; i < 5_000; i++) {
      const list = Array.from({ length: next(40) }, () => words[next(words.length)]!);
      expect(unique(list)).toEqual(definition(list));
    }
  });
});

describe('firstText without a list of the values', () => {
  const definition = (texts: Texts | undefined, lang?: string) => {
    if (!texts) return undefined;
    if (lang && texts[lang]?.trim()) return texts[lang];
    return Object.values(texts).find((t) => t && t.trim() !== '');
  };
  it('answers as Object.values(...).find on generated maps, numeric keys included', () => {
    const next = random(5);
    const keys = ['', 'en', 'fr', '1', '0', '10', 'de'];
    const values = ['', ' ', 'x', 'y', '\n'];
    for (let i = 0; i < 5_000; i++) {
      const texts: Texts = {};
      for (let k = next(5); k > 0; k--) texts[keys[next(keys.length)]!] = values[next(values.length)]!;
      for (const lang of [undefined, 'en', 'fr', '10']) expect(firstText(texts, lang)).toBe(definition(texts, lang));
    }
    expect(firstText(Object.assign(Object.create({ inherited: 'no' }) as Texts, { a: ' ' }))).toBeUndefined();
  });
});

describe('mqaScore scoring its distributions into scratch indicators', () => {
  it("keeps each report's indicators its own: a later score changes no earlier one", () => {
    const ds = (format: string, n: number) => {
      const d = emptyDataset({ format: 'ckan', file: 'x' }, { file: 'x' });
      for (let i = 0; i < n; i++) {
        const dist = emptyDistribution({ file: 'x' });
        if (i === n - 1) dist.format = format;
        dist.accessURL = i % 2 ? 'https://x/a.csv' : 'data.csv';
        d.distributions.push(dist);
      }
      return d;
    };
    const first = mqaScore(ds('CSV', 3));
    const copy = structuredClone(first);
    const second = mqaScore(ds('XLSX', 4));
    expect(first).toEqual(copy);
    expect(first.bestDistribution).toBe(2);
    expect(second.dimensions.interoperability.indicators).not.toBe(first.dimensions.interoperability.indicators);
    expect(second.dimensions.accessibility.indicators).not.toBe(first.dimensions.accessibility.indicators);
    expect(first.dimensions.interoperability.indicators.nonProprietary).toBe(20);
    expect(second.dimensions.interoperability.indicators.nonProprietary).toBe(0);
  });
});

describe('declared gender flags found in the extras by a loop over their keys', () => {
  it('answers as the map from folded keys to extras did: the last extra whose key folds to the field wins', async () => {
    const { declaredFlags } = await import('../../src/knowledge/gender/flags.js');
    const options = { fields: { concernsIndividuals: ['Données concernant des personnes', 'personal'], sexDisaggregated: ['Données genrées'], genderStatistics: [] } };
    const next = random(3);
    const names = ['Données genrées', 'DONNEES-GENREES', 'donnees genrees', 'Personal', 'données concernant des personnes', 'other', '__proto__'];
    const answers = ['oui', 'non', 'maybe', ''];
    for (let i = 0; i < 500; i++) {
      const ds = emptyDataset({ format: 'ckan', file: 'x' }, { file: 'x' });
      for (let k = next(6); k > 0; k--) Object.defineProperty(ds.extras, names[next(names.length)]!, { value: answers[next(answers.length)]!, enumerable: true, writable: true, configurable: true });
      const byMap = new Map(Object.keys(ds.extras).map((k) => [fold(k).replace(/[^a-z0-9]+/g, ''), k]));
      const flags = declaredFlags(ds, options);
      const field = (f: { field?: string }) => f.field;
      expect(field(flags.sexDisaggregated)).toBe(byMap.get('donneesgenrees'));
      expect(field(flags.concernsIndividuals)).toBe(byMap.get('donneesconcernantdespersonnes') ?? byMap.get('personal'));
    }
  });
});

describe('isFileUrl: file: references told without a lower-cased copy', () => {
  it("answers as toLowerCase().startsWith('file:') on every short mix of the characters that matter", async () => {
    const { isFileUrl } = await import('../../src/loaders/paths.js');
    const parts = ['f', 'F', 'i', 'I', 'l', 'L', 'e', 'E', ':', '/', 'İ', 'ı', 'K', 'ﬀ', 'x', ' '];
    const next = random(13);
    for (let i = 0; i < 30_000; i++) {
      let s = i % 2 ? 'fi' : '';
      for (let k = 1 + next(7); k > 0; k--) s += parts[next(parts.length)];
      expect([s, isFileUrl(s)]).toEqual([s, s.toLowerCase().startsWith('file:')]);
    }
    for (const s of ['file:', 'FILE:///x', 'File:', 'file', 'fil:', 'https://x']) expect(isFileUrl(s)).toBe(s.toLowerCase().startsWith('file:'));
  });
});
