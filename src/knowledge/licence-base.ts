/**
 * The licence knowledge base: `schemas/licences.yaml`, the SPDX list (`spdx-license-ids`) and
 * every Creative Commons licence SPDX knows, loaded once and indexed by loose key and by URL.
 */
import { createRequire } from 'node:module';
import type { Openness } from '../model/index.js';
import { readDataFile } from '../util/data-file.js';
import { looseKey, shortVersionKey, urlKey } from './licence-text.js';
import { ccEuCode, ccSpdxId, ccTitle, ccUrl, parseCcSpdxId, type CcClause, type CcRef, type CcVocabulary } from './creative-commons.js';
import { openDataSwissEntries, type OpenDataSwissData } from './opendata-swiss.js';

const require = createRequire(import.meta.url);
/** Every current SPDX licence id, and the deprecated ones (the `spdx-license-ids` package). */
export const SPDX_IDS: readonly string[] = require('spdx-license-ids') as string[];
export const SPDX_DEPRECATED: readonly string[] = require('spdx-license-ids/deprecated.json') as string[];

export const EU_LICENCE_BASE = 'http://publications.europa.eu/resource/authority/licence/';

export type LicenceTerm = 'attribution' | 'share-alike' | 'non-commercial' | 'no-derivatives';

export interface LicenceEntry {
  /** odlint's key: the SPDX id when SPDX has one. */
  id: string;
  spdx?: string;
  /** CKAN / Open Definition register id. */
  ckan?: string;
  /** EU licence NAL URI. */
  euUri?: string;
  title: string;
  titles: Record<string, string>;
  /** Exact identifiers: id, SPDX id, CKAN id, EU code and the `ids` of the data file. */
  identifiers: string[];
  urls: string[];
  aliases: string[];
  /** `licence`: one licence; `generic`: a CKAN "other-*" class that names no licence. */
  kind: 'licence' | 'generic';
  /** `unknown` for SPDX licences the data file says nothing about. */
  openness: Openness;
  terms: LicenceTerm[];
  /** Why a not-open licence without NC/ND terms is not open. */
  closed?: string;
  /** Accepted for EU High-Value Datasets (CC BY 4.0 or more permissive). */
  hvd: boolean;
}

/** Raw shape of an entry in licences.yaml. */
interface EntryData {
  id: string;
  spdx?: string;
  ckan?: string;
  eu?: string;
  ids?: string[];
  title: string;
  titles?: Record<string, string>;
  urls?: string[];
  aliases?: string[];
  openness: 'open' | 'not-open';
  terms?: LicenceTerm[];
  closed?: string;
  hvd?: boolean;
}

interface KnowledgeData {
  licences: EntryData[];
  generic: EntryData[];
  placeholders: { values: string[]; patterns: string[]; urls: string[] };
  deprecatedSpdx: Record<string, string>;
  openDataSwiss: OpenDataSwissData;
  creativeCommons: CcVocabulary & {
    ckan: Record<string, string>;
    euPorts: Record<string, string>;
    euUnversioned: Record<string, string>;
    latestVersion: string;
  };
}

/** What a key or URL of the index points to. */
export type Target = { entry: LicenceEntry; exact: boolean } | { placeholder: true };

export interface LicenceBase {
  entries: LicenceEntry[];
  byId: Map<string, LicenceEntry>;
  /** Loose key → target; `weak` keys (short versions) never override a real one. */
  keys: Map<string, Target>;
  /** Keys offered as "did you mean" suggestions (names and ids of licences, not placeholders). */
  suggestionKeys: string[];
  urls: Map<string, Target>;
  /** Lower-cased SPDX ids (current and deprecated) → their exact spelling. */
  spdxCase: Map<string, string>;
  deprecated: Map<string, string>;
  placeholderPatterns: RegExp[];
  cc: KnowledgeData['creativeCommons'];
  /** Keys that two different entries claimed (the data file must have none; tests check it). */
  collisions: string[];
}

let base: LicenceBase | undefined;

/** The knowledge base, loaded on first use. */
export function licenceBase(): LicenceBase {
  base ??= build(readDataFile('schemas/licences.yaml') as KnowledgeData);
  return base;
}

const TERM_OF_CLAUSE: Record<CcClause, LicenceTerm | undefined> = { BY: 'attribution', NC: 'non-commercial', ND: 'no-derivatives', SA: 'share-alike' };

function entryFrom(d: EntryData, kind: LicenceEntry['kind']): LicenceEntry {
  const identifiers = [d.id, d.spdx, d.ckan, d.eu, ...(d.ids ?? [])].filter((x): x is string => Boolean(x));
  return {
    id: d.id,
    ...(d.spdx ? { spdx: d.spdx } : {}),
    ...(d.ckan ? { ckan: d.ckan } : {}),
    ...(d.eu ? { euUri: EU_LICENCE_BASE + d.eu } : {}),
    title: d.title,
    titles: d.titles ?? {},
    identifiers: [...new Set(identifiers)],
    urls: d.urls ?? [],
    aliases: d.aliases ?? [],
    kind,
    openness: d.openness,
    terms: d.terms ?? [],
    ...(d.closed ? { closed: d.closed } : {}),
    hvd: d.hvd ?? false,
  };
}

/** An entry for a Creative Commons licence, its terms read from its clauses. */
export function ccEntry(ref: CcRef & { version: string }, cc: KnowledgeData['creativeCommons'], spdx?: string): LicenceEntry {
  const id = ccSpdxId(ref);
  const eu = ref.port ? cc.euPorts[id] : ccEuCode(ref);
  const terms = ref.clauses.map((c) => TERM_OF_CLAUSE[c]).filter((t): t is LicenceTerm => t !== undefined);
  const closed = ref.clauses.includes('NC') || ref.clauses.includes('ND');
  const ckan = cc.ckan[id];
  const identifiers = [id, ckan, eu, ...Object.entries(cc.euUnversioned).filter(([, to]) => to === id).map(([code]) => code)];
  return {
    id,
    ...(spdx ? { spdx } : {}),
    ...(ckan ? { ckan } : {}),
    ...(eu ? { euUri: EU_LICENCE_BASE + eu } : {}),
    title: ccTitle(ref),
    titles: {},
    identifiers: identifiers.filter((x): x is string => Boolean(x)),
    urls: [ccUrl(ref)],
    aliases: [],
    kind: 'licence',
    openness: closed ? 'not-open' : 'open',
    terms,
    hvd: !ref.port && ref.version === '4.0' && ref.clauses.length === 1 && ref.clauses[0] === 'BY',
  };
}

/** An SPDX licence the data file does not describe: known by name, openness unknown. */
function spdxOnlyEntry(id: string): LicenceEntry {
  return { id, spdx: id, title: id, titles: {}, identifiers: [id], urls: [`https://spdx.org/licenses/${id}.html`], aliases: [], kind: 'licence', openness: 'unknown', terms: [], hvd: false };
}

function build(data: KnowledgeData): LicenceBase {
  const entries: LicenceEntry[] = [
    ...data.licences.map((d) => entryFrom(d, 'licence')),
    ...openDataSwissEntries(data.openDataSwiss).map((d) => entryFrom(d, 'licence')),
    ...data.generic.map((d) => entryFrom(d, 'generic')),
  ];
  const listed = new Set(entries.map((e) => e.spdx).filter(Boolean));
  for (const id of SPDX_IDS) {
    const ref = parseCcSpdxId(id);
    if (ref && !listed.has(id)) entries.push(ccEntry(ref as CcRef & { version: string }, data.creativeCommons, id));
  }
  const described = new Set(entries.map((e) => e.spdx).filter(Boolean));
  for (const id of SPDX_IDS) if (!described.has(id)) entries.push(spdxOnlyEntry(id));

  const keys = new Map<string, Target>();
  const urls = new Map<string, Target>();
  const suggestionKeys = new Set<string>();
  const collisions: string[] = [];
  const claim = (map: Map<string, Target>, key: string, target: Target, weak = false) => {
    if (!key) return;
    const prev = map.get(key);
    if (!prev) return void map.set(key, target);
    const same = 'entry' in prev && 'entry' in target ? prev.entry === target.entry : !('entry' in prev) && !('entry' in target);
    if (same && 'entry' in target && target.exact && !(prev as { exact: boolean }).exact) map.set(key, target);
    else if (!same && !weak) collisions.push(key);
  };

  for (const entry of entries) {
    const names = [entry.title, ...Object.values(entry.titles), ...entry.aliases];
    for (const id of entry.identifiers) {
      claim(keys, looseKey(id), { entry, exact: true });
      suggestionKeys.add(looseKey(id));
    }
    for (const name of names) {
      claim(keys, looseKey(name), { entry, exact: false });
      if (entry.openness !== 'unknown') suggestionKeys.add(looseKey(name));
    }
    for (const url of entry.urls) claim(urls, urlKey(url), { entry, exact: true });
    if (entry.euUri) claim(urls, urlKey(entry.euUri), { entry, exact: true });
  }
  // Short versions ("ccby4" for "ccby40") come last and never override.
  for (const [key, target] of [...keys]) {
    const short = shortVersionKey(key);
    if (short && 'entry' in target) claim(keys, short, { entry: target.entry, exact: false }, true);
  }
  for (const value of data.placeholders.values) claim(keys, looseKey(value), { placeholder: true });
  for (const url of data.placeholders.urls) claim(urls, urlKey(url), { placeholder: true });

  const byId = new Map(entries.map((e) => [e.id, e]));
  const deprecated = new Map(Object.entries(data.deprecatedSpdx));
  const spdxCase = new Map([...SPDX_IDS, ...SPDX_DEPRECATED].map((id) => [id.toLowerCase(), id]));
  return {
    entries,
    byId,
    keys,
    suggestionKeys: [...suggestionKeys].filter((k) => k.length > 2),
    urls,
    spdxCase,
    deprecated,
    placeholderPatterns: data.placeholders.patterns.map((p) => new RegExp(p, 'i')),
    cc: data.creativeCommons,
    collisions,
  };
}

/** The entry for a Creative Commons reference (a version-less one means the latest version). */
export function ccLookup(ref: CcRef, kb: LicenceBase): LicenceEntry | undefined {
  const v = ref.version ?? kb.cc.latestVersion;
  // Only the 1.0 licences could leave out attribution (CC-SA-1.0); later ones always have BY.
  if (!ref.clauses.includes('BY') && v !== '1.0') return undefined;
  const full = { ...ref, version: v, ...(v === '4.0' ? { port: undefined } : {}) };
  if (!full.port) delete full.port;
  const id = ccSpdxId(full);
  const known = kb.byId.get(id);
  if (known) return known;
  // A port SPDX does not list (".../by/3.0/fr/"): same terms as the generic licence, its own id.
  const synthetic = ccEntry(full, kb.cc);
  kb.byId.set(id, synthetic);
  return synthetic;
}
