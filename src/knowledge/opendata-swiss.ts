/**
 * The opendata.swiss terms of use as licence entries: every combination of the three conditions
 * (`NonCommercialAllowed-CommercialWithPermission-ReferenceRequired`...) and `ClosedData`, from
 * the `openDataSwiss` section of schemas/licences.yaml. They are terms, not licences, but
 * portals state them where a licence goes (or only as rights): odlint judges them the same way.
 */
import type { LicenceTerm } from './licence-base.js';

export interface OpenDataSwissData {
  /** terms_open, terms_by, terms_ask, terms_by_ask → the combination they stand for. */
  official: Record<string, string>;
  titles: Record<string, string>;
  /** URL templates of the official terms (`{term}` = terms_by...). */
  urls: string[];
}

/** The shape of a licences.yaml entry (what licence-base.ts builds entries from). */
export interface TermsEntryData {
  id: string;
  ids: string[];
  title: string;
  urls: string[];
  aliases: string[];
  openness: 'open' | 'not-open';
  terms: LicenceTerm[];
  closed?: string;
  hvd: boolean;
}

const USE = ['Allowed', 'NotAllowed', 'WithPermission'] as const;
type Use = (typeof USE)[number];
const WORDS: Record<Use, string> = { Allowed: 'allowed', NotAllowed: 'not allowed', WithPermission: 'with permission' };

export function openDataSwissEntries(data: OpenDataSwissData): TermsEntryData[] {
  const official = new Map(Object.entries(data.official).map(([term, id]) => [id, term]));
  const entries: TermsEntryData[] = [];
  for (const nonCommercial of USE) {
    for (const commercial of USE) {
      for (const reference of [true, false]) {
        const id = `NonCommercial${nonCommercial}-Commercial${commercial}-Reference${reference ? '' : 'Not'}Required`;
        const term = official.get(id);
        const label = `Non-commercial ${WORDS[nonCommercial]} / Commercial ${WORDS[commercial]} / Reference ${reference ? '' : 'not '}required`;
        // The wording of the portal's own form (ckanext-switzerland): "Commercial With Permission Allowed".
        const formLabel = label.replace(/with permission/g, 'with permission allowed');
        const open = nonCommercial === 'Allowed' && commercial === 'Allowed';
        const terms: LicenceTerm[] = reference ? ['attribution'] : [];
        // Commercial use forbidden outright is a non-commercial clause; "ask first" is not open either.
        if (commercial === 'NotAllowed' && nonCommercial !== 'NotAllowed') terms.push('non-commercial');
        entries.push({
          id,
          ids: term ? [term] : [],
          title: `opendata.swiss terms of use: ${label.toLowerCase()}`,
          urls: term ? data.urls.map((u) => u.replace('{term}', term)) : [],
          aliases: [label, formLabel, ...(term && data.titles[term] ? [data.titles[term]!] : [])],
          openness: open ? 'open' : 'not-open',
          terms,
          ...(open ? {} : { closed: closedReason(nonCommercial, commercial) }),
          // Free use with attribution at most: as permissive as CC BY 4.0 (HVD regulation, art. 4).
          hvd: open,
        });
      }
    }
  }
  entries.push({
    id: 'ClosedData',
    ids: ['terms_closed'],
    title: 'opendata.swiss terms of use: closed data',
    urls: [],
    aliases: ['Closed data'],
    openness: 'not-open',
    terms: [],
    closed: 'closed data (opendata.swiss terms of use)',
    hvd: false,
  });
  return entries;
}

function closedReason(nonCommercial: Use, commercial: Use): string {
  const parts: string[] = [];
  if (commercial === 'WithPermission') parts.push("commercial use only with the data owner's permission");
  if (commercial === 'NotAllowed' && nonCommercial === 'NotAllowed') parts.push('no use allowed');
  if (nonCommercial === 'WithPermission') parts.push("non-commercial use only with the data owner's permission");
  if (nonCommercial === 'NotAllowed' && commercial !== 'NotAllowed') parts.push('non-commercial use not allowed');
  return parts.join('; ') || 'commercial use not allowed';
}
