/**
 * Creative Commons licences are a small grammar rather than a list: clauses (BY, NC, ND, SA),
 * a version and sometimes a national port. This module reads that grammar from ids, codes,
 * titles in several languages and creativecommons.org URLs; the knowledge base turns a
 * reference into an entry.
 */
import { fold } from './licence-text.js';

export type CcClause = 'BY' | 'NC' | 'ND' | 'SA';

/** Clauses in SPDX order (CC-BY-NC-SA, CC-BY-NC-ND). */
const CLAUSE_ORDER: CcClause[] = ['BY', 'NC', 'ND', 'SA'];
export const CC_VERSIONS = ['1.0', '2.0', '2.1', '2.5', '3.0', '4.0'];

export interface CcRef {
  clauses: CcClause[];
  /** Undefined when the reference names no version ("CC BY-SA"). */
  version?: string;
  /** National port in upper case (DE, NL, IGO...). */
  port?: string;
}

export type CcReading = { kind: 'licence'; ref: CcRef } | { kind: 'zero' } | { kind: 'mark' };

export interface CcVocabulary {
  /** Words naming each clause in titles (folded). */
  clauses: Record<CcClause, string[]>;
  /** Port names in titles (folded) → port code. */
  ports: Record<string, string>;
}

/** "CC-BY-NC-SA-3.0-DE" → clauses, version, port (SPDX ids only). */
export function parseCcSpdxId(id: string): CcRef | undefined {
  const m = /^CC-((?:BY|NC|ND|SA)(?:-(?:BY|NC|ND|SA))*)-(\d\.\d)(?:-([A-Z]+))?$/.exec(id);
  if (!m) return undefined;
  return { clauses: m[1]!.split('-') as CcClause[], version: m[2]!, ...(m[3] ? { port: m[3] } : {}) };
}

export function ccSpdxId(ref: CcRef & { version: string }): string {
  return `CC-${ref.clauses.join('-')}-${ref.version}${ref.port ? `-${ref.port}` : ''}`;
}

/** Clauses as a set in SPDX order; undefined when a clause repeats or ND and SA are combined. */
function orderClauses(found: Iterable<string>): CcClause[] | undefined {
  const list = [...found].map((c) => c.toUpperCase());
  const set = new Set(list);
  if (set.size !== list.length || (set.has('ND') && set.has('SA')) || set.size === 0) return undefined;
  return CLAUSE_ORDER.filter((c) => set.has(c));
}

function version(major: string | undefined, minor: string | undefined): string | undefined {
  if (major === undefined) return undefined;
  const v = `${major}.${minor ?? '0'}`;
  return CC_VERSIONS.includes(v) ? v : undefined;
}

/**
 * Compact forms: "CC-BY-4.0", "CC BY-NC-SA 3.0 DE", "cc_bync_4_0", "ccbysa", "CC BY 4.0 International".
 * Returns undefined when the text is not such a form.
 */
function readCompact(text: string): CcReading | undefined {
  const compact = fold(text).replace(/^creative\s*commons/, 'cc').replace(/[^a-z0-9]/g, '');
  if (/^cc(?:0|zero)(?:10)?(?:universal|universel|universeel|universell)?$/.test(compact)) return { kind: 'zero' };
  const m = /^cc((?:by|nc|nd|sa){1,3})(?:(\d)(\d)?)?([a-z]{2,3})?$/.exec(compact.replace(/(?:international|internationaal|unported|generic|licence|license)+$/, ''));
  if (!m) return undefined;
  const clauses = orderClauses(m[1]!.match(/../g)!);
  if (!clauses) return undefined;
  const v = version(m[2], m[3]);
  if (m[2] !== undefined && !v) return undefined;
  return { kind: 'licence', ref: { clauses, ...(v ? { version: v } : {}), ...(m[4] ? { port: m[4].toUpperCase() } : {}) } };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Titles in words: "Creative Commons Attribution-ShareAlike 3.0 Unported", "Creative Commons
 * Naamsvermelding-NietCommercieel 4.0 Internationaal", "Creative Commons Atribuição".
 * Only when the text names Creative Commons; clause words come from the vocabulary.
 */
function readWords(text: string, vocabulary: CcVocabulary): CcReading | undefined {
  const s = fold(text).replace(/[-_/]+/g, ' ').replace(/\s+/g, ' ');
  if (!/\bcreative ?commons\b|^cc\b/.test(s)) return undefined;
  if (/\bcc ?(?:0|zero)\b|\bcczero\b|\bzero\b/.test(s)) return { kind: 'zero' };
  if (/\bpublic domain mark\b|\bpdm\b/.test(s)) return { kind: 'mark' };
  const found = new Set<CcClause>();
  for (const clause of CLAUSE_ORDER) {
    for (const word of vocabulary.clauses[clause]) {
      const w = fold(word).replace(/[-_/]+/g, ' ');
      // Two-letter codes (by, sa) are only codes right after "cc"/"creative commons" or another code.
      const pattern = w.length <= 2 ? `(?:\\bcc|creative ?commons|\\b(?:by|nc|nd|sa))\\s(?:(?:by|nc|nd|sa)\\s)*${w}\\b` : `\\b${escapeRegExp(w)}\\b`;
      if (new RegExp(pattern).test(s)) found.add(clause);
    }
  }
  const clauses = orderClauses(found);
  if (!clauses) return undefined;
  const vm = /\b([1-4])(?:[.,]([05]))?\b/.exec(s.replace(/\b(?:19|20)\d\d\b/g, ''));
  const v = vm ? version(vm[1], vm[2]) : undefined;
  const port = Object.entries(vocabulary.ports).find(([name]) => new RegExp(`\\b${escapeRegExp(fold(name))}\\b`).test(s))?.[1];
  return { kind: 'licence', ref: { clauses, ...(v ? { version: v } : {}), ...(port ? { port } : {}) } };
}

/** A CC reference in an id, a code or a title; undefined when the text is not about a CC licence. */
export function readCcText(text: string, vocabulary: CcVocabulary): CcReading | undefined {
  return readCompact(text) ?? readWords(text, vocabulary);
}

/** A CC reference in a creativecommons.org URL key (see `urlKey`). */
export function readCcUrl(key: string): CcReading | undefined {
  const m = /^creativecommons\.org\/(licenses|publicdomain)\/([a-z-]+)\/(\d)\.(\d)(?:\/([a-z]{2,3}))?$/.exec(key);
  if (!m) return undefined;
  if (m[1] === 'publicdomain') return m[2] === 'zero' ? { kind: 'zero' } : m[2] === 'mark' ? { kind: 'mark' } : undefined;
  const clauses = orderClauses(m[2]!.split('-'));
  const v = version(m[3], m[4]);
  if (!clauses || !v) return undefined;
  return { kind: 'licence', ref: { clauses, version: v, ...(m[5] ? { port: m[5].toUpperCase() } : {}) } };
}

/** The creativecommons.org URL of a licence (1.0 spelled NC-ND as "by-nd-nc"). */
export function ccUrl(ref: CcRef & { version: string }): string {
  let path = ref.clauses.map((c) => c.toLowerCase()).join('-');
  if (ref.version === '1.0' && path === 'by-nc-nd') path = 'by-nd-nc';
  return `https://creativecommons.org/licenses/${path}/${ref.version}/${ref.port ? `${ref.port.toLowerCase()}/` : ''}`;
}

const CLAUSE_NAMES: Record<CcClause, string> = { BY: 'Attribution', NC: 'NonCommercial', ND: 'NoDerivatives', SA: 'ShareAlike' };

export function ccTitle(ref: CcRef & { version: string }): string {
  const names = ref.clauses.map((c) => (c === 'ND' && ref.version !== '4.0' ? 'NoDerivs' : CLAUSE_NAMES[c])).join('-');
  const scope = ref.port ? ref.port : ref.version === '4.0' ? 'International' : ref.version === '3.0' ? 'Unported' : 'Generic';
  return `Creative Commons ${names} ${ref.version} ${scope}`;
}

/** EU licence NAL code of a generic CC licence with attribution (CC_BYNCSA_3_0). */
export function ccEuCode(ref: CcRef & { version: string }): string | undefined {
  if (ref.port || !ref.clauses.includes('BY') || ref.version === '2.1') return undefined;
  return `CC_${ref.clauses.join('')}_${ref.version.replace('.', '_')}`;
}
