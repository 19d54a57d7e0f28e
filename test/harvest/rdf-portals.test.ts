import { describe, it, expect, afterEach } from 'vitest';
import { cswPortal, fixture, hydraJsonLdPortal, hydraTurtlePortal, startReplay, type Replay } from '../helpers/replay-server.js';
import { harvestErrors, lintPortal } from './harvest-helpers.js';

let replay: Replay | undefined;
afterEach(async () => {
  await replay?.close();
  replay = undefined;
});

describe('harvesting DCAT-US', () => {
  it('reads a data.json as one document and lints every dataset', { timeout: 30_000 }, async () => {
    const doc = fixture('corpus', 'dcat-us', 'ckanext-datajson__usda.gov.data.json');
    replay = await startReplay((url) => (url.pathname === '/data.json' ? { body: doc } : undefined));
    const { report } = await lintPortal([`${replay.base}/data.json`]);
    const expected = (JSON.parse(doc) as { dataset: { title: string }[] }).dataset.map((d) => d.title);
    expect(report.datasets.map((d) => d.title)).toEqual(expected);
    expect(report.datasets.every((d) => d.source.format === 'dcat-us' && d.source.file === `${replay!.base}/data.json`)).toBe(true);
    expect(harvestErrors(report)).toEqual([]);
    expect(replay.requests).toEqual(['/data.json']);
  });
});

describe('harvesting DCAT-AP catalogues', () => {
  it('follows hydra:nextPage through a Turtle catalogue paged as ckanext-dcat pages it', { timeout: 60_000 }, async () => {
    replay = await startReplay(hydraTurtlePortal(() => replay!.base, 25, 10));
    const { report } = await lintPortal([`${replay.base}/catalog.ttl?page=1`]);
    expect(report.datasets.map((d) => d.source.format)).toEqual(Array(25).fill('dcat-ap'));
    expect(new Set(report.datasets.map((d) => d.id)).size).toBe(25);
    expect(harvestErrors(report)).toEqual([]);
    expect(replay.requests).toEqual(['/catalog.ttl?page=1', '/catalog.ttl?page=2', '/catalog.ttl?page=3']);
    // Findings are located in the page, by subject and line.
    expect(report.datasets[12]!.source.file).toBe(`${replay.base}/catalog.ttl?page=2`);
  });

  it('follows hydra:next of a PartialCollectionView in JSON-LD', { timeout: 60_000 }, async () => {
    replay = await startReplay(hydraJsonLdPortal(() => replay!.base, 7, 3));
    const { report } = await lintPortal([`${replay.base}/datasets?page=1`]);
    expect(report.datasets.map((d) => d.title)).toEqual(Array.from({ length: 7 }, (_, i) => `Dataset ${i}`));
    expect(harvestErrors(report)).toEqual([]);
    expect(replay.requests).toEqual(['/datasets?page=1', '/datasets?page=2', '/datasets?page=3']);
  });

  it('pages a CSW GetRecords endpoint with startPosition (GeoDCAT-AP records)', { timeout: 60_000 }, async () => {
    replay = await startReplay(cswPortal(45));
    const { report } = await lintPortal([`${replay.base}/geonetwork/srv/eng/csw`], { pageSize: 20 });
    expect(report.datasets).toHaveLength(45);
    expect(new Set(report.datasets.map((d) => d.id)).size).toBe(45);
    expect(harvestErrors(report)).toEqual([]);
    const query = (start: number) =>
      `/geonetwork/srv/eng/csw?service=CSW&version=2.0.2&request=GetRecords&typeNames=csw%3ARecord&resultType=results&elementSetName=full&outputSchema=http%3A%2F%2Fwww.w3.org%2Fns%2Fdcat%23&startPosition=${start}&maxRecords=20`;
    expect([...replay.requests].sort()).toEqual([1, 21, 41].map(query).sort());
  });

  it('a CSW ExceptionReport (answered with 200) is an apiError finding', { timeout: 30_000 }, async () => {
    replay = await startReplay(cswPortal(5));
    const { report } = await lintPortal([`${replay.base}/geonetwork/srv/eng/csw?request=GetCapabilities`], { pageSize: 20 }, { retries: 0 });
    expect(report.datasets).toEqual([]);
    expect(harvestErrors(report).map((e) => e.messageId)).toEqual(['apiError', 'apiError', 'apiError', 'gaveUp']);
    expect(harvestErrors(report)[0]!.message).toBe('the portal API answered with an error: request?; the datasets of this page are not linted');
  });
});
