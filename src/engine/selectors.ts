/**
 * Selectors on the canonical model for declarative rules (config `policies`, docs/plugins.md):
 * `dataset.keywords`, `distribution.format`, `dataset.publisher.name`, `dataset.extras.<key>`.
 * A selector yields the selected values as plain strings (blank ones dropped) and where they
 * are in the source, so a policy's findings point where a built-in rule's would.
 */
import type { Dataset, Distribution, Located, SourceLocation } from '../model/index.js';
import { locate } from '../model/index.js';
import { didYouMean } from '../util/suggest.js';

export type Entity = 'dataset' | 'distribution';

/** How a property's value turns into strings: as is, each item, each language, or a sub-value. */
type Kind = 'text' | 'texts' | 'list' | 'agent' | 'licence' | 'period' | 'flags' | 'number' | 'distributions';

const AGENT_PARTS = ['name', 'email', 'url', 'uri'];
const LICENCE_PARTS = ['raw', 'title', 'url', 'spdx', 'ckanId', 'euUri', 'openness'];
const PARTS: Partial<Record<Kind, string[]>> = {
  agent: AGENT_PARTS,
  licence: LICENCE_PARTS,
  period: ['start', 'end'],
  flags: ['concernsIndividuals', 'sexDisaggregated', 'genderStatistics'],
};

const COMMON: Record<string, Kind> = {
  id: 'text',
  title: 'texts',
  description: 'texts',
  licence: 'licence',
  issued: 'text',
  modified: 'text',
  conformsTo: 'list',
};

/** The model properties a selector may name (src/model/dataset.ts), with their kind. */
const PROPERTIES: Record<Entity, Record<string, Kind>> = {
  dataset: {
    ...COMMON,
    keywords: 'list',
    themes: 'list',
    publisher: 'agent',
    contactPoint: 'agent',
    accessRights: 'text',
    rights: 'text',
    temporal: 'period',
    spatial: 'list',
    frequency: 'text',
    language: 'list',
    landingPage: 'text',
    documentation: 'list',
    hvdCategory: 'list',
    applicableLegislation: 'list',
    flags: 'flags',
    distributions: 'distributions',
  },
  distribution: {
    ...COMMON,
    accessURL: 'text',
    downloadURL: 'text',
    format: 'text',
    mediaType: 'text',
    formatId: 'text',
    byteSize: 'number',
    checksum: 'text',
    accessService: 'text',
  },
};

/** A parsed selector: the entity it runs on, the model property, and its part (`publisher.name`) or extras key. */
export interface Selector {
  text: string;
  entity: Entity;
  property: string;
  part?: string;
  extra?: string;
}

/** Parses a selector; a string says what is wrong with it (with a did-you-mean). */
export function parseSelector(text: string): Selector | string {
  const [head, property, ...rest] = text.split('.');
  if (head !== 'dataset' && head !== 'distribution') return `a selector starts with "dataset." or "distribution." (got "${text}")`;
  if (property === 'extras') {
    if (!rest.length) return `"${text}" names no extras key (e.g. ${head}.extras.theme_fr)`;
    return { text, entity: head, property, extra: rest.join('.') };
  }
  const known = PROPERTIES[head];
  const kind = property === undefined ? undefined : known[property];
  if (!kind) {
    const guess = property ? didYouMean(property, [...Object.keys(known), 'extras']) : undefined;
    return `unknown property "${property ?? ''}" of ${head}${guess ? ` (did you mean "${guess}"?)` : ''}; see docs/declarative-rules.md`;
  }
  const parts = PARTS[kind];
  if (rest.length > 1 || (rest.length === 1 && !parts?.includes(rest[0]!))) {
    return parts ? `${head}.${property} has the parts ${parts.join(', ')} (got "${rest.join('.')}")` : `${head}.${property} has no parts (got "${rest.join('.')}")`;
  }
  return { text, entity: head, property, ...(rest[0] ? { part: rest[0] } : {}) };
}

/** True when the selector counts entities (`dataset.distributions`) rather than reading values. */
export const countsDistributions = (s: Selector): boolean => s.property === 'distributions';

/** The selected values of an entity (non-blank strings), and where they are. */
export function select(s: Selector, ds: Dataset, dist?: Distribution): { values: string[]; location: SourceLocation } {
  const entity: Located & Record<string, unknown> = (s.entity === 'distribution' ? dist! : ds) as unknown as Located & Record<string, unknown>;
  if (s.extra !== undefined) {
    return { values: scalars((entity.extras as Record<string, unknown>)[s.extra]), location: locate(entity, `extras.${s.extra}`) };
  }
  const location = (s.part && entity.locations[`${s.property}.${s.part}`]) || locate(entity, s.property);
  const value = entity[s.property];
  if (s.property === 'distributions') return { values: ds.distributions.map((_, i) => String(i + 1)), location };
  const kind = PROPERTIES[s.entity][s.property]!;
  if (s.part) return { values: scalars((value as Record<string, unknown> | undefined)?.[s.part]), location };
  switch (kind) {
    case 'texts':
      return { values: scalars(value ? Object.values(value as Record<string, string>) : undefined), location };
    case 'agent': {
      // An agent stands for its first stated part (as MQA counts a publisher stated).
      const agent = value as Record<string, unknown> | undefined;
      const first = AGENT_PARTS.map((p) => scalars(agent?.[p])).find((v) => v.length);
      return { values: first ?? [], location };
    }
    case 'licence':
      return { values: scalars((value as { raw?: string } | undefined)?.raw), location };
    case 'period':
    case 'flags':
      return { values: scalars(value ? Object.values(value as Record<string, unknown>) : undefined), location };
    default:
      return { values: scalars(value), location };
  }
}

/** Strings of a value: scalars as text, lists flattened, blanks and objects dropped. */
function scalars(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(scalars);
  if (typeof value === 'string') return value.trim() === '' ? [] : [value.trim()];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  return [];
}
