import fs from 'node:fs';
import {
  emptyDataset,
  escapePointerToken,
  type Agent,
  type Dataset,
  type DatasetFlags,
  type DescriptorFormat,
  type Distribution,
  type Licence,
  type Located,
  type SourceLocation,
  type TableSchema,
  type TableSchemaField,
  type Texts,
} from '../model/index.js';
import { parseDocumentText, SyntaxProblem } from './parse.js';
import { resolveDataRef, type LocalRef } from './paths.js';
import { locateReal } from '../util/path-guard.js';
import type { LoadIssue, ParsedDocument } from './types.js';

/** Location of a JSON pointer in a parsed document (line/column are resolved when reported). */
export function at(doc: ParsedDocument, ptr: string): SourceLocation {
  return { file: doc.file, pointer: ptr };
}

/**
 * Sets `entity[key]` and remembers where it came from. A value present but empty (null, "",
 * []) records only its location, so a finding about the missing value points at the empty field.
 */
export function set<T extends Located, K extends keyof T & string>(
  entity: T,
  key: K,
  value: T[K] | undefined | null,
  loc: SourceLocation,
): void {
  if (value === undefined) return;
  entity.locations[key] = loc;
  if (value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0)) return;
  entity[key] = value;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A non-empty string (numbers and booleans are stringified), else undefined. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A string or a `{lang: text}` map as Texts (`lang` keys the plain string). */
export function texts(v: unknown, lang = ''): Texts | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : { [lang]: v };
  if (isObject(v)) {
    const out: Texts = {};
    for (const [k, t] of Object.entries(v)) if (typeof t === 'string' && t.trim() !== '') out[k] = t;
    return Object.keys(out).length ? out : undefined;
  }
  return undefined;
}

/** A list of non-empty strings from a string, a list, or a JSON-encoded list. */
export function strings(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(str).filter((s): s is string => s !== undefined);
  const s = str(v);
  if (s === undefined) return [];
  if (s.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(s);
      if (Array.isArray(parsed)) return strings(parsed);
    } catch {
      /* not JSON: a plain string that happens to start with '[' */
    }
  }
  return [s];
}

/** A number from a number or a numeric string. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** A boolean from true/false, yes/no, 1/0 in EN/FR/NL/DE; undefined when not recognisable. */
export function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  const s = str(v)?.trim().toLowerCase();
  if (s === undefined) return undefined;
  if (['true', 'yes', 'y', '1', 'oui', 'ja', 'vrai', 'wahr', 'waar'].includes(s)) return true;
  if (['false', 'no', 'n', '0', 'non', 'nee', 'nein', 'faux', 'falsch', 'onwaar'].includes(s)) return false;
  return undefined;
}

export function agent(fields: Agent): Agent | undefined {
  const clean = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== '')) as Agent;
  return Object.keys(clean).length ? clean : undefined;
}

// ---------------------------------------------------------------------------------------------
// Shared by the JSON/YAML loaders: reading source objects while remembering pointers, putting
// values into the model, extras, licences, agents, gender flags, data paths and Table Schemas.
// ---------------------------------------------------------------------------------------------

/** A value picked from a source, with the JSON pointer it came from. */
export interface Picked<T> {
  value: T;
  ptr: string;
}

/** A detection score: clamped to [0, 1] and rounded (no 0.6499999 in logs and tests). */
export function confidence(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;
}

/** Null, undefined, blank strings and empty lists carry no information. */
export function blank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

/**
 * One JSON object of a document, read key by key. Every key a loader reads is marked as used,
 * so that whatever the model does not name can go to `extras` afterwards (`rest()`).
 */
export class Obj {
  /**
   * The keys read that the object has (a key read but absent cannot be left over). A list, not
   * a Set: a package has a few dozen keys, and growing a Set per object was a fifth of what
   * loading allocated.
   */
  private readonly used: string[] = [];
  /** `ptr/`, shared by the pointers of all keys (each is then one concatenation). */
  private readonly prefix: string;

  constructor(
    readonly value: Record<string, unknown>,
    readonly ptr: string,
    /**
     * Pointer of a key's value when it is not `ptr/key` (CKAN extras live at
     * `/extras/<i>/value`, not under their key). Optional so that the common Obj needs no
     * closure of its own: loaders make one Obj per package and per resource.
     */
    private readonly ptrOf?: (key: string) => string,
  ) {
    this.prefix = ptr + '/';
  }

  /** An Obj for `value` when it is an object. */
  static of(value: unknown, ptr: string): Obj | undefined {
    return isObject(value) ? new Obj(value, ptr) : undefined;
  }

  /** Pointer of `key`'s value. */
  pointerOf(key: string): string {
    return this.ptrOf ? this.ptrOf(key) : this.prefix + escapePointerToken(key);
  }

  /** The raw value of `key` without marking it as used. */
  peek(key: string): unknown {
    return Object.prototype.hasOwnProperty.call(this.value, key) ? this.value[key] : undefined;
  }

  /** The raw value of `key`, marked as used. */
  raw(key: string): unknown {
    return this.use(key);
  }

  /** The raw value of `key` (undefined when absent); a present key is marked as used. */
  private use(key: string): unknown {
    if (!Object.prototype.hasOwnProperty.call(this.value, key)) return undefined;
    this.used.push(key);
    return this.value[key];
  }

  /**
   * The first of `keys` whose value `convert` accepts. All `keys` count as used: they are the
   * names of one model property, so none of them belongs in extras.
   */
  pick<T>(convert: (v: unknown) => T | undefined, ...keys: string[]): Picked<T> | undefined {
    let found: Picked<T> | undefined;
    for (const key of keys) {
      const raw = this.use(key);
      if (found) continue;
      const value = blank(raw) ? undefined : convert(raw);
      if (value !== undefined) found = { value, ptr: this.pointerOf(key) };
    }
    return found;
  }

  /** The object under `key` (marked as used). */
  obj(key: string): Obj | undefined {
    return Obj.of(this.raw(key), this.pointerOf(key));
  }

  /** The items of the list under `key` with their pointers (marked as used). */
  items(key: string): Picked<unknown>[] {
    const list = this.raw(key);
    if (!Array.isArray(list)) return [];
    const base = this.pointerOf(key);
    return list.map((value, i) => ({ value, ptr: base + '/' + i }));
  }

  /** The object items of the list under `key`. */
  objects(key: string): Obj[] {
    const list = this.use(key);
    if (!Array.isArray(list)) return [];
    const base = this.pointerOf(key);
    const out: Obj[] = [];
    for (let i = 0; i < list.length; i++) if (isObject(list[i])) out.push(new Obj(list[i] as Record<string, unknown>, base + '/' + i));
    return out;
  }

  /** Calls `each` with every key not read yet, its value and its pointer (no list is built). */
  eachRest(each: (key: string, value: unknown, ptr: string) => void): void {
    this.eachRestKey((key, value) => each(key, value, this.pointerOf(key)));
  }

  /** Calls `each` with every key not read yet and its value: the pointer is `pointerOf(key)`, made only if needed. */
  eachRestKey(each: (key: string, value: unknown) => void): void {
    // for-in, not Object.keys: no list of keys per object (the own ones: JSON objects inherit none).
    const value = this.value;
    for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key) && !this.used.includes(key)) each(key, value[key]);
  }

  /** Keys not read yet, with their values. */
  rest(): [string, Picked<unknown>][] {
    const out: [string, Picked<unknown>][] = [];
    this.eachRest((key, value, ptr) => out.push([key, { value, ptr }]));
    return out;
  }
}

/** `pick` across several sources: for each key in order, the first source that has it wins. */
export function pickFrom<T>(
  sources: (Obj | undefined)[],
  convert: (v: unknown) => T | undefined,
  ...keys: string[]
): Picked<T> | undefined {
  let found: Picked<T> | undefined;
  for (const key of keys) {
    for (const src of sources) {
      const p = src?.pick(convert, key);
      if (!found && p) found = p;
    }
  }
  return found;
}

/** Sets a model property from a picked value, with its location. */
export function put<T extends Located, K extends keyof T & string>(
  doc: ParsedDocument,
  entity: T,
  key: K,
  picked: Picked<T[K] | undefined> | undefined,
): void {
  if (picked) set(entity, key, picked.value, at(doc, picked.ptr));
}

type WithExtras = Located & { extras: Record<string, unknown> };

/** Puts a value the model does not name into extras, remembering where it came from. */
export function setExtra(entity: WithExtras, key: string, value: unknown, loc: SourceLocation): void {
  if (blank(value)) return;
  // defineProperty: a source key named `__proto__` must stay a plain key. Only that key needs
  // it (every other assignment makes an own property), and defineProperty is slow on the
  // dozens of extras a portal package carries.
  if (key === '__proto__') Object.defineProperty(entity.extras, key, { value, enumerable: true, writable: true, configurable: true });
  else entity.extras[key] = value;
  entity.locations[extraLocationKey(key)] = loc;
}

/**
 * `extras.<key>`, made once per key name: portals repeat the same few dozen extra names in every
 * package and resource, and a new string per extra had to be built and looked up each time.
 * Bounded, so that a file of a million distinct keys does not grow it.
 */
const EXTRA_LOCATION_KEYS = new Map<string, string>();

function extraLocationKey(key: string): string {
  let name = EXTRA_LOCATION_KEYS.get(key);
  if (name === undefined) {
    name = 'extras.' + key;
    if (EXTRA_LOCATION_KEYS.size < 10_000) EXTRA_LOCATION_KEYS.set(key, name);
  }
  return name;
}

/** Every key of `obj` the loader did not read goes into extras. */
export function restIntoExtras(doc: ParsedDocument, entity: WithExtras, obj: Obj): void {
  // setExtra keeps no blank value, nor its location: neither its pointer nor its location is made
  // (CKAN resources carry dozens of null fields: 59 of a catalogue dataset's 136 resource values).
  obj.eachRestKey((key, value) => {
    if (!blank(value)) setExtra(entity, key, value, at(doc, obj.pointerOf(key)));
  });
}

/** A new dataset of `format` for the object at `ptr` in `doc`. */
export function newDataset(doc: ParsedDocument, format: DescriptorFormat, ptr: string): Dataset {
  return emptyDataset({ format, file: doc.file, position: doc.position }, at(doc, ptr));
}

/** A string holding a JSON list or object (CKAN extras, legacy fields) decoded; anything else as is. */
export function decodeJsonish(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.trim();
  if (!(s.startsWith('[') && s.endsWith(']')) && !(s.startsWith('{') && s.endsWith('}'))) return v;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return v;
  }
}

/** Distinct non-empty strings, in order. */
export function unique(values: string[]): string[] {
  // Most lists a loader reads are a few items: compared in place, without a Set and two lists.
  if (values.length > 16) return [...new Set(values.filter((v) => v.trim() !== ''))];
  const out: string[] = [];
  for (const v of values) if (v.trim() !== '' && !out.includes(v)) out.push(v);
  return out;
}

/** A list of strings from a list, a JSON list, or a comma-separated string (`en,fr`). */
export function commaList(v: unknown): string[] | undefined {
  const list = strings(v).flatMap((s) => s.split(',')).map((s) => s.trim());
  const out = unique(list);
  return out.length ? out : undefined;
}

/** Like `strings`, but undefined when empty (so `pick` moves on to the next key). */
export function stringList(v: unknown): string[] | undefined {
  const out = unique(strings(v));
  return out.length ? out : undefined;
}

/** A single string from a string, or the first text of a `{lang: text}` map. */
export function oneString(v: unknown): string | undefined {
  return str(v) ?? Object.values(texts(v) ?? {})[0];
}

/** A licence as loaders know it: raw = the id when given, else the title, else the URL. */
export function licence(parts: { id?: string; title?: string; url?: string }): Licence | undefined {
  const raw = parts.id ?? parts.title ?? parts.url;
  if (raw === undefined) return undefined;
  const out: Licence = { raw };
  if (parts.title !== undefined) out.title = parts.title;
  if (parts.url !== undefined) out.url = parts.url;
  return out;
}

/** A licence from separately picked id/title/url fields; located where its raw value came from. */
export function pickedLicence(
  id: Picked<string> | undefined,
  title: Picked<string> | undefined,
  url: Picked<string> | undefined,
): Picked<Licence> | undefined {
  const value = licence({ id: id?.value, title: title?.value, url: url?.value });
  const from = id ?? title ?? url;
  return value && from ? { value, ptr: from.ptr } : undefined;
}

/** An agent picked from several fields, with the pointer of each part. */
export interface PickedAgent {
  value: Agent;
  ptr: string;
  parts: Partial<Record<keyof Agent, string>>;
}

/** Which keys hold each part of an agent, in order of preference. */
export type AgentKeys = Partial<Record<keyof Agent, string[]>>;

/**
 * An agent from the fields of one or more sources; located at `ptr` when given (an agent
 * object), else at its first part (flat `maintainer`/`maintainer_email` fields).
 */
export function pickAgent(sources: (Obj | undefined)[], keys: AgentKeys, ptr?: string): PickedAgent | undefined {
  const fields: Agent = {};
  const parts: PickedAgent['parts'] = {};
  for (const part of ['name', 'email', 'url', 'uri'] as const) {
    const p = pickFrom(sources, str, ...(keys[part] ?? []));
    if (p) {
      fields[part] = p.value;
      parts[part] = p.ptr;
    }
  }
  const value = agent(fields);
  const first = ptr ?? parts.name ?? parts.email ?? parts.url ?? parts.uri;
  return value && first !== undefined ? { value, ptr: first, parts } : undefined;
}

/** Sets `publisher` or `contactPoint`, locating the agent and each of its parts (`publisher.email`). */
export function putAgent(
  doc: ParsedDocument,
  ds: Dataset,
  key: 'publisher' | 'contactPoint',
  picked: PickedAgent | undefined,
): void {
  if (!picked) return;
  set(ds, key, picked.value, at(doc, picked.ptr));
  for (const [part, ptr] of Object.entries(picked.parts)) ds.locations[`${key}.${part}`] = at(doc, ptr);
}

/**
 * Source keys that carry the Brussels gender-mainstreaming flags. Portal conventions differ;
 * the defaults follow the Brussels CKAN extras (the config may pass other names later).
 */
export const DEFAULT_FLAG_KEYS: Readonly<Record<keyof DatasetFlags, readonly string[]>> = {
  concernsIndividuals: ['concerns_individuals', 'concernsIndividuals'],
  sexDisaggregated: ['sex_disaggregated', 'sexDisaggregated'],
  genderStatistics: ['gender_statistics', 'genderStatistics'],
};

/** Fills `ds.flags` from the first source key that holds a recognisable boolean (`flags.<name>`). */
export function putFlags(
  doc: ParsedDocument,
  ds: Dataset,
  sources: (Obj | undefined)[],
  keys: Readonly<Record<keyof DatasetFlags, readonly string[]>> = DEFAULT_FLAG_KEYS,
): void {
  for (const flag of Object.keys(keys) as (keyof DatasetFlags)[]) {
    const p = pickFrom(sources, bool, ...keys[flag]);
    if (!p) continue;
    ds.flags[flag] = p.value;
    ds.locations[`flags.${flag}`] = at(doc, p.ptr);
  }
}

/**
 * Resolves a data path written in a descriptor: a relative path inside the descriptor's folder
 * becomes `localPath`/`localRef`; one that escapes it is reported and never read.
 */
export function attachDataRef(
  doc: ParsedDocument,
  dist: Distribution,
  ref: Picked<string>,
  issues: LoadIssue[],
  ds: Dataset,
): LocalRef['kind'] {
  const resolved = resolveDataRef(doc.dir, ref.value);
  if (resolved.kind === 'local') {
    dist.localPath = resolved.path;
    dist.localRef = ref.value;
    dist.locations.localPath = at(doc, ref.ptr);
  } else if (resolved.kind === 'outside') {
    issues.push(unsafePath(doc, ref, ds));
  }
  return resolved.kind;
}

function unsafePath(doc: ParsedDocument, ref: Picked<string>, ds: Dataset): LoadIssue {
  return { ruleId: 'core/unsafe-path', messageId: 'outside', data: { path: ref.value }, location: at(doc, ref.ptr), dataset: ds };
}

/** A Table Schema from an object with a `fields` list (fields without a name are dropped). */
export function tableSchema(v: unknown): TableSchema | undefined {
  if (!isObject(v) || !Array.isArray(v.fields)) return undefined;
  const fields = v.fields.filter((f): f is TableSchemaField => isObject(f) && typeof f.name === 'string');
  return { ...v, fields };
}

/** What a descriptor refers to by path or URL: a Table Schema or CSV dialect; a dataset or catalogue (DCAT-US 3.0). */
export type ReferenceKind = 'Table Schema' | 'CSV dialect' | 'dataset' | 'catalogue';

/** What each kind of reference being unreadable switches off, for messages. */
const WITHOUT: Record<ReferenceKind, string> = {
  'Table Schema': 'the schema checks are off for this resource',
  'CSV dialect': 'the data file is read with a detected dialect',
  dataset: 'it is not linted',
  catalogue: 'its datasets are not linted',
};

/** A load issue about a reference (schema, dialect) that cannot be used. */
export function referenceIssue(
  doc: ParsedDocument,
  ptr: string,
  ds: Dataset | undefined,
  kind: ReferenceKind,
  messageId: 'missing' | 'syntax' | 'invalid' | 'remote',
  data: Record<string, string>,
): LoadIssue {
  const ruleId = messageId === 'remote' ? 'core/reference-not-fetched' : 'core/reference-unreadable';
  if (ds) return { ruleId, messageId, data: { kind, without: WITHOUT[kind], ...data }, location: at(doc, ptr), dataset: ds };
  // A file-level finding: no dataset will resolve its line later, so it is resolved here.
  return { ruleId, messageId, data: { kind, without: WITHOUT[kind], ...data }, location: { ...at(doc, ptr), ...doc.position(ptr) } };
}

/**
 * The document a resource names by path (`"schema": "schemas/x.json"`), parsed; undefined with
 * an issue when it is remote (never fetched), outside the folder, missing or not JSON/YAML. The
 * reference stays in `extras.<key>Ref` and why it could not be read in `extras.<key>Error`.
 */
export function readReference(
  doc: ParsedDocument,
  dist: Distribution,
  ref: Picked<string>,
  kind: ReferenceKind,
  issues: LoadIssue[],
  ds: Dataset,
): unknown {
  const key = kind === 'Table Schema' ? 'schema' : 'dialect';
  const loc = at(doc, ref.ptr);
  setExtra(dist, `${key}Ref`, ref.value, loc);
  const resolved = resolveDataRef(doc.dir, ref.value);
  if (resolved.kind === 'outside') issues.push(unsafePath(doc, ref, ds));
  if (resolved.kind === 'remote') issues.push(referenceIssue(doc, ref.ptr, ds, kind, 'remote', { url: ref.value }));
  if (resolved.kind !== 'local') return undefined;
  if (locateReal(resolved.path, [doc.dir, ...(doc.allowedRoots ?? [])]) === 'outside') {
    // Its field names would be printed in findings: a symlink out of the folder is never read.
    issues.push({ ...unsafePath(doc, ref, ds), messageId: 'linkOutside' });
    return undefined;
  }
  let text: string;
  try {
    text = fs.readFileSync(resolved.path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder' : (err as Error).message;
    setExtra(dist, `${key}Error`, reason, loc);
    issues.push(referenceIssue(doc, ref.ptr, ds, kind, 'missing', { path: ref.value, reason }));
    return undefined;
  }
  try {
    return parseDocumentText(resolved.path, text, doc.limits).data;
  } catch (err) {
    const message = err instanceof SyntaxProblem ? `${err.message} (line ${err.line}, column ${err.column})` : (err as Error).message;
    setExtra(dist, `${key}Error`, message, loc);
    issues.push(referenceIssue(doc, ref.ptr, ds, kind, 'syntax', { path: ref.value, message }));
    return undefined;
  }
}

/**
 * A distribution's `schema`: an inline object, or a path read from disk when it resolves inside
 * the descriptor's folder. One that cannot be used (remote, missing, not JSON/YAML, no `fields`
 * list) is an issue: every schema check would otherwise be silently off.
 */
export function attachSchema(
  doc: ParsedDocument,
  dist: Distribution,
  picked: Picked<unknown> | undefined,
  issues: LoadIssue[],
  ds: Dataset,
): void {
  if (!picked) return;
  const loc = at(doc, picked.ptr);
  const inline = tableSchema(picked.value);
  if (inline) return set(dist, 'schema', inline, loc);
  const ref = str(picked.value);
  if (ref === undefined || typeof picked.value !== 'string') {
    setExtra(dist, 'schema', picked.value, loc);
    if (isObject(picked.value)) issues.push(referenceIssue(doc, picked.ptr, ds, 'Table Schema', 'invalid', { where: 'given inline', reason: 'it has no "fields" list' }));
    return;
  }
  const parsed = readReference(doc, dist, { value: ref, ptr: picked.ptr }, 'Table Schema', issues, ds);
  if (parsed === undefined) return;
  const schema = tableSchema(parsed);
  if (schema) return set(dist, 'schema', schema, loc);
  setExtra(dist, 'schemaError', 'not a Table Schema (no "fields" list)', loc);
  issues.push(referenceIssue(doc, picked.ptr, ds, 'Table Schema', 'invalid', { where: `"${ref}"`, reason: 'it has no "fields" list' }));
}

/**
 * Records where a property WOULD be when the source has its key but no usable value
 * (`"license_id": ""`, `"tags": []`, `title: null`), so findings about the missing value point
 * at the empty field instead of the whole dataset. Keys are tried in order per property.
 */
export function locateBlanks(doc: ParsedDocument, entity: Located, obj: Obj | undefined, keysByProperty: Record<string, string[]>): void {
  if (!obj) return;
  for (const [property, keys] of Object.entries(keysByProperty)) {
    if (entity.locations[property]) continue;
    const key = keys.find((k) => Object.prototype.hasOwnProperty.call(obj.value, k));
    if (key !== undefined) entity.locations[property] = at(doc, obj.pointerOf(key));
  }
}
