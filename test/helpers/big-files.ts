import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
// @ts-expect-error the bench helpers are plain ES modules
import { generateDcatUsFile } from '../../bench/catalogue-formats.mjs';
// @ts-expect-error the bench helpers are plain ES modules
import { generateCatalogue } from '../../bench/catalogue.mjs';

/**
 * Big single files made small for tests of src/pipeline/split.ts (generated from the corpus
 * templates of the catalogue bench), with what a split must keep in place: a record that does
 * not parse, a dataset without an id, a description far longer than a part whose text holds
 * `},{`, brackets, escaped quotes and backslashes, accents and an emoji (two UTF-16 units).
 */
export const LONG_CHARS = 40_000;

/** Sizes that cut these files into many parts (env of the run: read by src/loaders/index.ts and src/pipeline/split.ts). */
export const SMALL_PARTS = { ODLINT_STREAM_FROM_BYTES: '1', ODLINT_STREAM_BATCH_CHARS: '8000', ODLINT_PART_CHARS: '30000' };

/** A DCAT-US data.json of `n` datasets (one per line) with a broken record, an unnamed dataset and a long description. */
export function dcatUsFile(dir: string, n = 300): { file: string; broken: { line: number; column: number } } {
  const file = path.join(dir, 'data.json');
  generateDcatUsFile(file, n);
  const lines = readFileSync(file, 'utf8').split('\n');
  const first = lines.findIndex((l) => l.startsWith('  {'));
  // Record 100: a key without its colon (the parser says so at the value after it).
  const broken = lines[first + 100]!.indexOf('"title":') + '"title" '.length;
  lines[first + 100] = lines[first + 100]!.replace('"title":', '"title" ');
  lines[first + 150] = lines[first + 150]!.replace(/"identifier":"[^"]*",?/, '');
  lines[first + 200] = lines[first + 200]!.replace('"description":"', `"description":"ünïcödé 😀 \\" },{ [ \\\\ ${'x'.repeat(LONG_CHARS)} `);
  writeFileSync(file, lines.join('\n'));
  return { file, broken: { line: first + 101, column: broken + 1 } };
}

/** `dcatUsFile` with a byte that is not UTF-8 in record 220 (read as U+FFFD). */
export function invalidUtf8File(dir: string, n = 300): string {
  const file = dcatUsFile(dir, n).file;
  const bytes = readFileSync(file);
  const lines = bytes.toString('latin1').split('\n');
  const first = lines.findIndex((l) => l.startsWith('  {'));
  lines[first + 220] = lines[first + 220]!.replace('"description":"', '"description":"\xff');
  writeFileSync(file, Buffer.from(lines.join('\n'), 'latin1'));
  return file;
}

/** The records of `dcatUsFile` with the list cut off inside a record, or a comma missing between two records. */
export function brokenLists(dir: string, n = 300): { unclosed: string; comma: string } {
  const lines = readFileSync(dcatUsFile(dir, n).file, 'utf8').split('\n');
  const first = lines.findIndex((l) => l.startsWith('  {'));
  const unclosed = path.join(dir, 'unclosed.json');
  writeFileSync(unclosed, `${lines.slice(0, first + 250).join('\n')}\n  {"title": "cut`);
  const comma = path.join(dir, 'comma.json');
  lines[first + 240] = lines[first + 240]!.replace(/,$/, '');
  writeFileSync(comma, lines.join('\n'));
  return { unclosed, comma };
}

/** A CKAN package_search dump of `n` packages on one line, and the same packages as JSON Lines with a broken, a blank, a list and an unnamed line. */
export function ckanFiles(dir: string, n = 300): { dump: string; lines: string } {
  const [page] = generateCatalogue(path.join(dir, 'ckan'), n, { perPage: n }) as string[];
  const dump = path.join(dir, 'dump.json');
  // Characters of 2, 3 and 4 bytes (two UTF-16 units) before every cut of the one line.
  const text = readFileSync(page!, 'utf8').replaceAll('"notes":"', '"notes":"😀 € é ');
  writeFileSync(dump, text);
  const packages = (JSON.parse(text) as { result: { results: Record<string, unknown>[] } }).result.results;
  const out = packages.map((p) => JSON.stringify(p));
  out[60] = out[60]!.slice(0, 200);
  out[90] = '';
  out[91] = '[1, 2]';
  delete packages[120]!.id;
  delete packages[120]!.name;
  out[120] = JSON.stringify(packages[120]);
  const lines = path.join(dir, 'export.jsonl');
  writeFileSync(lines, `${out.join('\n')}\n`);
  return { dump, lines };
}

/** JSON Lines of `n` CKAN packages with a run of 20 broken lines (from line 141), and a byte that is not UTF-8 on line 201. */
export function oddLines(dir: string, n = 300): string {
  const { lines } = ckanFiles(dir, n);
  const out = readFileSync(lines).toString('latin1').split('\n');
  for (let i = 140; i < 160; i++) out[i] = out[i]!.slice(0, 50);
  out[200] = out[200]!.replace('"notes":"', '"notes":"\xff');
  const file = path.join(dir, 'odd.jsonl');
  writeFileSync(file, Buffer.from(out.join('\n'), 'latin1'));
  return file;
}
