import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import parseSpdx from 'spdx-expression-parse';
import { normaliseLicence, matchLicenceValue, licenceBase, canonicalId, enrichLicence, sameLicence } from '../../src/knowledge/licences.js';
import type { Licence } from '../../src/model/index.js';

const require = createRequire(import.meta.url);
const SPDX_IDS = require('spdx-license-ids') as string[];
const SPDX_DEPRECATED = require('spdx-license-ids/deprecated.json') as string[];

type Row = [value: string, entry: string | null, openness: 'open' | 'not-open' | 'unknown', kind?: string];

/**
 * Licence values as publishers write them (ids, titles, URLs in EN/FR/NL/DE), most of them seen
 * on CKAN, udata, Frictionless and DCAT-AP portals, with the licence each stands for.
 */
const TABLE: Row[] = [
  // French portals (udata ids, Etalab's Licence Ouverte)
  ['Licence Ouverte', 'etalab-2.0', 'open'],
  ['Etalab', 'etalab-2.0', 'open'],
  ['lov2', 'etalab-2.0', 'open'],
  ['fr-lo', 'fr-lo', 'open'],
  ['Licence Ouverte / Open Licence version 2.0', 'etalab-2.0', 'open'],
  ['Licence Ouverte v2.0', 'etalab-2.0', 'open'],
  ['etalab-2.0', 'etalab-2.0', 'open'],
  ['https://www.etalab.gouv.fr/licence-ouverte-open-licence', 'etalab-2.0', 'open'],
  ['https://www.etalab.gouv.fr/wp-content/uploads/2017/04/ETALAB-Licence-Ouverte-v2.0.pdf', 'etalab-2.0', 'open'],
  ['Licence Ouverte version 1.0', 'fr-lo', 'open'],
  ['Licence ouverte de base de données', 'ODbL-1.0', 'open'],
  // Creative Commons ids, codes and spellings
  ['CC-BY 4.0', 'CC-BY-4.0', 'open'],
  ['cc-by', 'CC-BY-4.0', 'open'],
  ['CC BY', 'CC-BY-4.0', 'open'],
  ['CC-BY-4.0', 'CC-BY-4.0', 'open'],
  ['cc_by_4_0', 'CC-BY-4.0', 'open'],
  ['CC BY 4', 'CC-BY-4.0', 'open'],
  ['cc-by-sa', 'CC-BY-SA-4.0', 'open'],
  ['CC BY-SA 3.0', 'CC-BY-SA-3.0', 'open'],
  ['cc-nc', 'CC-BY-NC-4.0', 'not-open'],
  ['CC BY-NC-ND 4.0', 'CC-BY-NC-ND-4.0', 'not-open'],
  ['CC-BY-ND-4.0', 'CC-BY-ND-4.0', 'not-open'],
  ['CC BY-NC-SA 3.0 DE', 'CC-BY-NC-SA-3.0-DE', 'not-open'],
  ['cc-zero', 'CC0-1.0', 'open'],
  ['CC0', 'CC0-1.0', 'open'],
  ['CC0 1.0 Universal', 'CC0-1.0', 'open'],
  // Creative Commons titles in EN, FR, NL, DE (and PT on dados.gov.br)
  ['Creative Commons Attribution', 'CC-BY-4.0', 'open'],
  ['Creative Commons Attribution 4.0 International', 'CC-BY-4.0', 'open'],
  ['Creative Commons Attribution Share-Alike 3.0', 'CC-BY-SA-3.0', 'open'],
  ['Creative Commons CCZero', 'CC0-1.0', 'open'],
  ['Creative Commons Zero v1.0 Universal', 'CC0-1.0', 'open'],
  ['Creative Commons Attribution – Partage dans les Mêmes Conditions 4.0 International', 'CC-BY-SA-4.0', 'open'],
  ['Creative Commons Attribution – Pas d’Utilisation Commerciale 4.0 International', 'CC-BY-NC-4.0', 'not-open'],
  ['Creative Commons Naamsvermelding 4.0 Internationaal', 'CC-BY-4.0', 'open'],
  ['Creative Commons Naamsvermelding-NietCommercieel-GeenAfgeleideWerken 4.0', 'CC-BY-NC-ND-4.0', 'not-open'],
  ['Creative Commons Namensnennung 4.0 International', 'CC-BY-4.0', 'open'],
  ['Creative Commons Namensnennung – Weitergabe unter gleichen Bedingungen 3.0 Deutschland', 'CC-BY-SA-3.0-DE', 'open'],
  ['Creative Commons Atribuição', 'CC-BY-4.0', 'open'],
  // Creative Commons URLs, with and without https, www, trailing slash, legalcode, deed.xx
  ['https://creativecommons.org/licenses/by/4.0/deed.fr', 'CC-BY-4.0', 'open'],
  ['http://creativecommons.org/licenses/by/3.0/', 'CC-BY-3.0', 'open'],
  ['creativecommons.org/licenses/by-sa/4.0', 'CC-BY-SA-4.0', 'open'],
  ['https://www.creativecommons.org/licenses/by-nc/4.0/legalcode.nl', 'CC-BY-NC-4.0', 'not-open'],
  ['https://creativecommons.org/licenses/by/3.0/nl/deed.nl', 'CC-BY-3.0-NL', 'open'],
  ['https://creativecommons.org/publicdomain/zero/1.0/deed.de', 'CC0-1.0', 'open'],
  ['http://creativecommons.org/publicdomain/mark/1.0/deed.nl', 'CC-PDM-1.0', 'open'],
  // Open Data Commons
  ['odc-odbl', 'ODbL-1.0', 'open'],
  ['ODbL', 'ODbL-1.0', 'open'],
  ['Open Database License (ODbL)', 'ODbL-1.0', 'open'],
  ['http://opendatacommons.org/licenses/odbl/1.0/', 'ODbL-1.0', 'open'],
  ['https://opendatacommons.org/licenses/odbl/summary/', 'ODbL-1.0', 'open'],
  ['ODC-PDDL-1.0', 'PDDL-1.0', 'open'],
  ['http://opendatacommons.org/licenses/pddl/', 'PDDL-1.0', 'open'],
  ['odc-by', 'ODC-By-1.0', 'open'],
  // UK, Canada, Germany, Norway, Italy, Flanders, the Netherlands
  ['OGL-UK-3.0', 'OGL-UK-3.0', 'open'],
  ['uk-ogl', 'OGL-UK-3.0', 'open'],
  ['Open Government Licence v3.0', 'OGL-UK-3.0', 'open'],
  ['http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/', 'OGL-UK-3.0', 'open'],
  ['ca-ogl-lgo', 'OGL-Canada-2.0', 'open'],
  ['http://open.canada.ca/en/open-government-licence-canada', 'OGL-Canada-2.0', 'open'],
  ['dl-de/by-2-0', 'DL-DE-BY-2.0', 'open'],
  ['Datenlizenz Deutschland – Namensnennung – Version 2.0', 'DL-DE-BY-2.0', 'open'],
  ['https://www.govdata.de/dl-de/zero-2-0', 'DL-DE-ZERO-2.0', 'open'],
  ['dl-de/by-nc-1-0', 'dl-de-by-nc-1.0', 'not-open'],
  ['NLOD-2.0', 'NLOD-2.0', 'open'],
  ['Italian Open Data License v2.0', 'IODL-2.0', 'open'],
  ['Modellicentie Gratis Hergebruik', 'vlaamse-modellicentie-gratis-hergebruik-1.0', 'open'],
  ['Publiek Domein', 'CC-PDM-1.0', 'open'],
  // EU licence authority table (NAL) URIs and codes
  ['http://publications.europa.eu/resource/authority/licence/CC_BY_4_0', 'CC-BY-4.0', 'open'],
  ['http://publications.europa.eu/resource/authority/licence/CC_BYNC_4_0', 'CC-BY-NC-4.0', 'not-open'],
  ['http://publications.europa.eu/resource/authority/licence/CC0', 'CC0-1.0', 'open'],
  ['http://publications.europa.eu/resource/authority/licence/ODC_BL', 'ODbL-1.0', 'open'],
  ['http://publications.europa.eu/resource/authority/licence/DLDE_BY_2_0', 'DL-DE-BY-2.0', 'open'],
  ['http://publications.europa.eu/resource/authority/licence/ETALAB_2_0', 'etalab-2.0', 'open'],
  ['https://resources.data.gov/vocab/license/TODO/CC_BYNC_4_0', 'CC-BY-NC-4.0', 'not-open'],
  // Open Definition pages (CKAN license_url) and SPDX pages
  ['http://www.opendefinition.org/licenses/cc-by', 'CC-BY-4.0', 'open'],
  ['https://spdx.org/licenses/CC-BY-SA-4.0.html', 'CC-BY-SA-4.0', 'open'],
  // CKAN register ids that declare a class of licences
  ['other-open', 'other-open', 'open', 'generic'],
  ['other-pd', 'other-pd', 'open', 'generic'],
  ['other-at', 'other-at', 'open', 'generic'],
  ['other-nc', 'other-nc', 'not-open', 'generic'],
  ['other-closed', 'other-closed', 'not-open', 'generic'],
  ['Public Domain', 'other-pd', 'open', 'generic'],
  // Not a licence at all
  ['Tous droits réservés', 'all-rights-reserved', 'not-open'],
  ['Alle rechten voorbehouden', 'all-rights-reserved', 'not-open'],
  ['Alle Rechte vorbehalten', 'all-rights-reserved', 'not-open'],
  // Software licences met on portals
  ['MIT', 'MIT', 'open'],
  ['Apache 2.0', 'Apache-2.0', 'open'],
  ['EUPL-1.2', 'EUPL-1.2', 'open'],
  // Placeholders
  ['notspecified', null, 'unknown', 'placeholder'],
  ['License not specified', null, 'unknown', 'placeholder'],
  ['Licence non spécifiée', null, 'unknown', 'placeholder'],
  ['unknown-license', null, 'unknown', 'placeholder'],
  ['https://project-open-data.cio.gov/unknown-license/', null, 'unknown', 'placeholder'],
  ['see website', null, 'unknown', 'placeholder'],
  ['Voir le site du producteur', null, 'unknown', 'placeholder'],
  ['Zie website', null, 'unknown', 'placeholder'],
  ['other', null, 'unknown', 'placeholder'],
  ['<p>Voir les conditions sur notre site</p>', null, 'unknown', 'placeholder'],
  // Not recognised
  ['Twitter Developer Agreement', null, 'unknown', 'unknown'],
  ['https://developer.twitter.com/en/developer-terms/agreement', null, 'unknown', 'unknown'],
  ['Creative Commons', null, 'unknown', 'unknown'],
];

describe('normaliseLicence: real-world licence values', () => {
  it('has a table of at least 60 values', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
  });

  it.each(TABLE)('%s → %s (%s)', (value, entry, openness, kind = 'recognised') => {
    const n = normaliseLicence({ raw: value });
    expect({ entry: n.entry?.id ?? null, openness: n.openness, kind: n.kind }).toEqual({ entry, openness, kind });
  });
});

describe('normaliseLicence: what else it tells', () => {
  it('fills the SPDX id, CKAN id and EU URI of a licence', () => {
    const n = normaliseLicence({ raw: 'cc-by' });
    expect({ spdx: n.spdx, ckanId: n.ckanId, euUri: n.euUri, hvd: n.hvd, exact: n.exact, versionless: n.versionless }).toEqual({
      spdx: 'CC-BY-4.0',
      ckanId: 'cc-by',
      euUri: 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0',
      hvd: true,
      exact: true,
      versionless: true,
    });
  });

  it('says which clause makes a licence not open', () => {
    expect(normaliseLicence({ raw: 'CC-BY-NC-4.0' }).opennessReason).toBe('non-commercial clause (NC)');
    expect(normaliseLicence({ raw: 'CC-BY-ND-4.0' }).opennessReason).toBe('no-derivatives clause (ND)');
    expect(normaliseLicence({ raw: 'CC-BY-NC-ND-3.0' }).opennessReason).toBe('non-commercial (NC) and no-derivatives (ND) clauses');
    expect(normaliseLicence({ raw: 'other-closed' }).opennessReason).toBe('declared not open by the publisher');
  });

  it('suggests the nearest licence for a typo', () => {
    expect(normaliseLicence({ raw: 'odc-odbll' })).toMatchObject({ kind: 'unknown', suggestion: 'ODbL-1.0' });
    expect(normaliseLicence({ raw: 'Licence Ouvert' })).toMatchObject({ kind: 'unknown', suggestion: 'etalab-2.0' });
    expect(normaliseLicence({ raw: 'OGL-UK-3' })).toMatchObject({ kind: 'recognised', entry: { id: 'OGL-UK-3.0' } });
    expect(normaliseLicence({ raw: 'Twitter Developer Agreement' }).suggestion).toBeUndefined();
  });

  it('reads SPDX expressions, whatever their case, and rates them', () => {
    const or = normaliseLicence({ raw: 'CC-BY-4.0 OR MIT' });
    expect({ kind: or.kind, spdx: or.spdx, openness: or.openness, exact: or.exact, entries: or.entries?.map((e) => e.id) }).toEqual({
      kind: 'expression',
      spdx: 'CC-BY-4.0 OR MIT',
      openness: 'open',
      exact: true,
      entries: ['CC-BY-4.0', 'MIT'],
    });
    // Choosing between an open and a closed licence: the reuser may take the open one.
    expect(normaliseLicence({ raw: 'cc-by-nc-4.0 or odbl' })).toMatchObject({ spdx: 'CC-BY-NC-4.0 OR ODbL-1.0', openness: 'open', exact: false });
    // Both apply: the closed one binds.
    expect(normaliseLicence({ raw: '(CC-BY-4.0 AND CC-BY-NC-4.0)' })).toMatchObject({ openness: 'not-open', opennessReason: 'CC-BY-NC-4.0: non-commercial clause (NC)' });
  });

  it('reads deprecated SPDX ids as the licence SPDX now names', () => {
    expect(normaliseLicence({ raw: 'GPL-3.0' })).toMatchObject({ entry: { id: 'GPL-3.0-only' }, deprecated: [{ id: 'GPL-3.0', replacement: 'GPL-3.0-only' }] });
    expect(normaliseLicence({ raw: 'GPL-2.0+' })).toMatchObject({ entry: { id: 'GPL-2.0-or-later' }, deprecated: [{ id: 'GPL-2.0+', replacement: 'GPL-2.0-or-later' }] });
    expect(normaliseLicence({ raw: 'GFDL-1.3 OR CC-BY-SA-4.0' })).toMatchObject({ spdx: 'GFDL-1.3-only OR CC-BY-SA-4.0', deprecated: [{ id: 'GFDL-1.3', replacement: 'GFDL-1.3-only' }] });
  });

  it('finds the licence in an HTML fragment or free text', () => {
    const html = normaliseLicence({ raw: '<a href="https://creativecommons.org/licenses/by/4.0/">CC BY</a>' });
    expect({ entry: html.entry?.id, by: html.by, exact: html.exact }).toEqual({ entry: 'CC-BY-4.0', by: 'html', exact: false });
    const text = normaliseLicence({ raw: 'See https://creativecommons.org/licenses/by-sa/4.0/ for the terms' });
    expect({ entry: text.entry?.id, by: text.by }).toEqual({ entry: 'CC-BY-SA-4.0', by: 'text' });
  });

  it('prefers the most specific of the id, URL and title', () => {
    // CKAN: license_id is a generic class, the URL names the licence.
    const n = normaliseLicence({ raw: 'other-at', url: 'https://creativecommons.org/licenses/by/4.0/' });
    expect({ from: n.from, entry: n.entry?.id, raw: n.parts.raw.entry?.id }).toEqual({ from: 'url', entry: 'CC-BY-4.0', raw: 'other-at' });
    // Frictionless licence with a title and a path but no name.
    const t = normaliseLicence({ raw: 'Creative Commons Attribution Share-Alike 3.0', title: 'Creative Commons Attribution Share-Alike 3.0', url: 'https://creativecommons.org/licenses/by-sa/3.0/' });
    expect(t.entry?.id).toBe('CC-BY-SA-3.0');
  });

  it('treats a version-less reference as agreeing with any version of its family', () => {
    const cc = normaliseLicence({ raw: 'cc-by' });
    expect(sameLicence(cc, matchLicenceValue('http://creativecommons.org/licenses/by/3.0/'))).toBe(true);
    expect(sameLicence(cc, matchLicenceValue('http://creativecommons.org/licenses/by-sa/4.0/'))).toBe(false);
    expect(sameLicence(matchLicenceValue('CC-BY-4.0'), matchLicenceValue('CC-BY-3.0'))).toBe(false);
  });

  it('enriches a model licence', () => {
    const l: Licence = { raw: 'lov2' };
    enrichLicence(l);
    expect(l).toEqual({
      raw: 'lov2',
      spdx: 'etalab-2.0',
      euUri: 'http://publications.europa.eu/resource/authority/licence/ETALAB_2_0',
      openness: 'open',
      opennessReason: 'open licence (Open Definition)',
    });
    const p: Licence = { raw: 'notspecified', title: 'License not specified' };
    enrichLicence(p);
    expect(p).toEqual({ raw: 'notspecified', title: 'License not specified', openness: 'unknown', opennessReason: 'placeholder: no licence is named' });
  });
});

describe('normaliseLicence: answers remembered per licence object', () => {
  it('gives the same answer object for the same licence, and reads a changed value again', () => {
    const licence: Licence = { raw: 'cc-by' };
    const first = normaliseLicence(licence);
    expect(normaliseLicence(licence)).toBe(first);
    expect(first.spdx).toBe('CC-BY-4.0');
    licence.raw = 'cc-nc';
    expect(normaliseLicence(licence).openness).toBe('not-open');
    const unnamed: Licence = { raw: 'notspecified' };
    expect(normaliseLicence(unnamed).spdx).toBeUndefined();
    unnamed.url = 'https://creativecommons.org/publicdomain/zero/1.0/';
    expect(normaliseLicence(unnamed).spdx).toBe('CC0-1.0');
  });
});

describe('the knowledge base', () => {
  const kb = licenceBase();

  it('has no key claimed by two licences', () => {
    expect(kb.collisions).toEqual([]);
  });

  it('uses only current SPDX ids, and knows every one of them', () => {
    const spdx = new Set(SPDX_IDS);
    expect(kb.entries.filter((e) => e.spdx && !spdx.has(e.spdx)).map((e) => e.id)).toEqual([]);
    expect(SPDX_IDS.filter((id) => normaliseLicence({ raw: id }).spdx !== id)).toEqual([]);
  });

  it('has a replacement for every deprecated SPDX id, itself a valid SPDX expression', () => {
    expect([...kb.deprecated.keys()].sort()).toEqual([...SPDX_DEPRECATED].sort());
    for (const replacement of kb.deprecated.values()) expect(() => parseSpdx(replacement)).not.toThrow();
  });

  it('derives every Creative Commons licence of the SPDX list from its clauses', () => {
    const cc = kb.entries.filter((e) => /^CC-(BY|SA|NC|ND)/.test(e.id));
    expect(cc.length).toBe(SPDX_IDS.filter((id) => /^CC-(BY|SA|NC|ND)/.test(id)).length);
    expect(cc.filter((e) => e.openness === 'open').every((e) => !e.terms.includes('non-commercial') && !e.terms.includes('no-derivatives'))).toBe(true);
    expect(kb.byId.get('CC-BY-NC-SA-4.0')).toMatchObject({ openness: 'not-open', terms: ['attribution', 'non-commercial', 'share-alike'], hvd: false });
    expect(kb.entries.filter((e) => e.hvd && /^CC-/.test(e.id)).map((e) => e.id)).toEqual(['CC-PDM-1.0', 'CC-BY-4.0']);
  });

  it('describes every licence it lists (title, openness, HVD eligibility)', () => {
    const described = kb.entries.filter((e) => e.openness !== 'unknown');
    expect(described.length).toBeGreaterThan(90);
    for (const e of described) {
      expect(e.title, e.id).not.toBe('');
      if (e.terms.includes('non-commercial') || e.terms.includes('no-derivatives')) expect(e.openness, e.id).toBe('not-open');
      if (e.hvd) expect([e.openness, e.terms.filter((t) => t !== 'attribution')], e.id).toEqual(['open', []]);
      expect(canonicalId(e)).toBe(e.spdx ?? e.id);
    }
  });
});
