/**
 * The licence normaliser: maps any licence value a loader found (an id, a title, a URL, an SPDX
 * expression, an HTML fragment) to the knowledge base entry it stands for, with its openness
 * and, for near misses, a suggestion. Pure and cached: rules may call it freely.
 */
import { distance } from 'fastest-levenshtein';
import parseSpdx from 'spdx-expression-parse';
import { firstText, locate, type Dataset, type Distribution, type Fix, type Licence, type Openness, type SourceLocation } from '../model/index.js';
import { ccLookup, licenceBase, type LicenceBase, type LicenceEntry, type Target } from './licence-base.js';
import { readCcText, readCcUrl, type CcReading } from './creative-commons.js';
import { fold, htmlParts, isHtml, isUrl, looseKey, parentUrlKey, urlKey, urlsIn } from './licence-text.js';

export type { LicenceEntry, LicenceTerm } from './licence-base.js';
export { licenceBase } from './licence-base.js';

/**
 * - `recognised`: one licence; `expression`: an SPDX expression of several (`CC-BY-4.0 OR MIT`);
 * - `generic`: a CKAN "other-*" id that declares openness without naming a licence;
 * - `placeholder`: a value that names no licence (`notspecified`, "see website", an empty HTML link);
 * - `unknown`: not recognised (maybe a typo: see `suggestion`).
 */
export type LicenceKind = 'recognised' | 'expression' | 'generic' | 'placeholder' | 'unknown';

/** How a value was read. */
export type MatchedBy = 'identifier' | 'name' | 'url' | 'creative-commons' | 'expression' | 'html' | 'text';

export interface LicenceMatch {
  kind: LicenceKind;
  /** The licence (recognised, generic). */
  entry?: LicenceEntry;
  /** The licences of an expression, in order. */
  entries?: LicenceEntry[];
  /** SPDX id, or the normalised expression. */
  spdx?: string;
  ckanId?: string;
  euUri?: string;
  openness: Openness;
  opennessReason: string;
  /** Accepted for EU High-Value Datasets (CC BY 4.0 or more permissive). */
  hvd: boolean;
  by?: MatchedBy;
  /**
   * The value is written as an identifier (SPDX, CKAN, udata, EU code) or a URL of the licence,
   * not a loose name, a case variant or a title.
   */
  exact: boolean;
  /** A Creative Commons or Licence Ouverte reference without a version, read as the latest one. */
  versionless?: boolean;
  /** Deprecated SPDX ids in the value, with what SPDX says to write instead. */
  deprecated?: { id: string; replacement: string }[];
  /** For `unknown`: the canonical id of the nearest known licence. */
  suggestion?: string;
  /** For `placeholder`: what kind of value it is. */
  placeholder?: 'value' | 'html' | 'url';
}

export interface NormalisedLicence extends LicenceMatch {
  /** Which written part decided: the value itself, the licence URL or the title. */
  from: 'raw' | 'url' | 'title';
  /** How each written part reads on its own (for rules comparing them). */
  parts: { raw: LicenceMatch; url?: LicenceMatch; title?: LicenceMatch };
}

/** The value odlint writes for a licence: its SPDX id when it has one, else its odlint id. */
export function canonicalId(entry: LicenceEntry): string {
  return entry.spdx ?? entry.id;
}

/** Why a licence is (not) open, in words a publisher understands. */
export function opennessReason(entry: LicenceEntry): string {
  const nc = entry.terms.includes('non-commercial');
  const nd = entry.terms.includes('no-derivatives');
  if (nc && nd) return 'non-commercial (NC) and no-derivatives (ND) clauses';
  if (nc) return 'non-commercial clause (NC)';
  if (nd) return 'no-derivatives clause (ND)';
  if (entry.openness === 'not-open') return entry.closed ?? 'not open';
  if (entry.openness === 'unknown') return 'SPDX licence odlint has no open-data conformance data for';
  if (entry.kind === 'generic') return `declared open (CKAN "${entry.id}") but no licence is named`;
  return entry.terms.length === 0 ? 'public-domain dedication' : 'open licence (Open Definition)';
}

function fromEntry(entry: LicenceEntry, by: MatchedBy, exact: boolean): LicenceMatch {
  return {
    kind: entry.kind === 'generic' ? 'generic' : 'recognised',
    entry,
    ...(entry.spdx ? { spdx: entry.spdx } : {}),
    ...(entry.ckan ? { ckanId: entry.ckan } : {}),
    ...(entry.euUri ? { euUri: entry.euUri } : {}),
    openness: entry.openness,
    opennessReason: opennessReason(entry),
    hvd: entry.hvd,
    by,
    exact,
  };
}

const PLACEHOLDER = (placeholder: LicenceMatch['placeholder']): LicenceMatch => ({
  kind: 'placeholder',
  openness: 'unknown',
  opennessReason: 'no licence is named',
  hvd: false,
  exact: false,
  placeholder,
});

function fromTarget(target: Target, by: MatchedBy, exact: boolean, placeholder: LicenceMatch['placeholder']): LicenceMatch {
  return 'entry' in target ? fromEntry(target.entry, by, exact && target.exact) : PLACEHOLDER(placeholder);
}

function fromCc(reading: CcReading, kb: LicenceBase, by: MatchedBy, exact: boolean): LicenceMatch | undefined {
  if (reading.kind !== 'licence') {
    const entry = kb.byId.get(reading.kind === 'zero' ? 'CC0-1.0' : 'CC-PDM-1.0');
    return entry && fromEntry(entry, by, exact);
  }
  const entry = ccLookup(reading.ref, kb);
  if (!entry) return undefined;
  const m = fromEntry(entry, by, exact);
  return reading.ref.version ? m : { ...m, versionless: true, exact: false };
}

// ---------------------------------------------------------------------------------------------
// URLs

const EU_PATH = /^publications\.europa\.eu\/resource\/authority\/licen[cs]e\/([a-z0-9_-]+)$/;
/** GovData's DCAT-AP.de licence vocabulary: the path is the licence id (`dl-by-de/2.0`, `cc-by/4.0`, `cc-zero`). */
const DCAT_AP_DE_PATH = /^dcat-ap\.de\/def\/licenses\/(.+)$/;
const ID_IN_PATH = /^(?:spdx\.org\/licenses|(?:www\.)?opendefinition\.org\/licenses|opensource\.org\/licenses?)\/([^/]+)$/;

function matchUrl(url: string, kb: LicenceBase): LicenceMatch {
  // A fragment naming a licence or terms (`https://opendata.swiss/en/terms-of-use#terms_by`).
  const fragment = /#([^#/]+)$/.exec(url.trim())?.[1];
  const byFragment = fragment ? matchIdentifier(decodeURIComponent(fragment), kb) : undefined;
  if (byFragment && namesLicence(byFragment)) return { ...byFragment, by: 'url', exact: true };
  const key = urlKey(url);
  const known = kb.urls.get(key);
  if (known) return fromTarget(known, 'url', true, 'url');
  const cc = readCcUrl(key);
  if (cc) return fromCc(cc, kb, 'url', true) ?? unknown();
  // Identifiers carried in a path: EU authority codes, spdx.org, opendefinition.org pages.
  const code = EU_PATH.exec(key)?.[1] ?? ID_IN_PATH.exec(key)?.[1]?.replace(/\.json$/, '') ?? DCAT_AP_DE_PATH.exec(key)?.[1];
  if (code) {
    const byCode = matchIdentifier(code, kb);
    if (byCode) return { ...byCode, by: 'url', exact: true };
  }
  const parent = parentUrlKey(key);
  const up = parent ? kb.urls.get(parent) : undefined;
  if (up) return fromTarget(up, 'url', false, 'url');
  // Vocabularies that end in a licence code (".../vocab/license/TODO/CC_BYNC_4_0").
  const last = key.slice(key.lastIndexOf('/') + 1);
  const byLast = last !== key ? matchIdentifier(last, kb) : undefined;
  if (byLast && byLast.kind !== 'placeholder') return { ...byLast, by: 'url', exact: false };
  return unknown();
}

// ---------------------------------------------------------------------------------------------
// Identifiers, names and expressions

/** An identifier or name by its loose key (deprecated SPDX ids first); undefined if neither. */
function matchIdentifier(text: string, kb: LicenceBase): LicenceMatch | undefined {
  const deprecated = deprecatedId(text.trim(), kb);
  if (deprecated) return deprecated;
  // "Open Database License (ODbL)": the name without its parenthesised acronym, or the acronym.
  // (looseKey drops the spaces the removed parentheses leave; `\s*\(…` would rescan long runs of spaces.)
  const variants = [text, text.replace(/\([^()]*\)/g, ' '), ...[...text.matchAll(/\(([^()]+)\)/g)].map((m) => m[1]!)];
  const target = variants.map((v) => kb.keys.get(looseKey(v))).find((t) => t !== undefined);
  if (!target) return undefined;
  const exact = 'entry' in target && target.exact && target.entry.identifiers.includes(text.trim());
  const m = fromTarget(target, exact ? 'identifier' : 'name', exact, 'value');
  return isVersionless(text, m) ? { ...m, versionless: true } : m;
}

/** A Creative Commons licence named in an id or a title (URLs in the text are not part of it). */
function matchCreativeCommons(text: string, kb: LicenceBase): LicenceMatch | undefined {
  const cc = readCcText(text.replace(/(?:https?:\/\/|www\.)\S+/gi, ' '), kb.cc);
  return cc ? fromCc(cc, kb, 'creative-commons', false) : undefined;
}

/** "Licence Ouverte", "cc-by", "CC BY-SA": a licence family without a version, read as its current one. */
function isVersionless(text: string, m: LicenceMatch): boolean {
  return /^(?:CC-(?:BY|SA|NC|ND)|etalab-)/.test(m.entry?.id ?? '') && !/\d/.test(text);
}

/** A deprecated SPDX id ("GPL-2.0", "GPL-2.0+"), read as the licence SPDX now names. */
function deprecatedId(text: string, kb: LicenceBase): LicenceMatch | undefined {
  const plus = text.endsWith('+');
  const id = kb.spdxCase.get((plus ? text.slice(0, -1) : text).toLowerCase());
  if (!id) return undefined;
  let replacement = kb.deprecated.get(id);
  if (plus) {
    const base = replacement?.replace(/-only$/, '') ?? id;
    replacement = kb.spdxCase.get(`${base}-or-later`.toLowerCase()) ?? `${base}+`;
  }
  if (!replacement) return undefined;
  const target = kb.byId.get(replacement);
  const m = target ? fromEntry(target, 'identifier', false) : matchExpression(replacement, kb);
  return m && { ...m, exact: false, deprecated: [{ id: text, replacement }] };
}

/** SPDX expressions: "CC-BY-4.0 OR MIT", "(odbl OR cc-by-sa-4.0)", "GPL-2.0-or-later WITH Classpath-exception-2.0". */
function matchExpression(text: string, kb: LicenceBase): LicenceMatch | undefined {
  if (!/\s(?:or|and|with)\s/i.test(text) && !text.trim().startsWith('(')) return undefined;
  const deprecated: { id: string; replacement: string }[] = [];
  let afterWith = false;
  const tokens = text.split(/(\s+|\(|\))/).filter((t) => t.trim() !== '');
  const normalised: string[] = [];
  for (const token of tokens) {
    const upper = token.toUpperCase();
    if (['OR', 'AND', 'WITH'].includes(upper) || token === '(' || token === ')') {
      normalised.push(upper);
      afterWith = upper === 'WITH';
      continue;
    }
    if (afterWith) {
      normalised.push(token); // exception ids are taken as written
      continue;
    }
    const leaf = isUrl(token) ? matchUrl(token, kb) : matchIdentifier(token, kb) ?? matchCreativeCommons(token, kb);
    if (!leaf?.spdx || leaf.kind !== 'recognised') return undefined;
    deprecated.push(...(leaf.deprecated ?? []));
    normalised.push(leaf.spdx);
  }
  const expression = normalised.join(' ').replace(/\( /g, '(').replace(/ \)/g, ')');
  let tree: parseSpdx.Info;
  try {
    tree = parseSpdx(expression);
  } catch {
    return undefined;
  }
  const entries: LicenceEntry[] = [];
  const evaluate = (node: parseSpdx.Info): { openness: Openness; hvd: boolean; reason: string } => {
    if ('license' in node) {
      const entry = kb.byId.get(node.license) ?? kb.byId.get(node.plus ? `${node.license}-or-later` : node.license);
      if (!entry) return { openness: 'unknown', hvd: false, reason: `${node.license} is not in the knowledge base` };
      entries.push(entry);
      return { openness: entry.openness, hvd: entry.hvd, reason: `${canonicalId(entry)}: ${opennessReason(entry)}` };
    }
    const l = evaluate(node.left);
    const r = evaluate(node.right);
    const rank = { 'not-open': 0, unknown: 1, open: 2 } as const;
    // OR: the reuser chooses, so the most open side counts; AND: both apply, the least open counts.
    const pick = node.conjunction === 'or' ? (rank[l.openness] >= rank[r.openness] ? l : r) : rank[l.openness] <= rank[r.openness] ? l : r;
    return { openness: pick.openness, hvd: node.conjunction === 'or' ? l.hvd || r.hvd : l.hvd && r.hvd, reason: pick.reason };
  };
  const result = evaluate(tree);
  return {
    kind: 'expression',
    entries,
    spdx: expression,
    openness: result.openness,
    opennessReason: result.reason,
    hvd: result.hvd,
    by: 'expression',
    exact: expression === text.trim() && deprecated.length === 0,
    ...(deprecated.length ? { deprecated } : {}),
  };
}

function unknown(suggestion?: string): LicenceMatch {
  return { kind: 'unknown', openness: 'unknown', opennessReason: 'licence not recognised', hvd: false, exact: false, ...(suggestion ? { suggestion } : {}) };
}

/** The nearest licence name or id by edit distance, for typos ("odc-odbll", "CC-BY-4.O"). */
function suggest(text: string, kb: LicenceBase): string | undefined {
  const key = looseKey(text);
  if (key.length < 3 || key.length > 40) return undefined;
  const max = key.length <= 6 ? 1 : 2;
  let best: { key: string; d: number } | undefined;
  for (const candidate of kb.suggestionKeys) {
    if (Math.abs(candidate.length - key.length) > max) continue;
    const d = distance(key, candidate);
    if (d <= max && (!best || d < best.d)) best = { key: candidate, d };
  }
  const target = best && kb.keys.get(best.key);
  return target && 'entry' in target ? canonicalId(target.entry) : undefined;
}

/** One written value (an id, a title, a URL, an expression, HTML, free text) on its own. */
export function matchLicenceValue(value: string, kb: LicenceBase = licenceBase()): LicenceMatch {
  const text = value.trim();
  if (text === '') return PLACEHOLDER('value');
  if (isHtml(text)) {
    const { links, text: inner } = htmlParts(text);
    for (const part of [...links, inner]) {
      const m = part ? matchLicenceValue(part, kb) : undefined;
      if (m && namesLicence(m)) return { ...m, by: 'html', exact: false };
    }
    return PLACEHOLDER('html');
  }
  if (isUrl(text)) return matchUrl(text, kb);
  const direct = matchIdentifier(text, kb) ?? matchExpression(text, kb);
  if (direct) return direct;
  // Free text that links to the licence ("see https://creativecommons.org/licenses/by/4.0/").
  for (const url of urlsIn(text)) {
    const m = matchUrl(url, kb);
    if (namesLicence(m)) return { ...m, by: 'text', exact: false };
  }
  const cc = matchCreativeCommons(text, kb);
  if (cc) return cc;
  if (kb.placeholderPatterns.some((p) => p.test(fold(text)))) return PLACEHOLDER('value');
  return unknown(suggest(text, kb));
}

const RANK: Record<LicenceKind, number> = { recognised: 4, expression: 4, generic: 3, placeholder: 2, unknown: 1 };
const cache = new Map<string, NormalisedLicence>();
const CACHE_LIMIT = 10_000;

/**
 * A licence as a whole: the raw value, the URL and the title are read on their own and the most
 * specific reading wins (a named licence over a generic id over a placeholder over nothing).
 */
export function normaliseLicence(licence: { raw: string; title?: string; url?: string }): NormalisedLicence {
  // Several rules and the scores ask about the same model licence: answered by the object first
  // (building and hashing the text key for each of them showed in catalogue profiles).
  const seen = byObject.get(licence);
  if (seen && seen.raw === licence.raw && seen.title === licence.title && seen.url === licence.url) return seen.result;
  const cacheKey = `${licence.raw}\u0000${licence.title ?? ''}\u0000${licence.url ?? ''}`;
  const cached = cache.get(cacheKey);
  if (cached) {
    byObject.set(licence, { raw: licence.raw, title: licence.title, url: licence.url, result: cached });
    return cached;
  }
  const kb = licenceBase();
  const parts: NormalisedLicence['parts'] = { raw: matchLicenceValue(licence.raw, kb) };
  if (licence.url !== undefined && licence.url !== licence.raw) parts.url = matchLicenceValue(licence.url, kb);
  if (licence.title !== undefined && licence.title !== licence.raw) parts.title = matchLicenceValue(licence.title, kb);
  let from: NormalisedLicence['from'] = 'raw';
  for (const part of ['url', 'title'] as const) {
    const m = parts[part];
    if (m && RANK[m.kind] > RANK[parts[from]!.kind]) from = part;
  }
  const result: NormalisedLicence = { ...parts[from]!, from, parts };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(cacheKey, result);
  byObject.set(licence, { raw: licence.raw, title: licence.title, url: licence.url, result });
  return result;
}

/** The last answer for each licence object, with the texts it was for (a changed text is looked up again). */
const byObject = new WeakMap<object, { raw: string; title: string | undefined; url: string | undefined; result: NormalisedLicence }>();

/** Fills the normalised fields of a model licence (spdx, ckanId, euUri, openness and why). */
export function enrichLicence(licence: Licence): void {
  const n = normaliseLicence(licence);
  if (n.spdx) licence.spdx = n.spdx;
  if (n.ckanId) licence.ckanId = n.ckanId;
  if (n.euUri) licence.euUri = n.euUri;
  licence.openness = n.openness;
  licence.opennessReason = n.kind === 'placeholder' ? 'placeholder: no licence is named' : n.opennessReason;
}

// ---------------------------------------------------------------------------------------------
// For rules: every licence a dataset states, with where it is written.

export interface LicenceUse {
  licence: Licence;
  normalised: NormalisedLicence;
  /** Where the licence value is written. */
  location: SourceLocation;
  /** The distribution that states it; undefined for the dataset's own licence. */
  distribution?: Distribution;
  /** "the dataset" or `distribution "name"`, for messages. */
  owner: string;
  /** Terms stated only as rights (src/knowledge/rights.ts), not as a licence. */
  rights?: boolean;
}

/** A short name for a distribution in messages: its title, id, file or URL. */
export function distributionLabel(dist: Distribution): string {
  return firstText(dist.title) ?? dist.id ?? dist.localRef ?? dist.accessURL ?? dist.downloadURL ?? '?';
}

/** The dataset's licence, then each distribution's. */
export function licenceUses(ds: Dataset): LicenceUse[] {
  const uses: LicenceUse[] = [];
  if (ds.licence) uses.push({ licence: ds.licence, normalised: normaliseLicence(ds.licence), location: locate(ds, 'licence'), owner: 'the dataset' });
  for (const dist of ds.distributions) {
    if (!dist.licence) continue;
    uses.push({ licence: dist.licence, normalised: normaliseLicence(dist.licence), location: locate(dist, 'licence'), distribution: dist, owner: `distribution "${distributionLabel(dist)}"` });
  }
  return uses;
}

/** A licence value as messages quote it: one line, at most 80 characters. */
export function shownValue(value: string): string {
  const line = value.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** How messages name a recognised licence: its canonical id, or the expression. */
export function licenceName(m: LicenceMatch): string {
  return m.entry ? canonicalId(m.entry) : m.spdx ?? '?';
}

/** True for readings that name a licence (one, several, or a CKAN "other-*" class). */
export function namesLicence(m: LicenceMatch): boolean {
  return m.kind === 'recognised' || m.kind === 'expression' || m.kind === 'generic';
}

/** A licence family without its version: CC-BY-3.0-DE and CC-BY-4.0 are both CC-BY. */
function family(id: string): string {
  return id.replace(/-\d+(?:\.\d+)*(?:-[A-Z]+)?$/, '');
}

/**
 * Whether two readings name the same licence. A version-less reference ("cc-by", "Licence
 * Ouverte") agrees with any version of its family.
 */
export function sameLicence(a: LicenceMatch, b: LicenceMatch): boolean {
  if (a.entry && b.entry) {
    if (a.entry === b.entry) return true;
    return Boolean(a.versionless || b.versionless) && family(a.entry.id) === family(b.entry.id);
  }
  return a.spdx !== undefined && a.spdx === b.spdx;
}

/**
 * The safe fix rewriting a licence value to `to`: only in odlint's own dataset.yaml (other
 * formats belong to portals and tools with their own id conventions), at the raw value itself.
 */
export function licenceFix(ds: Dataset, use: LicenceUse, to: string): Fix | undefined {
  if (ds.source.format !== 'odlint' || use.rights || use.location.pointer === undefined || use.normalised.from !== 'raw') return undefined;
  return { file: use.location.file, pointer: use.location.pointer, from: use.licence.raw, to };
}
