/**
 * Terms stated as rights instead of as a licence. Many catalogues put the conditions of reuse in
 * DCAT `dct:rights` (opendata.swiss before DCAT-AP CH 2: `NonCommercialAllowed-CommercialWithPermission-ReferenceRequired`),
 * CKAN `rights`, INSPIRE harvests' `access_constraints` and `licence` extras, udata's
 * `extras.dcat.rights` (next to a `notspecified` or `other-*` licence): a dataset that
 * states its terms only there has stated terms, and the licence rules judge it by them instead of
 * reporting "no licence". Only rights text that names a licence or known terms counts: a
 * statement such as "Some statement about rights" is no licence.
 */
import { locate, type Dataset, type Distribution } from '../model/index.js';
import { distributionLabel, namesLicence, normaliseLicence, type LicenceUse } from './licences.js';

/** Where rights are written, as model property or extras key (CKAN, RDF prefixed names). */
const RIGHTS_EXTRAS = ['rights', 'dct:rights', 'access_constraints', 'licence'];

/** Every text of a value: a string, a list (CKAN extras hold JSON lists), a `{lang: text}` map, an `{@id}`. */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(texts);
  if (value && typeof value === 'object') return Object.values(value as Record<string, unknown>).flatMap(texts);
  return [];
}

/** The first rights statement of an entity that names a licence or terms, with where it is written. */
function rightsTerms(entity: Dataset | Distribution): { text: string; property: string } | undefined {
  const sources: [property: string, value: unknown][] = [
    ...('rights' in entity ? [['rights', entity.rights] as [string, unknown]] : []),
    ...RIGHTS_EXTRAS.map((key): [string, unknown] => [`extras.${key}`, entity.extras[key]]),
    // udata keeps the dct:rights it harvested (and could not map to a licence) in `extras.dcat.rights`.
    ['extras.dcat', (entity.extras.dcat as { rights?: unknown } | undefined)?.rights],
  ];
  for (const [property, value] of sources) {
    const text = texts(value).find((t) => namesLicence(normaliseLicence({ raw: t })));
    if (text !== undefined) return { text, property };
  }
  return undefined;
}

/** Whether an entity's own licence leaves its terms open: none, a CKAN "other-*" class, a placeholder. */
function licenceNamesNothingSpecific(entity: Dataset | Distribution): boolean {
  if (!entity.licence) return true;
  const kind = normaliseLicence(entity.licence).kind;
  return kind === 'generic' || kind === 'placeholder' || kind === 'unknown';
}

/** The terms an entity states only as rights (undefined when it has a licence that names one). */
export function termsFromRights(entity: Dataset | Distribution): string | undefined {
  return licenceNamesNothingSpecific(entity) ? rightsTerms(entity)?.text : undefined;
}

/**
 * The terms the dataset and its distributions state only as rights, as licence uses the licence
 * rules judge like a licence (openness, HVD eligibility). Never a target of `--fix`.
 */
export function rightsUses(ds: Dataset): LicenceUse[] {
  const uses: LicenceUse[] = [];
  const add = (entity: Dataset | Distribution, owner: string, distribution?: Distribution) => {
    if (!licenceNamesNothingSpecific(entity)) return;
    const found = rightsTerms(entity);
    if (!found) return;
    const licence = { raw: found.text };
    uses.push({ licence, normalised: normaliseLicence(licence), location: locate(entity, found.property), owner, rights: true, ...(distribution ? { distribution } : {}) });
  };
  add(ds, 'the dataset (rights statement)');
  for (const dist of ds.distributions) add(dist, `distribution "${distributionLabel(dist)}" (rights statement)`, dist);
  return uses;
}
