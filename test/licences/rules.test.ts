import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { lintReport, allFindings, brief } from '../helpers/lint.js';
import { lint } from '../../src/engine/lint.js';
import { loadBuiltinRules } from '../../src/engine/registry.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { ROOT } from '../helpers/lint.js';

const dir = 'fixtures/rules';

/** Findings of one rule (rule, message id, severity, location and data) on some inputs. */
async function findings(ruleId: string, inputs: string[], presets?: string[]) {
  const report = await lintReport(inputs, { data: false, ...(presets ? { presets } : {}) });
  return allFindings(report, ruleId).map((f) => ({ ...brief(f), data: f.data }));
}

/** One expected finding of `ruleId`. */
const at = (ruleId: string) => (messageId: string, severity: string, file: string, pointer: string, line: number, column: number, data: Record<string, string>) => ({
  ruleId,
  messageId,
  severity,
  location: { file: `${dir}/${file}`, pointer, line, column },
  data,
});

describe('licence/licence-not-recognised', () => {
  const f = at('licence/licence-not-recognised');
  it('reports free-text licences, and suggests the nearest licence for a typo', async () => {
    expect(await findings('licence/licence-not-recognised', [`${dir}/licence-not-recognised`])).toEqual([
      f('notRecognised', 'warning', 'licence-not-recognised/dataset.yaml', '/licence', 7, 1, {
        owner: 'the dataset',
        value: 'Conditions générales de réutilisation de la Ville',
      }),
      f('didYouMean', 'warning', 'licence-not-recognised/typo.json', '/license_id', 5, 3, { owner: 'the dataset', value: 'odc-odbll', suggestion: 'ODbL-1.0' }),
    ]);
  });
});

describe('licence/licence-placeholder', () => {
  const f = at('licence/licence-placeholder');
  it('reports placeholders, empty HTML and unknown-licence URLs; generic CKAN ids as information', async () => {
    expect(await findings('licence/licence-placeholder', [`${dir}/licence-placeholder`])).toEqual([
      f('html', 'error', 'licence-placeholder/html.yaml', '/licence', 7, 1, {
        owner: 'the dataset',
        value: `<p>Voir les <a href="/conditions-d-utilisation">conditions d'utilisation</a></p>`,
      }),
      f('placeholder', 'error', 'licence-placeholder/notspecified.json', '/license_id', 5, 3, { owner: 'the dataset', value: 'notspecified' }),
      f('generic', 'info', 'licence-placeholder/other-open.json', '/license_id', 5, 3, { owner: 'the dataset', value: 'other-open', openness: 'open' }),
      f('url', 'error', 'licence-placeholder/unknown-url/datapackage.json', '/licenses/0/path', 5, 18, {
        owner: 'the dataset',
        value: 'https://project-open-data.cio.gov/unknown-license/',
      }),
    ]);
  });
});

describe('licence/licence-not-open', () => {
  const f = at('licence/licence-not-open');
  it('says which clause closes the licence', async () => {
    expect(await findings('licence/licence-not-open', [`${dir}/licence-not-open`])).toEqual([
      f('nonCommercial', 'warning', 'licence-not-open/cc-nc.json', '/license_id', 5, 3, { owner: 'the dataset', licence: 'CC-BY-NC-4.0', reason: 'non-commercial clause (NC)' }),
      f('nonCommercialNoDerivatives', 'warning', 'licence-not-open/dataset.yaml', '/licence', 7, 1, {
        owner: 'the dataset',
        licence: 'CC-BY-NC-ND-4.0',
        reason: 'non-commercial (NC) and no-derivatives (ND) clauses',
      }),
      f('noDerivatives', 'warning', 'licence-not-open/dataset.yaml', '/distributions/0/licence', 12, 5, {
        owner: 'distribution "Permits (CSV)"',
        licence: 'CC-BY-ND-4.0',
        reason: 'no-derivatives clause (ND)',
      }),
      f('closed', 'warning', 'licence-not-open/dataset.yaml', '/distributions/1/licence', 16, 5, {
        owner: 'distribution "Plans (PDF)"',
        licence: 'all-rights-reserved',
        reason: 'all rights reserved',
      }),
    ]);
  });

  it('is an error under the luxembourg preset', async () => {
    const [first] = await findings('licence/licence-not-open', [`${dir}/licence-not-open/cc-nc.json`], ['luxembourg']);
    expect(first?.severity).toBe('error');
  });
});

describe('licence/distribution-licence-conflict', () => {
  const f = at('licence/distribution-licence-conflict');
  it('reports distributions under another licence, not the same licence in other words', async () => {
    expect(await findings('licence/distribution-licence-conflict', [`${dir}/distribution-licence-conflict`])).toEqual([
      f('conflict', 'warning', 'distribution-licence-conflict/dataset.yaml', '/distributions/0/licence', 12, 5, {
        owner: 'distribution "Addresses (CSV)"',
        distributionLicence: 'ODbL-1.0',
        datasetLicence: 'CC-BY-4.0',
      }),
      // "cc-by" (no version) on the GeoJSON agrees with CC-BY-4.0; the 2019 file is under CC BY 3.0.
      f('conflict', 'warning', 'distribution-licence-conflict/dataset.yaml', '/distributions/2/licence', 20, 5, {
        owner: 'distribution "Addresses 2019 (CSV)"',
        distributionLicence: 'CC-BY-3.0',
        datasetLicence: 'CC-BY-4.0',
      }),
    ]);
  });
});

describe('licence/deprecated-spdx-id', () => {
  const f = at('licence/deprecated-spdx-id');
  it('reports deprecated SPDX ids, alone or in an expression, with their replacement', async () => {
    expect(await findings('licence/deprecated-spdx-id', [`${dir}/deprecated-spdx-id`])).toEqual([
      f('deprecated', 'warning', 'deprecated-spdx-id/dataset.yaml', '/licence', 7, 1, { owner: 'the dataset', id: 'GPL-3.0', replacement: 'GPL-3.0-only' }),
      f('deprecated', 'warning', 'deprecated-spdx-id/dataset.yaml', '/distributions/0/licence', 12, 5, {
        owner: 'distribution "Reference tables"',
        id: 'GFDL-1.3',
        replacement: 'GFDL-1.3-only',
      }),
    ]);
  });
});

describe('licence/licence-url-id-mismatch', () => {
  const f = at('licence/licence-url-id-mismatch');
  it('reports an id and a URL naming different licences (a version-less id agrees with any version)', async () => {
    expect(await findings('licence/licence-url-id-mismatch', [`${dir}/licence-url-id-mismatch`])).toEqual([
      f('mismatch', 'warning', 'licence-url-id-mismatch/frictionless/datapackage.json', '/licenses/0/name', 5, 18, {
        owner: 'the dataset',
        id: 'CC0-1.0',
        idLicence: 'CC0-1.0',
        url: 'https://opendatacommons.org/licenses/odbl/1-0/',
        urlLicence: 'ODbL-1.0',
      }),
      f('mismatch', 'warning', 'licence-url-id-mismatch/package.json', '/license_id', 5, 3, {
        owner: 'the dataset',
        id: 'cc-by',
        idLicence: 'CC-BY-4.0',
        url: 'https://creativecommons.org/licenses/by-sa/4.0/',
        urlLicence: 'CC-BY-SA-4.0',
      }),
    ]);
  });
});

describe('licence/hvd-licence', () => {
  const f = at('licence/hvd-licence');
  it('checks datasets that declare the HVD regulation or an HVD category', async () => {
    expect(await findings('licence/hvd-licence', [`${dir}/hvd-licence`])).toEqual([
      f('notEligible', 'error', 'hvd-licence/declared.yaml', '/licence', 7, 1, { owner: 'the dataset', licence: 'ODbL-1.0', reason: 'share-alike clause' }),
      f('unverifiable', 'error', 'hvd-licence/declared.yaml', '/distributions/1/licence', 16, 5, { owner: 'distribution "Companies API"', value: 'see website' }),
    ]);
  });

  it('treats every dataset as HVD under the hvd preset', async () => {
    expect(await findings('licence/hvd-licence', [`${dir}/hvd-licence/plain.yaml`])).toEqual([]);
    expect(await findings('licence/hvd-licence', [`${dir}/hvd-licence/plain.yaml`], ['hvd'])).toEqual([
      f('notEligible', 'error', 'hvd-licence/plain.yaml', '/licence', 7, 1, { owner: 'the dataset', licence: 'CC-BY-SA-4.0', reason: 'share-alike clause' }),
    ]);
  });
});

describe('licence/ckan-isopen-mismatch', () => {
  it('reports an isopen flag that contradicts the licence, both ways', async () => {
    const inputs = [`${dir}/ckan-isopen-mismatch`, 'fixtures/corpus/ckan/ckanext-canada__obd_sample.json', 'fixtures/ckan/good'];
    expect(await findings('licence/ckan-isopen-mismatch', inputs)).toEqual([
      at('licence/ckan-isopen-mismatch')('flaggedOpen', 'warning', 'ckan-isopen-mismatch/open-flag.json', '/isopen', 7, 3, {
        licence: 'CC-BY-NC-4.0',
        reason: 'non-commercial clause (NC)',
      }),
      {
        ruleId: 'licence/ckan-isopen-mismatch',
        messageId: 'flaggedClosed',
        severity: 'warning',
        // open.canada.ca: ca-ogl-lgo is open, yet the sample says isopen: false.
        location: { file: 'fixtures/corpus/ckan/ckanext-canada__obd_sample.json', pointer: '/isopen', line: 20, column: 3 },
        data: { licence: 'OGL-Canada-2.0', reason: 'open licence (Open Definition)' },
      },
    ]);
  });
});

describe('licence/licence-not-canonical', () => {
  const f = at('licence/licence-not-canonical');
  it('reports recognised licences not written as their identifier', async () => {
    expect(await findings('licence/licence-not-canonical', [`${dir}/licence-not-canonical`])).toEqual([
      f('notCanonical', 'info', 'licence-not-canonical/dataset.yaml', '/licence', 7, 1, { owner: 'the dataset', value: 'CC-BY 4.0', canonical: 'CC-BY-4.0' }),
      f('versionless', 'info', 'licence-not-canonical/dataset.yaml', '/distributions/0/licence', 12, 5, {
        owner: 'distribution "Paths (GeoJSON)"',
        value: 'Licence Ouverte',
        canonical: 'etalab-2.0',
      }),
      f('embedded', 'info', 'licence-not-canonical/dataset.yaml', '/distributions/1/licence', 16, 5, {
        owner: 'distribution "Paths (CSV)"',
        value: '<a href="https://opendatacommons.org/licenses/odbl/1-0/">ODbL</a>',
        canonical: 'ODbL-1.0',
      }),
    ]);
  });

  it('offers a fix only for the unambiguous rewrite, and never puts it in the report', async () => {
    const rules = await loadBuiltinRules();
    const config = resolveConfig(rules, { cwd: ROOT, noDiscovery: true });
    const result = await lint({ inputs: [`${dir}/licence-not-canonical`], config, cwd: ROOT, data: false, online: false });
    const fixes = result.datasets.flatMap((d) => d.findings).filter((x) => x.fix).map((x) => ({ ruleId: x.ruleId, fix: x.fix }));
    expect(fixes).toEqual([
      {
        ruleId: 'licence/licence-not-canonical',
        fix: { file: path.join(ROOT, dir, 'licence-not-canonical/dataset.yaml'), pointer: '/licence', from: 'CC-BY 4.0', to: 'CC-BY-4.0' },
      },
    ]);
    const report = await lintReport([`${dir}/licence-not-canonical`], { data: false });
    expect(JSON.stringify(report)).not.toContain('"fix"');
  });

  it('offers no fix outside odlint dataset.yaml', async () => {
    const rules = await loadBuiltinRules();
    const config = resolveConfig(rules, { cwd: ROOT, noDiscovery: true });
    const result = await lint({ inputs: ['fixtures/corpus/frictionless/fd-examples__iso-639-1-language-codes'], config, cwd: ROOT, data: false, online: false });
    const found = result.datasets.flatMap((d) => d.findings).filter((x) => x.ruleId === 'licence/licence-not-canonical');
    expect(found.map((x) => [x.messageId, x.fix])).toEqual([['notCanonical', undefined]]);
  });
});

describe('licence/licence-not-preferred', () => {
  const f = at('licence/licence-not-preferred');
  it('is silent without a portal preset', async () => {
    expect(await findings('licence/licence-not-preferred', [`${dir}/licence-not-preferred`])).toEqual([]);
  });

  it('luxembourg: prefers CC0', async () => {
    expect(await findings('licence/licence-not-preferred', [`${dir}/licence-not-preferred/cc-by.yaml`], ['luxembourg'])).toEqual([
      f('notPreferred', 'info', 'licence-not-preferred/cc-by.yaml', '/licence', 6, 1, { owner: 'the dataset', licence: 'CC-BY-4.0', preferred: 'CC0-1.0' }),
    ]);
  });

  it('france: Licence Ouverte 2.0 and ODbL (décret 2017-638), not Licence Ouverte 1.0', async () => {
    const preferred = 'etalab-2.0, ODbL-1.0, Apache-2.0, BSD-2-Clause and 14 more';
    expect(await findings('licence/licence-not-preferred', [`${dir}/licence-not-preferred`], ['france'])).toEqual([
      f('notPreferred', 'warning', 'licence-not-preferred/cc-by.yaml', '/licence', 6, 1, { owner: 'the dataset', licence: 'CC-BY-4.0', preferred }),
      f('notPreferred', 'warning', 'licence-not-preferred/lo1.yaml', '/licence', 6, 1, { owner: 'the dataset', licence: 'fr-lo', preferred }),
    ]);
  });
});
