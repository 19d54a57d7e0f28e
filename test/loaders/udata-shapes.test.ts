import fs from 'node:fs';
import { describe, it, expect } from 'vitest';
import { udataLoader } from '../../src/loaders/udata.js';
import { scoreDataset } from '../../src/score/index.js';
import { lintReport, brief } from '../helpers/lint.js';
import { fixture, lineOf, loadFixture, parseText, scores } from './helpers.js';

describe('udata export: every dataset with its resources and organisation', () => {
  it('fixtures/corpus/udata/udata__results.json: the 15 datasets, each with the resources and organisation beside it', () => {
    const raw = JSON.parse(fs.readFileSync(fixture('corpus/udata/udata__results.json'), 'utf8')) as {
      datasets: { dataset: { id: string }; organization: { name: string } | null; resources: unknown[] }[];
    };
    const { result } = loadFixture(udataLoader, 'corpus/udata/udata__results.json');
    expect(result.issues).toEqual([]);
    expect(result.datasets).toHaveLength(15);
    result.datasets.forEach((ds, i) => {
      const entry = raw.datasets[i]!;
      expect(ds.id).toBe(entry.dataset.id);
      expect(ds.at.pointer).toBe(`/datasets/${i}/dataset`);
      expect(ds.publisher?.name).toBe(entry.organization!.name);
      expect(ds.locations.publisher?.pointer).toBe(`/datasets/${i}/organization`);
      expect(ds.distributions.map((d) => d.at.pointer)).toEqual(entry.resources.map((_, j) => `/datasets/${i}/resources/${j}`));
      expect(ds.distributionsNotIncluded).toBeUndefined();
    });
  });

  it('the same export as a bare list (fixtures/udata/shapes/export-list.json): 3 datasets', () => {
    const { doc, result } = loadFixture(udataLoader, 'udata/shapes/export-list.json');
    expect(scores(doc)).toEqual({ odlint: 0, frictionless: 0, ckan: 0, udata: 0.95, 'dcat-us': 0 });
    expect(result.issues).toEqual([]);
    expect(result.datasets.map((d) => [d.id, d.at.pointer, d.publisher?.name, d.distributions.length])).toEqual([
      ['5fbcdc30658eea9e55782183', '/0/dataset', "Ministère de l'Agriculture et de l'Alimentation", 2],
      ['6065c5cd9f89bfd828bcbf5c', '/1/dataset', 'data.gouv.fr', 1],
      ['6164085521df2138379e8854', '/2/dataset', 'Mairie de Montluel (IRVE)', 1],
    ]);
    expect(result.datasets.map((d) => lineOf(doc, d.at.pointer))).toEqual([419, 631, 967]);
    expect(result.datasets[1]!.title).toEqual({ '': 'Nombre de personnes rickrollées sur data.gouv.fr' });
    expect(result.datasets[1]!.distributions[0]!.at.pointer).toBe('/1/resources/0');
  });
});

describe('udata API v2: resources linked, not included', () => {
  const V2_HREF = 'https://www.data.gouv.fr/api/2/datasets/5de8f397634f4164071119c5/resources/?page=1&page_size=50';

  it('api-v2-dataset.json: one dataset whose 129 resources are known to exist but not given', () => {
    const { doc, result } = loadFixture(udataLoader, 'udata/shapes/api-v2-dataset.json');
    expect(scores(doc)).toEqual({ odlint: 0, frictionless: 0, ckan: 0, udata: 0.95, 'dcat-us': 0 });
    expect(result.datasets).toHaveLength(1);
    const ds = result.datasets[0]!;
    expect(ds.distributions).toEqual([]);
    expect(ds.distributionsNotIncluded).toEqual({ href: V2_HREF, total: 129 });
    expect(ds.locations.distributions?.pointer).toBe('/resources');
    expect(result.issues).toEqual([
      {
        ruleId: 'core/distributions-not-included',
        messageId: 'linked',
        data: { count: 'its 129 resources', href: V2_HREF },
        location: { file: fixture('udata/shapes/api-v2-dataset.json'), pointer: '/resources' },
        dataset: ds,
      },
    ]);
    // The community resources link is not the dataset's distributions: kept as written.
    expect(ds.extras.community_resources).toMatchObject({ rel: 'subsection', total: 0 });
  });

  it('api-v2-search.json: a search page of 2 datasets, one finding each', () => {
    const { result } = loadFixture(udataLoader, 'udata/shapes/api-v2-search.json');
    expect(result.datasets.map((d) => [d.id, d.at.pointer, d.distributionsNotIncluded?.total])).toEqual([
      ['5ff5e6e99724cb8fff59a5be', '/data/0', 22],
      ['5fa9901b0d72fc70afa686ec', '/data/1', 3],
    ]);
    expect(result.issues.map((i) => [i.ruleId, i.location.pointer, i.data?.count, i.dataset === result.datasets[Number(i.location.pointer!.split('/')[2])]])).toEqual([
      ['core/distributions-not-included', '/data/0/resources', 'its 22 resources', true],
      ['core/distributions-not-included', '/data/1/resources', 'its 3 resources', true],
    ]);
  });

  it('a link without total or href is still a link; a link object with neither is not', () => {
    const link = udataLoader.load(parseText('udata/v2-link.json', JSON.stringify({ slug: 's', metrics: {}, resources: { rel: 'subsection', href: 'https://x.example/r/' } })));
    expect(link.datasets[0]!.distributionsNotIncluded).toEqual({ href: 'https://x.example/r/' });
    expect(link.issues[0]!.data).toEqual({ count: 'its resources', href: 'https://x.example/r/' });
    const odd = udataLoader.load(parseText('udata/v2-odd.json', JSON.stringify({ slug: 's', metrics: {}, resources: { rel: 'subsection' } })));
    expect(odd.datasets[0]!.distributionsNotIncluded).toBeUndefined();
    expect(odd.issues).toEqual([]);
  });

  it('the lint run: an info at the link, no "no distribution", scores that need resources left unscored', async () => {
    const report = await lintReport(['fixtures/udata/shapes/api-v2-dataset.json'], { data: false });
    expect(report.datasets).toHaveLength(1);
    const d = report.datasets[0]!;
    expect(d.findings.map(brief)).toEqual([
      { ruleId: 'metadata/contact-point-missing', messageId: 'missing', severity: 'warning', location: { file: 'fixtures/udata/shapes/api-v2-dataset.json', pointer: '', line: 1, column: 1 } },
      { ruleId: 'core/distributions-not-included', messageId: 'linked', severity: 'info', location: { file: 'fixtures/udata/shapes/api-v2-dataset.json', pointer: '/resources', line: 99, column: 3 } },
    ]);
    expect(d.findings[1]!.message).toBe(`its 129 resources are not included in this descriptor, only linked (${V2_HREF}): distributions were not checked`);
    expect(d.score?.stars).toBeUndefined();
    expect(d.score?.starsReason).toBe('resources not included in the descriptor (only linked)');
    expect(d.score?.udata).toBeUndefined();
    expect(d.score?.udataCriteria?.has_resources).toBe(true);
    expect(d.score?.mqa?.dimensions.accessibility).toEqual({ points: 0, max: 100, indicators: { accessUrlReachable: 'not checked', downloadUrl: 'not checked', downloadUrlReachable: 'not checked' } });
    expect(d.score?.mqa?.dimensions.interoperability?.indicators.dcatApCompliance).toBe('not checked');
    // Every distribution indicator but issued/modified, which fall back to the dataset's dates.
    expect(d.score?.mqa?.notChecked).toHaveLength(13);
    expect(d.score?.mqa?.dimensions.contextuality?.indicators).toEqual({ rights: 'not checked', byteSize: 'not checked', issued: 5, modified: 5 });
  });

  it('the HTML scorecard says which datasets only link to their distributions', async () => {
    const { loadFormatter } = await import('../../src/reporters/index.js');
    const { loadBuiltinRules } = await import('../../src/engine/registry.js');
    const rules = new Map([...(await loadBuiltinRules())].map(([id, r]) => [id, r.meta]));
    const html = await loadFormatter('html');
    const linked = await lintReport(['fixtures/udata/shapes/api-v2-search.json', 'fixtures/udata/shapes/export-list.json'], { data: false });
    const out = await html!.format(linked, { color: false, quiet: false, rules, cwd: process.cwd() });
    expect(out).toContain('2 dataset(s) only link to their distributions (udata API v2)');
    const included = await lintReport(['fixtures/udata/shapes/export-list.json'], { data: false });
    expect(await html!.format(included, { color: false, quiet: false, rules, cwd: process.cwd() })).not.toContain('only link to their distributions');
  });

  it('the same dataset with an empty resource list is reported and scored as having none', () => {
    const doc = parseText('udata/v1-empty.json', JSON.stringify({ slug: 's', metrics: {}, title: 'T', resources: [] }));
    const { datasets, issues } = udataLoader.load(doc);
    expect(issues).toEqual([]);
    expect(datasets[0]!.distributionsNotIncluded).toBeUndefined();
    const score = scoreDataset(datasets[0]!, []);
    expect([score.stars, score.starsReason, typeof score.udata]).toEqual([0, 'no resource', 'number']);
    expect(score.mqa?.dimensions.accessibility?.points).toBe(0);
    expect(score.mqa?.notChecked).toEqual([]);
  });
});
