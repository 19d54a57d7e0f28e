import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDescriptor, loadDocumentPart } from '../../src/loaders/index.js';
import { DEFAULT_LIMITS } from '../../src/model/index.js';
import { fileParts, type PartUnit } from '../../src/pipeline/split.js';
import { brokenLists, ckanFiles, dcatUsFile, invalidUtf8File, LONG_CHARS, oddLines, SMALL_PARTS } from '../helpers/big-files.js';
import { pageText } from '../../src/harvest/client.js';
import { everything, plain, resolved } from '../helpers/streamed.js';

/**
 * A big file cut into parts for the workers (src/pipeline/split.ts): its parts, each loaded on
 * its own with `loadDocumentPart`, give the datasets, issues and line/column positions of the
 * whole file read as one stream, in the same order — records that do not parse and the stream's
 * own problems at their places.
 */
describe('a big file loaded part by part', () => {
  let dir: string;
  const files: Record<string, string> = {};
  const saved = { ...process.env };
  beforeAll(() => {
    Object.assign(process.env, SMALL_PARTS);
    dir = mkdtempSync(path.join(tmpdir(), 'odlint-parts-'));
    files.dcatUs = dcatUsFile(path.join(dir, 'us')).file;
    Object.assign(files, brokenLists(path.join(dir, 'lists')));
    Object.assign(files, ckanFiles(path.join(dir, 'ckan')));
    files.invalid = invalidUtf8File(path.join(dir, 'invalid'));
    files.odd = oddLines(path.join(dir, 'odd'));
  });
  afterAll(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  const partsOf = async (file: string, limits = DEFAULT_LIMITS): Promise<PartUnit[]> => {
    const parts = await fileParts({ kind: 'descriptor', index: 0, file, explicit: true, format: 'json' }, { config: { limits } as never, allowedRoots: [] });
    const out: PartUnit[] = [];
    for await (const p of parts ?? []) out.push(p);
    return out;
  };

  // odd.jsonl: at most 3 bad lines a batch (limits.parseErrors), as one thread reads it.
  for (const [name, limits] of [['dcatUs'], ['unclosed'], ['comma'], ['dump'], ['lines'], ['invalid'], ['odd', { ...DEFAULT_LIMITS, parseErrors: 3 }]] as const) {
    it(`${name}: the parts give what the whole stream gives`, async () => {
      const file = files[name]!;
      const whole = await everything(await loadDescriptor(file, limits ?? DEFAULT_LIMITS, { streamFrom: 0, streamBatchChars: Number(SMALL_PARTS.ODLINT_STREAM_BATCH_CHARS) }));
      const parts = await partsOf(file, limits);
      expect(parts.length).toBeGreaterThan(5);
      const loaded = { datasets: [] as NonNullable<typeof whole.datasets>, issues: [] as NonNullable<typeof whole.issues> };
      for (const p of parts) {
        const r = await everything(await loadDocumentPart(file, pageText(p.body), p.part!, limits ?? DEFAULT_LIMITS));
        expect(r.format).toBe(whole.format);
        loaded.datasets.push(...r.datasets!);
        loaded.issues.push(...r.issues!);
      }
      expect(loaded.datasets.length).toBeGreaterThan(200);
      expect(loaded.datasets.map((d) => d.at.pointer)).toEqual(whole.datasets!.map((d) => d.at.pointer));
      expect(plain(loaded.datasets)).toEqual(plain(whole.datasets));
      expect(plain(loaded.issues)).toEqual(plain(whole.issues));
      expect(loaded.datasets.map(resolved)).toEqual(whole.datasets!.map(resolved));
    });
  }

  it('cuts between records only: a record longer than a part (a long string with brackets and quotes) stays whole', async () => {
    const parts = await partsOf(files.dcatUs!);
    const long = parts.filter((p) => pageText(p.body).includes('x'.repeat(LONG_CHARS)));
    expect(long).toHaveLength(1);
    expect(LONG_CHARS).toBeGreaterThan(Number(SMALL_PARTS.ODLINT_PART_CHARS));
    // Every part after the first starts right after a record: at the comma before the next one.
    for (const p of parts.slice(1)) expect(pageText(p.body)).toMatch(/^,\n {2}\{/);
    // Cut from the bytes while the list is plain; the tail (from the list's end on) from the text.
    expect(parts.slice(0, -1).every((p) => p.body instanceof Uint8Array)).toBe(true);
    expect(typeof parts.at(-1)!.body).toBe('string');
  });

  it('JSON Lines: parts cut from the bytes at line ends, the tail from the text', async () => {
    const parts = await partsOf(files.lines!);
    expect(parts.slice(0, -1).every((p) => p.body instanceof Uint8Array)).toBe(true);
    expect(typeof parts.at(-1)!.body).toBe('string');
    expect(parts.map((p) => p.part!.line)).toEqual([...parts.map((p) => p.part!.line)].sort((a, b) => a - b));
  });

  for (const name of ['invalid', 'odd']) {
    it(`${name}: from a byte that is not UTF-8 on, parts are cut from the text`, async () => {
      const parts = await partsOf(files[name]!);
      const kinds = parts.map((p) => (typeof p.body === 'string' ? 'text' : 'bytes'));
      expect(kinds.indexOf('text')).toBeGreaterThan(1);
      expect(kinds.slice(kinds.indexOf('text')).every((k) => k === 'text')).toBe(true);
      expect(kinds.filter((k) => k === 'text').length).toBeGreaterThan(1);
      expect(parts.map((p) => p.part!.first)).toEqual([...parts.map((p) => p.part!.first)].sort((a, b) => a - b));
    });
  }

  it('the broken record is a finding at its line and column, the stream problems come with the last part', async () => {
    const { file, broken } = dcatUsFile(path.join(dir, 'again'));
    const issues = [];
    for (const p of await partsOf(file)) issues.push(...(await everything(await loadDocumentPart(file, pageText(p.body), p.part!, DEFAULT_LIMITS))).issues!);
    expect(issues.filter((i) => i.ruleId === 'core/parse-error').map((i) => [i.location.line, i.location.column])).toEqual([[broken.line, broken.column]]);
    const unclosed = await partsOf(files.unclosed!);
    expect(unclosed.at(-1)!.part!.local!.problems.map((p) => p.data?.message)).toEqual(['invalid JSON: the list of records is not closed']);
    expect(unclosed.slice(0, -1).every((p) => p.part!.local!.problems.length === 0)).toBe(true);
  });
});
