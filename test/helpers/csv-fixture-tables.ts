/**
 * The CSV and TSV fixtures under a folder as tables of cells (header row first), for the tests
 * that hold a fast path to its definition on every fixture. Files csv-parse cannot read even
 * relaxed (the broken fixtures) are left out, as are those with fewer than two rows: their cells
 * are not what such tests are about.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';

function csvFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return csvFiles(file);
    return /\.(csv|tsv)$/.test(name) ? [file] : [];
  });
}

/** Every CSV, TSV and TAB file under `dir`, as paths (the reader's extensions, any case). */
export function csvFixtureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return csvFixtureFiles(file);
    return /\.(csv|tsv|tab)$/i.test(name) ? [file] : [];
  });
}

export function csvFixtureTables(dir: string): { file: string; rows: string[][] }[] {
  return csvFiles(dir).flatMap((file) => {
    let rows: string[][];
    try {
      rows = parseCsv(readFileSync(file, 'utf8'), { relaxColumnCount: true, relaxQuotes: true, skipEmptyLines: true, delimiter: file.endsWith('.tsv') ? '\t' : [',', ';'] }) as string[][];
    } catch {
      return [];
    }
    return rows.length < 2 ? [] : [{ file, rows }];
  });
}
