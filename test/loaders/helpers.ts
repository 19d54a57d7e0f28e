import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocumentText } from '../../src/loaders/parse.js';
import type { Loader, LoadResult, ParsedDocument } from '../../src/loaders/types.js';
import { LOADERS } from '../../src/loaders/index.js';
import { decide } from '../../src/loaders/detect.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(ROOT, 'fixtures');
// The registry itself (src/loaders/index.ts): on a tie the first one wins.
export const ALL_LOADERS: Loader[] = LOADERS;

/** Absolute path of a fixture. */
export function fixture(rel: string): string {
  return path.join(FIXTURES, rel);
}

/** Reads and parses a fixture the way the loader registry does. */
export function parseFixture(rel: string): ParsedDocument {
  const file = fixture(rel);
  return parseDocumentText(file, fs.readFileSync(file, 'utf8'));
}

/** Parses inline text as if it were the file `name` in fixtures/ (for small hand-made cases). */
export function parseText(name: string, text: string): ParsedDocument {
  return parseDocumentText(fixture(name), text);
}

export function loadFixture(loader: Loader, rel: string): { doc: ParsedDocument; result: LoadResult } {
  const doc = parseFixture(rel);
  return { doc, result: loader.load(doc) };
}

/** Every loader's detection score for a document, by format. */
export function scores(doc: ParsedDocument): Record<string, number> {
  return Object.fromEntries(ALL_LOADERS.map((l) => [l.format, l.detect(doc)]));
}

/** The format the registry would pick (highest score > 0). */
export function winner(doc: ParsedDocument): string | undefined {
  return decide(doc, ALL_LOADERS).loader?.format;
}

/** 1-based line of a JSON pointer in a parsed document. */
export function lineOf(doc: ParsedDocument, ptr: string | undefined): number | undefined {
  return ptr === undefined ? undefined : doc.position(ptr)?.line;
}

/** Files directly in a fixtures folder with one of the extensions. */
export function fixturesIn(rel: string, ext: RegExp): string[] {
  return fs
    .readdirSync(fixture(rel))
    .filter((f) => ext.test(f))
    .sort()
    .map((f) => path.join(rel, f));
}
