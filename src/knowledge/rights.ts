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

/** Where each of RIGHTS_EXTRAS is, as a model path (made once: rights are looked for on every entity). */
const RIGHTS_EXTRAS_PATHS = RIGHTS_EXTRAS.map((key) => `extras.${key}`);

/**
 * The first text of a value that names a licence or terms, depth first: a string, a list (CKAN
 * extras hold JSON lists), a `{lang: text}` map, an `{@id}`. Walked in place: this runs on every
 * dataset and distribution, and most have no rights at all.
 */
function licenceText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() && namesLicence(normaliseLicence({ raw: value })) ? value : undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = licenceText(item);
      if (text !== undefined) return text;
    }
    return undefined;
  }
  if (value && typeof value === 'object') return licenceText(Object.values(value as Record<string, unknown>));
  return undefined;
}

/** The first rights statement of an entity that names a licence or terms, with where it is written. */
function rightsTerms(entity: Dataset | Distribution): { text: string; property: string } | undefined {
  if ('rights' in entity) {
    const text = licenceText(entity.rights);
    if (text !== undefined) return { text, property: 'rights' };
  }
  for (let i = 0; i < RIGHTS_EXTRAS.length; i++) {
    const text = licenceText(entity.extras[RIGHTS_EXTRAS[i]!]);
    if (text !== undefined) return { text, property: RIGHTS_EXTRAS_PATHS[i]! };
  }
  // udata keeps the dct:rights it harvested (and could not map to a licence) in `extras.dcat.rights`.
  const text = licenceText((entity.extras.dcat as { rights?: unknown } | undefined)?.rights);
  return text === undefined ? undefined : { text, property: 'extras.dcat' };
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
