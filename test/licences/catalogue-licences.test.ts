import { describe, it, expect } from 'vitest';
import { normaliseLicence, licenceBase } from '../../src/knowledge/licences.js';
import { lintReport, allFindings, brief } from '../helpers/lint.js';

/**
 * Licences met in real catalogues (GovData, opendata.swiss, open.canada.ca, data.gouv.fr,
 * data.norge.no, data.gov.uk, Creative Commons legal-code links) and terms stated only as rights.
 * Sources of the identifiers and EU licence-NAL codes: docs/licences.md.
 */
const EU = (code: string) => `http://publications.europa.eu/resource/authority/licence/${code}`;

// value as written → odlint entry id (SPDX id when SPDX has one), EU licence-NAL URI, openness
const VALUES: [value: string, id: string, euUri: string | null, openness: 'open' | 'not-open'][] = [
  ["dl-de/by-2-0", "DL-DE-BY-2.0", EU("DLDE_BY_2_0"), 'open'],
  ["dl-de/zero-2-0", "DL-DE-ZERO-2.0", EU("DLDE_ZERO_2_0"), 'open'],
  ["dl-de/by-nc-1-0", "dl-de-by-nc-1.0", EU("DLDE_BYNC_1_0"), 'not-open'],
  ["Datenlizenz Deutschland – Namensnennung – Version 2.0", "DL-DE-BY-2.0", EU("DLDE_BY_2_0"), 'open'],
  ["https://www.govdata.de/dl-de/by-2-0", "DL-DE-BY-2.0", EU("DLDE_BY_2_0"), 'open'],
  ["http://dcat-ap.de/def/licenses/dl-by-de/2.0", "DL-DE-BY-2.0", EU("DLDE_BY_2_0"), 'open'],
  ["http://dcat-ap.de/def/licenses/dl-by-de/2_0", "DL-DE-BY-2.0", EU("DLDE_BY_2_0"), 'open'],
  ["http://dcat-ap.de/def/licenses/dl-zero-de/2.0", "DL-DE-ZERO-2.0", EU("DLDE_ZERO_2_0"), 'open'],
  ["http://dcat-ap.de/def/licenses/dl-by-nc-de/1.0", "dl-de-by-nc-1.0", EU("DLDE_BYNC_1_0"), 'not-open'],
  ["http://dcat-ap.de/def/licenses/cc-by/4.0", "CC-BY-4.0", EU("CC_BY_4_0"), 'open'],
  ["http://dcat-ap.de/def/licenses/cc-zero", "CC0-1.0", EU("CC0"), 'open'],
  [EU("DLDE_BY_2_0"), "DL-DE-BY-2.0", "http://publications.europa.eu/resource/authority/licence/DLDE_BY_2_0", 'open'],
  [EU("DLDE_ZERO_2_0"), "DL-DE-ZERO-2.0", "http://publications.europa.eu/resource/authority/licence/DLDE_ZERO_2_0", 'open'],
  [EU("DLDE_BYNC_1_0"), "dl-de-by-nc-1.0", "http://publications.europa.eu/resource/authority/licence/DLDE_BYNC_1_0", 'not-open'],
  ["terms_open", "NonCommercialAllowed-CommercialAllowed-ReferenceNotRequired", null, 'open'],
  ["terms_by", "NonCommercialAllowed-CommercialAllowed-ReferenceRequired", null, 'open'],
  ["terms_ask", "NonCommercialAllowed-CommercialWithPermission-ReferenceNotRequired", null, 'not-open'],
  ["terms_by_ask", "NonCommercialAllowed-CommercialWithPermission-ReferenceRequired", null, 'not-open'],
  ["NonCommercialAllowed-CommercialAllowed-ReferenceNotRequired", "NonCommercialAllowed-CommercialAllowed-ReferenceNotRequired", null, 'open'],
  ["NonCommercialAllowed-CommercialAllowed-ReferenceRequired", "NonCommercialAllowed-CommercialAllowed-ReferenceRequired", null, 'open'],
  ["NonCommercialAllowed-CommercialWithPermission-ReferenceNotRequired", "NonCommercialAllowed-CommercialWithPermission-ReferenceNotRequired", null, 'not-open'],
  ["NonCommercialAllowed-CommercialWithPermission-ReferenceRequired", "NonCommercialAllowed-CommercialWithPermission-ReferenceRequired", null, 'not-open'],
  ["NonCommercialAllowed-CommercialNotAllowed-ReferenceRequired", "NonCommercialAllowed-CommercialNotAllowed-ReferenceRequired", null, 'not-open'],
  ["NonCommercialNotAllowed-CommercialNotAllowed-ReferenceNotRequired", "NonCommercialNotAllowed-CommercialNotAllowed-ReferenceNotRequired", null, 'not-open'],
  ["NonCommercialWithPermission-CommercialWithPermission-ReferenceRequired", "NonCommercialWithPermission-CommercialWithPermission-ReferenceRequired", null, 'not-open'],
  ["ClosedData", "ClosedData", null, 'not-open'],
  ["http://dcat-ap.ch/vocabulary/licenses/terms_by_ask", "NonCommercialAllowed-CommercialWithPermission-ReferenceRequired", null, 'not-open'],
  ["https://opendata.swiss/en/terms-of-use#terms_open", "NonCommercialAllowed-CommercialAllowed-ReferenceNotRequired", null, 'open'],
  ["https://opendata.swiss/de/terms-of-use#terms_by", "NonCommercialAllowed-CommercialAllowed-ReferenceRequired", null, 'open'],
  ["Open use. Must provide the source.", "NonCommercialAllowed-CommercialAllowed-ReferenceRequired", null, 'open'],
  ["ca-ogl-lgo", "OGL-Canada-2.0", null, 'open'],
  ["Open Government Licence - Canada", "OGL-Canada-2.0", null, 'open'],
  ["https://open.canada.ca/en/open-government-licence-canada", "OGL-Canada-2.0", null, 'open'],
  ["fr-lo", "fr-lo", null, 'open'],
  ["Licence Ouverte 1.0", "fr-lo", null, 'open'],
  ["https://www.etalab.gouv.fr/wp-content/uploads/2014/05/Licence_Ouverte.pdf", "fr-lo", null, 'open'],
  ["lov2", "etalab-2.0", EU("ETALAB_2_0"), 'open'],
  ["Licence Ouverte / Open Licence version 2.0", "etalab-2.0", EU("ETALAB_2_0"), 'open'],
  ["etalab-2.0", "etalab-2.0", EU("ETALAB_2_0"), 'open'],
  [EU("ETALAB_2_0"), "etalab-2.0", "http://publications.europa.eu/resource/authority/licence/ETALAB_2_0", 'open'],
  ["NLOD-2.0", "NLOD-2.0", EU("NLOD_2_0"), 'open'],
  ["https://data.norge.no/nlod/no/2.0", "NLOD-2.0", EU("NLOD_2_0"), 'open'],
  [EU("NLOD_1_0"), "NLOD-1.0", "http://publications.europa.eu/resource/authority/licence/NLOD_1_0", 'open'],
  ["uk-ogl", "OGL-UK-3.0", EU("OGL_3_0"), 'open'],
  ["OGL-UK-2.0", "OGL-UK-2.0", EU("OGL_2_0"), 'open'],
  ["https://www.nationalarchives.gov.uk/doc/open-government-licence/version/1/", "OGL-UK-1.0", EU("OGL_1_0"), 'open'],
  [EU("OGL_3_0"), "OGL-UK-3.0", "http://publications.europa.eu/resource/authority/licence/OGL_3_0", 'open'],
  [EU("OGL_NC"), "ncgl-uk-1.0", "http://publications.europa.eu/resource/authority/licence/OGL_NC", 'not-open'],
  [EU("OGL_NC_2_0"), "NCGL-UK-2.0", "http://publications.europa.eu/resource/authority/licence/OGL_NC_2_0", 'not-open'],
  ["https://creativecommons.org/licenses/by/4.0/legalcode.fr", "CC-BY-4.0", EU("CC_BY_4_0"), 'open'],
  ["https://creativecommons.org/licenses/by-sa/4.0/legalcode.de", "CC-BY-SA-4.0", EU("CC_BYSA_4_0"), 'open'],
  ["http://creativecommons.org/licenses/by-nc-nd/4.0/legalcode.nl", "CC-BY-NC-ND-4.0", EU("CC_BYNCND_4_0"), 'not-open'],
  ["https://creativecommons.org/publicdomain/zero/1.0/legalcode.es", "CC0-1.0", EU("CC0"), 'open'],
  ["https://creativecommons.org/licenses/by/3.0/de/legalcode", "CC-BY-3.0-DE", null, 'open'],
  ["https://creativecommons.org/licenses/by/3.0/at/legalcode", "CC-BY-3.0-AT", EU("CC_BY_3_0_AT"), 'open'],
  [EU("CC_BY_3_0_AT"), "CC-BY-3.0-AT", "http://publications.europa.eu/resource/authority/licence/CC_BY_3_0_AT", 'open'],
];

describe('licences of real catalogues', () => {
  it.each(VALUES)('%s → %s', (value, id, euUri, openness) => {
    const n = normaliseLicence({ raw: value });
    expect([n.kind, n.entry?.id, n.euUri ?? null, n.openness]).toEqual(['recognised', id, euUri, openness]);
  });

  it('knows every opendata.swiss combination (3 × 3 × 2 and ClosedData), open only when all use is allowed', () => {
    const swiss = licenceBase().entries.filter((e) => /^NonCommercial|^ClosedData$/.test(e.id));
    expect(swiss).toHaveLength(19);
    expect(swiss.filter((e) => e.openness === 'open').map((e) => e.id)).toEqual([
      'NonCommercialAllowed-CommercialAllowed-ReferenceRequired',
      'NonCommercialAllowed-CommercialAllowed-ReferenceNotRequired',
    ]);
    expect(normaliseLicence({ raw: 'terms_by_ask' }).opennessReason).toBe("commercial use only with the data owner's permission");
    expect(normaliseLicence({ raw: 'NonCommercialAllowed-CommercialNotAllowed-ReferenceRequired' }).opennessReason).toBe('non-commercial clause (NC)');
    expect(normaliseLicence({ raw: 'ClosedData' }).opennessReason).toBe('closed data (opendata.swiss terms of use)');
  });

  it('adds no key that two licences claim', () => {
    expect(licenceBase().collisions).toEqual([]);
  });
});

const dir = 'fixtures/rules/rights-as-terms';
const licenceFindings = async (file: string) =>
  allFindings(await lintReport([`${dir}/${file}`], { data: false }))
    .filter((f) => f.ruleId.startsWith('licence/'))
    .map((f) => ({ ...brief(f), data: f.data }));
const at = (file: string, where: Record<string, unknown>) => ({ file: `${dir}/${file}`, ...where });

describe('terms stated only as rights are judged, not reported as "no licence"', () => {
  it('opendata.swiss dct:rights: ask-first terms are not open; a dct:license IRI of the terms is a licence', async () => {
    const ttl = 'opendata-swiss.ttl';
    const subject = (s: string) => `https://opendata.swiss/perma/${s}`;
    const rights = 'http://purl.org/dc/terms/rights';
    expect(await licenceFindings(ttl)).toEqual([
      {
        ruleId: 'licence/licence-missing', messageId: 'rightsOnly', severity: 'info',
        location: at(ttl, { subject: subject('hydro-stations@bafu'), line: 8, column: 1 }),
        data: { terms: 'NonCommercialAllowed-CommercialWithPermission-ReferenceRequired' },
      },
      {
        ruleId: 'licence/licence-not-open', messageId: 'closed', severity: 'warning',
        location: at(ttl, { subject: subject('hydro-stations@bafu/csv'), predicate: rights, line: 16, column: 3 }),
        data: { owner: 'distribution "CSV" (rights statement)', licence: 'NonCommercialAllowed-CommercialWithPermission-ReferenceRequired', reason: "commercial use only with the data owner's permission" },
      },
      {
        ruleId: 'licence/licence-missing', messageId: 'rightsOnly', severity: 'info',
        location: at(ttl, { subject: subject('traffic-counts@astra'), line: 19, column: 1 }),
        data: { terms: 'https://opendata.swiss/en/terms-of-use#terms_ask' },
      },
      {
        ruleId: 'licence/licence-not-open', messageId: 'closed', severity: 'warning',
        location: at(ttl, { subject: subject('traffic-counts@astra/api'), predicate: rights, line: 26, column: 3 }),
        data: { owner: `distribution "${subject('traffic-counts@astra/api')}" (rights statement)`, licence: 'NonCommercialAllowed-CommercialWithPermission-ReferenceNotRequired', reason: "commercial use only with the data owner's permission" },
      },
      // lakes@swisstopo: dct:license terms_by (open, attribution) — nothing to say.
    ]);
  });

  it('INSPIRE harvest extras (CKAN): a licence named in the "licence" extra is the stated terms', async () => {
    const json = 'inspire-harvest.json';
    expect(await licenceFindings(json)).toEqual([
      {
        ruleId: 'licence/licence-missing', messageId: 'rightsOnly', severity: 'info',
        location: at(json, { pointer: '/license_id', line: 5, column: 3 }),
        data: { terms: 'Datenlizenz Deutschland Namensnennung 2.0' },
      },
    ]);
  });

  it('access_constraints and a resource rights URL under a non-commercial licence: not open, on each', async () => {
    const json = 'access-constraints.json';
    const nc = { licence: 'dl-de-by-nc-1.0', reason: 'non-commercial clause (NC)' };
    expect(await licenceFindings(json)).toEqual([
      {
        ruleId: 'licence/licence-missing', messageId: 'rightsOnly', severity: 'info',
        location: at(json, { pointer: '', line: 1, column: 1 }),
        data: { terms: 'Datenlizenz Deutschland – Namensnennung – nicht kommerziell – Version 1.0' },
      },
      {
        ruleId: 'licence/licence-not-open', messageId: 'nonCommercial', severity: 'warning',
        location: at(json, { pointer: '/extras/0/value', line: 6, column: 36 }),
        data: { owner: 'the dataset (rights statement)', ...nc },
      },
      {
        ruleId: 'licence/licence-not-open', messageId: 'nonCommercial', severity: 'warning',
        location: at(json, { pointer: '/resources/0/rights', line: 9, column: 83 }),
        data: { owner: 'distribution "CSV" (rights statement)', ...nc },
      },
    ]);
  });

  it('udata other-* licence with harvested dct:rights: the rights are judged (a resource under CC BY-NC)', async () => {
    const json = 'udata-other.json';
    expect(await licenceFindings(json)).toEqual([
      {
        ruleId: 'licence/licence-placeholder', messageId: 'generic', severity: 'info',
        location: at(json, { pointer: '/license', line: 11, column: 3 }),
        data: { owner: 'the dataset', value: 'other-at', openness: 'open' },
      },
      {
        ruleId: 'licence/licence-not-open', messageId: 'nonCommercial', severity: 'warning',
        location: at(json, { pointer: '/resources/0/extras/dcat', line: 30, column: 9 }),
        data: { owner: 'distribution "deliberations.csv" (rights statement)', licence: 'CC-BY-NC-4.0', reason: 'non-commercial clause (NC)' },
      },
    ]);
  });

  it('a rights statement that names no licence is no licence: still "missing"', async () => {
    const json = 'rights-statement.json';
    expect(await licenceFindings(json)).toEqual([
      { ruleId: 'licence/licence-missing', messageId: 'missing', severity: 'error', location: at(json, { pointer: '', line: 1, column: 1 }), data: undefined },
    ]);
  });
});
