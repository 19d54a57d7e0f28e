import type { Dataset, Distribution, TableDialect } from '../model/index.js';
import { Obj, at, isObject, readReference, referenceIssue, set, str } from './build.js';
import type { LoadIssue, ParsedDocument } from './types.js';
import { dialectErrors } from '../knowledge/frictionless-profile.js';

/**
 * A resource's CSV dialect, in every shape met in published packages: Frictionless v1 CSV Dialect
 * (`dialect` or `csvDialect`, flat keys), v2 Table Dialect (`headerRows`, `commentRows`...),
 * frictionless-py 5 (CSV keys under `csv`) and 4 (`layout` beside `dialect`); inline or by path.
 * Values of the wrong type are reported and ignored: the reader then detects that setting.
 */
export function attachDialect(doc: ParsedDocument, dist: Distribution, res: Obj, issues: LoadIssue[], ds: Dataset): void {
  const picked = res.pick((v) => v, 'dialect', 'csvDialect');
  const layout = res.obj('layout');
  let dialect: TableDialect = {};
  if (picked) {
    const ref = typeof picked.value === 'string' ? str(picked.value) : undefined;
    const value = ref === undefined ? picked.value : readReference(doc, dist, { value: ref, ptr: picked.ptr }, 'CSV dialect', issues, ds);
    const source: Source = { doc, ptr: picked.ptr, ds, ref };
    if (isObject(value)) {
      dialect = readDialect(value, source, issues);
      checkProfile(value, source, issues);
    }
    else if (value !== undefined) issues.push(invalid(source, 'it is not an object'));
  }
  // frictionless-py 4 put the header settings in `layout`; the dialect's own keys win.
  if (layout) dialect = { ...readDialect(layout.value, { doc, ptr: layout.ptr, ds }, issues), ...dialect };
  const ptr = picked?.ptr ?? layout?.ptr;
  if (Object.keys(dialect).length && ptr !== undefined) set(dist, 'dialect', dialect, at(doc, ptr));
}

/** Where a dialect object came from: inline at `ptr`, or the file `ref` named at `ptr`. */
interface Source {
  doc: ParsedDocument;
  ptr: string;
  ds: Dataset;
  ref?: string;
}

function invalid(src: Source, reason: string, key?: string): LoadIssue {
  // Inline: at the bad key itself; in a dialect file: at the reference to it.
  const ptr = key !== undefined && src.ref === undefined ? `${src.ptr}/${key}` : src.ptr;
  const where = src.ref === undefined ? 'given inline' : `"${src.ref}"`;
  return referenceIssue(src.doc, ptr, src.ds, 'CSV dialect', 'invalid', { where, reason });
}

type Check = (v: unknown) => boolean;
const bool: Check = (v) => typeof v === 'boolean';
const text: Check = (v) => typeof v === 'string' && v !== '';
const char: Check = (v) => typeof v === 'string' && v.length === 1;
const rows: Check = (v) => Array.isArray(v) && v.every((n) => Number.isInteger(n) && (n as number) > 0);

/** The keys odlint honours, with the check each value must pass and what it must be (for messages). */
const KEYS: Record<keyof TableDialect, [Check, string]> = {
  header: [bool, 'true or false'],
  headerRows: [rows, 'a list of row numbers (1, 2...)'],
  headerJoin: [(v) => typeof v === 'string', 'a string'],
  commentChar: [text, 'a non-empty string'],
  commentRows: [rows, 'a list of row numbers (1, 2...)'],
  delimiter: [text, 'a non-empty string'],
  quoteChar: [char, 'one character'],
  doubleQuote: [bool, 'true or false'],
  escapeChar: [char, 'one character'],
  skipInitialSpace: [bool, 'true or false'],
};

/** The honoured keys of a dialect object (CSV keys may sit under `csv`, as frictionless-py 5 writes them). */
function readDialect(v: Record<string, unknown>, src: Source, issues: LoadIssue[]): TableDialect {
  const csv = isObject(v.csv) ? v.csv : {};
  const out: Record<string, unknown> = {};
  for (const [key, [ok, expected]] of Object.entries(KEYS)) {
    const nested = key in csv;
    const value = nested ? csv[key] : v[key];
    if (value === undefined) continue;
    if (ok(value)) out[key] = value;
    else issues.push(invalid(src, `"${key}" must be ${expected}`, nested ? `csv/${key}` : key));
  }
  return out as TableDialect;
}

/**
 * The rest of the dialect against the official Table Dialect profile (schemas/frictionless/):
 * `lineTerminator: 5`, `nullSequence: []`... The keys odlint honours were checked above.
 */
function checkProfile(v: Record<string, unknown>, src: Source, issues: LoadIssue[]): void {
  for (const e of dialectErrors(v)) {
    const key = e.pointer.split('/')[1] ?? '';
    if (key in KEYS) continue;
    const reason = `${e.pointer ? `"${e.pointer.slice(1)}" ` : ''}${e.message}`;
    issues.push(invalid(src, reason, e.pointer ? e.pointer.slice(1) : undefined));
  }
}
