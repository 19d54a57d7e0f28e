import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDescriptor } from '../../src/loaders/index.js';
import { scoreDataset, udataDescriptionLength, udataScore, UDATA_DESCRIPTION_LENGTH, type UdataRules } from '../../src/score/index.js';
import { loadBuiltinRules } from '../../src/engine/registry.js';
import { resolveConfig } from '../../src/config/resolve.js';
import type { Dataset } from '../../src/model/index.js';
import { FIXTURES, ROOT } from '../helpers/lint.js';

/**
 * udata's own `quality` objects, as data.gouv.fr recorded them in real API answers
 * (fixtures/corpus/SOURCES.md, fixtures/udata/recorded-quality/SOURCES.md), reproduced
 * criterion by criterion. `update_fulfilled_in_time` depends on when udata answered: each answer
 * is scored as of the commit that put it in its repository (author date), a moment at which
 * every one of its recorded values holds. All three answers predate udata 12 (October 2025), so
 * they are scored with udata's rules of the time. data.gouv.fr sets QUALITY_DESCRIPTION_LENGTH
 * to 200.
 */
const RECORDED: { file: string; now: string; rules: UdataRules; linked: boolean }[] = [
  // API v1, resources included: opendatateam/udata-front-kit 7f5963209c09, authored 2023-10-13.
  { file: 'corpus/udata/udata-front-kit__datasetResponse-found.json', now: '2023-10-13T11:34:12Z', rules: 'before-v12', linked: false },
  // The same dataset as API v2 serves it (fixtures/udata/shapes/README.md: resources replaced by the link).
  { file: 'udata/shapes/api-v2-dataset.json', now: '2023-10-13T11:34:12Z', rules: 'before-v12', linked: true },
  // API v2 search: datagouv/udata-front a9b7e4b176f2, 2024-09-02.
  { file: 'udata/recorded-quality/data.gouv.fr-api2-datasets-search-2024-09-02.json', now: '2024-09-02T11:23:34Z', rules: 'before-v12', linked: true },
  // API v2 list from dev.data.gouv.fr: datagouv/udata-front 5b7b59fdf, 2024-01-30.
  { file: 'udata/recorded-quality/dev.data.gouv.fr-api2-datasets-2023-10.json', now: '2024-01-30T10:16:28Z', rules: 'before-v12', linked: true },
];
const DATA_GOUV_DESCRIPTION_LENGTH = 200;
/** The criteria udata computes from the resources themselves: unknown when API v2 only links them. */
const RESOURCE_CRITERIA = ['has_open_format', 'all_resources_available', 'resources_documentation'] as const;

type Quality = Record<string, boolean | number>;

function recordedQualities(file: string): Quality[] {
  const raw = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as unknown;
  // A list, a search page {data: [...]}, an API v1 answer {data: {...}} or a bare dataset.
  const list = Array.isArray(raw) ? raw : ((raw as { data?: unknown }).data ?? raw);
  return (Array.isArray(list) ? list : [list]).map((d) => (d as { quality: Quality }).quality);
}

async function datasets(file: string): Promise<Dataset[]> {
  const outcome = await loadDescriptor(path.join(FIXTURES, file));
  if (outcome.kind !== 'loaded') throw new Error(`${file}: ${outcome.kind}`);
  return outcome.datasets;
}

describe('udata quality: every recorded `quality` object reproduced', () => {
  it.each(RECORDED)('$file', async ({ file, now, rules, linked }) => {
    const recorded = recordedQualities(file);
    const loaded = await datasets(file);
    expect(loaded).toHaveLength(recorded.length);
    const mismatches: string[] = [];
    loaded.forEach((ds, i) => {
      const q = udataScore(ds, { now: new Date(now), rules, descriptionLength: DATA_GOUV_DESCRIPTION_LENGTH });
      const { score, ...criteria } = recorded[i]!;
      const expected = { ...criteria };
      if (linked) for (const c of RESOURCE_CRITERIA) delete expected[c];
      if (JSON.stringify(sorted(q.criteria)) !== JSON.stringify(sorted(expected))) mismatches.push(`${ds.id}: ${JSON.stringify(q.criteria)} ≠ ${JSON.stringify(expected)}`);
      // The units udata counted: ours, plus (API v2) the resource criteria it recorded.
      const resourceUnits = linked ? RESOURCE_CRITERIA.filter((c) => criteria[c] === true).length : 0;
      const units = Math.round(q.score * 9) + resourceUnits;
      if (units !== Math.round((score as number) * 9)) mismatches.push(`${ds.id}: ${units}/9 ≠ recorded ${score}`);
      if (!linked) expect(q.score).toBe(Math.round((score as number) * 1000) / 1000);
    });
    expect(mismatches).toEqual([]);
  });

  it('counts 42 recorded objects (41 real answers and their v2 twin), all reproduced', async () => {
    let total = 0;
    for (const { file } of RECORDED) total += recordedQualities(file).length;
    expect(total).toBe(42);
  });

  it('gives an API v2 dataset no udata score: three criteria need the resources it only links', async () => {
    const [ds] = await datasets(RECORDED[2]!.file);
    const score = scoreDataset(ds!, [], { now: new Date(RECORDED[2]!.now) });
    expect(score.udata).toBeUndefined();
    expect(score.udataCriteria).toMatchObject({ has_resources: true });
    for (const c of RESOURCE_CRITERIA) expect(score.udataCriteria).not.toHaveProperty(c);
  });
});

const sorted = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

describe('udata description threshold (QUALITY_DESCRIPTION_LENGTH)', () => {
  it('is udata\'s 100 by default and data.gouv.fr\'s 200 with the france preset', async () => {
    const rules = await loadBuiltinRules();
    const threshold = (presets: string[]) => udataDescriptionLength(resolveConfig(rules, { cwd: ROOT, presets, noDiscovery: true }).forFile(path.join(ROOT, 'x.json')));
    expect(threshold(['recommended'])).toBe(UDATA_DESCRIPTION_LENGTH);
    expect(threshold(['france'])).toBe(200);
  });

  it('decides dataset_description_quality: data.gouv.fr recorded false for 186 characters, true for 257', async () => {
    const loaded = await datasets(RECORDED[3]!.file);
    const byLength = (n: number) => loaded.find((d) => [...(d.description?.[''] ?? '')].length === n)!;
    for (const [n, atDefault, atDataGouv] of [[186, true, false], [257, true, true], [108, true, false]] as const) {
      expect(udataScore(byLength(n)).criteria.dataset_description_quality).toBe(atDefault);
      expect(udataScore(byLength(n), { descriptionLength: 200 }).criteria.dataset_description_quality).toBe(atDataGouv);
    }
  });
});

describe('API v2 with full objects (X-Get-Datasets-Full-Objects)', () => {
  it('reads `frequency` and `spatial.granularity` given as {id, label}', async () => {
    const raw = JSON.parse(fs.readFileSync(path.join(FIXTURES, RECORDED[2]!.file), 'utf8')) as { data: Record<string, unknown>[] };
    const d = raw.data[0]!;
    const recorded = d['quality'] as Quality;
    d['frequency'] = { id: 'monthly', label: 'Mensuelle' };
    d['spatial'] = { geom: null, zones: [], granularity: { id: 'other', name: 'Autre' } };
    const dir = fs.mkdtempSync(path.join(tmpdir(), 'odlint-udata-full-'));
    try {
      const file = path.join(dir, 'dataset.json');
      fs.writeFileSync(file, JSON.stringify(d));
      const outcome = await loadDescriptor(file);
      if (outcome.kind !== 'loaded') throw new Error(outcome.kind);
      const ds = outcome.datasets[0]!;
      expect([ds.frequency, ds.spatial]).toEqual(['monthly', ['other']]);
      const q = udataScore(ds, { now: new Date(RECORDED[2]!.now), rules: 'before-v12', descriptionLength: DATA_GOUV_DESCRIPTION_LENGTH });
      expect(q.criteria).toMatchObject({ update_frequency: recorded['update_frequency'], update_fulfilled_in_time: recorded['update_fulfilled_in_time'], spatial: true });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
