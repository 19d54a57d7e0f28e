import fs from 'node:fs';
import { describe, it, expect } from 'vitest';
import { loadDescriptor, type LoadOutcome } from '../../src/loaders/index.js';
import { discover } from '../../src/discover/index.js';
import { lintReport, brief } from '../helpers/lint.js';
import { fixture, ROOT } from './helpers.js';

/** CKAN family answers other than package_show/package_search: fixtures/ckan/shapes (README.md there). */
async function load(rel: string): Promise<Extract<LoadOutcome, { kind: 'loaded' }>> {
  const outcome = await loadDescriptor(fixture(rel));
  if (outcome.kind !== 'loaded') throw new Error(`${rel}: ${outcome.kind}`);
  return outcome;
}

/** Line of each dataset's own location, from the parser's positions. */
function lines(outcome: Extract<LoadOutcome, { kind: 'loaded' }>): (number | undefined)[] {
  return outcome.datasets.map((d) => d.source.position?.(d.at.pointer ?? '')?.line);
}

describe('CKAN shapes: each package of a list is its own dataset', () => {
  it('current_package_list_with_resources: 9 packages → 9 datasets at /result/<i>', async () => {
    const out = await load('ckan/shapes/current-package-list-with-resources.json');
    expect(out.format).toBe('ckan');
    expect(out.issues).toEqual([]);
    expect(out.datasets.map((d) => d.id)).toEqual([
      'street-trees', 'council-minutes', 'parking-meters', 'budget-2024', 'public-toilets', 'bike-counters', 'air-quality', 'polling-stations', 'libraries',
    ]);
    expect(out.datasets.map((d) => d.at.pointer)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => `/result/${i}`));
    expect(lines(out)).toEqual([5, 107, 180, 260, 340, 435, 515, 595, 668]);
    expect(out.datasets.map((d) => d.distributions.length)).toEqual([2, 1, 1, 1, 2, 1, 1, 1, 1]);
    expect(out.datasets.every((d) => d.publisher?.name === 'City of Example')).toBe(true);
  });

  it('a DKAN 7 package_show answers with a list: its one package loads, no help URL needed', async () => {
    const out = await load('ckan/shapes/dkan-package-show.json');
    expect(out.format).toBe('ckan');
    expect(out.issues).toEqual([]);
    expect(out.datasets).toHaveLength(1);
    const ds = out.datasets[0]!;
    expect(ds.at.pointer).toBe('/result/0');
    expect(ds.id).toBe('wisconsin-polling-places');
    expect(ds.licence?.raw).toBe('Creative Commons Attribution');
    expect(ds.keywords).toEqual(['election', 'politics', 'transparency']);
    expect(ds.distributions.map((d) => d.accessURL)).toEqual(['http://demo.getdkan.com/sites/default/files/Polling_Places_Madison_0.csv']);
  });

  it('group_package_show: 3 packages', async () => {
    const out = await load('ckan/shapes/group-package-show.json');
    expect(out.issues).toEqual([]);
    expect(out.datasets.map((d) => [d.id, d.at.pointer, d.themes])).toEqual([
      ['parking-meters', '/result/0', ['mobility']],
      ['bike-counters', '/result/1', ['mobility']],
      ['bus-stops', '/result/2', ['mobility']],
    ]);
  });

  it('organization_show?include_datasets=true: result.packages, the organisation stands in as publisher', async () => {
    const out = await load('ckan/shapes/organization-show-include-datasets.json');
    expect(out.issues).toEqual([]);
    expect(out.datasets.map((d) => [d.id, d.at.pointer])).toEqual([
      ['street-trees', '/result/packages/0'],
      ['budget-2024', '/result/packages/1'],
    ]);
    // budget-2024 has `organization: null`: the organisation that lists it is its publisher.
    expect(out.datasets.map((d) => [d.publisher?.name, d.locations.publisher?.pointer])).toEqual([
      ['City of Example', '/result/packages/0/organization'],
      ['City of Example', '/result'],
    ]);
  });
});

describe('CKAN shapes: a package_search result saved without its envelope', () => {
  it('{count, results} → one dataset per result at /results/<i>', async () => {
    const { loadDescriptorText } = await import('../../src/loaders/index.js');
    const search = JSON.parse(fs.readFileSync(fixture('corpus/ckan/frictionless-py__dadosgovbr_package_search_rows2.json'), 'utf8')) as { result: unknown };
    const out = await loadDescriptorText('search.json', JSON.stringify(search.result, null, 2));
    expect(out).toMatchObject({ kind: 'loaded', format: 'ckan', issues: [] });
    if (out.kind !== 'loaded') return;
    expect(out.datasets.map((d) => d.at.pointer)).toEqual(['/results/0', '/results/1']);
    expect(out.datasets.every((d) => d.title !== undefined && d.distributions.length > 0)).toBe(true);
  });
});

describe('CKAN shapes: answers that hold no package', () => {
  it('organization_show without include_datasets is not read as a package (no empty dataset)', async () => {
    const { loadDescriptorText } = await import('../../src/loaders/index.js');
    const text = fs.readFileSync(fixture('ckan/shapes/organization-show-include-datasets.json'), 'utf8');
    const org = JSON.parse(text) as { result: Record<string, unknown> };
    delete org.result.packages;
    expect(await loadDescriptorText('organization_show.json', JSON.stringify(org, null, 2))).toEqual({ kind: 'loaded', format: 'ckan', datasets: [], issues: [] });
  });
});

describe('CKAN shapes: JSON Lines (open.canada.ca bulk export)', () => {
  it('one dataset per line, located at its line; the cut line is a parse error at line 3', async () => {
    const out = await load('ckan/shapes/open-canada.jsonl');
    expect(out.format).toBe('ckan');
    expect(out.datasets.map((d) => d.id)).toEqual(['0797e893-751e-4695-8229-a5066e4fe43c', '5c1d8e2f-3b4a-4c7e-9f21-6d8b0a7e1c55', 'a3f5b0c2-9e1d-47f8-8c3b-2e4d6f8a0b17']);
    expect(lines(out)).toEqual([1, 2, 5]);
    expect(out.issues).toEqual([
      {
        ruleId: 'core/parse-error',
        messageId: 'syntax',
        data: { message: 'line 3: invalid JSON: unterminated string' },
        location: { file: fixture('ckan/shapes/open-canada.jsonl'), line: 3, column: 1536 },
      },
    ]);
    const ds = out.datasets[1]!;
    expect(ds.title).toEqual({ en: 'Departmental Plan 2023-24', fr: 'Plan ministériel 2023-2024' });
    expect(ds.licence?.raw).toBe('ca-ogl-lgo');
    expect(ds.distributions.map((d) => d.format)).toEqual(['PDF', 'XLSX']);
    // Values inside a record resolve to the record's line, at their own column.
    const line2 = fs.readFileSync(fixture('ckan/shapes/open-canada.jsonl'), 'utf8').split('\n')[1]!;
    expect(ds.source.position?.(ds.locations.licence!.pointer!)).toEqual({ line: 2, column: line2.indexOf('"license_id"') + 1 });
  });

  it('JSON Lines saved as .json are read as JSON Lines (the whole file does not parse as one document)', async () => {
    const { loadDescriptorText } = await import('../../src/loaders/index.js');
    const text = fs.readFileSync(fixture('ckan/shapes/open-canada.jsonl'), 'utf8');
    const out = await loadDescriptorText('export/od-do-canada.json', text);
    expect(out).toMatchObject({ kind: 'loaded', format: 'ckan' });
    if (out.kind !== 'loaded') return;
    expect(out.datasets).toHaveLength(3);
    expect(out.issues.map((i) => [i.ruleId, i.location.line])).toEqual([['core/parse-error', 3]]);
    // A pretty-printed document with an error stays a parse error of that document.
    expect(await loadDescriptorText('x.json', '{\n  "name": "a",\n  "notes": }\n')).toMatchObject({ kind: 'parse-error', line: 3 });
    // Two objects on one line are not JSON Lines either.
    expect(await loadDescriptorText('x.json', '{"name": "a"} {"name": "b"}\n')).toMatchObject({ kind: 'parse-error', line: 1 });
  });

  it('a line that is valid JSON but not an object is reported, not skipped silently', async () => {
    const { parseJsonLines } = await import('../../src/loaders/jsonl.js');
    const { doc, problems } = parseJsonLines('x.jsonl', '{"name": "a", "notes": "n", "license_id": "cc-by"}\n[1, 2]\n\n"text"\r\n');
    expect(doc.data).toEqual([{ name: 'a', notes: 'n', license_id: 'cc-by' }]);
    expect(problems.map((p) => [p.ruleId, p.location.line, p.data?.message])).toEqual([
      ['core/invalid-descriptor', 2, 'line 2 holds a list, not a record (JSON Lines: one JSON object per line)'],
      ['core/invalid-descriptor', 4, 'line 4 holds a string, not a record (JSON Lines: one JSON object per line)'],
    ]);
  });

  it('a file where no line parses is a parse error at its first line', async () => {
    const { loadDescriptorText } = await import('../../src/loaders/index.js');
    expect(await loadDescriptorText('x.jsonl', '{"name": \n{oops}\n')).toEqual({ kind: 'parse-error', message: 'line 1: invalid JSON: value expected', line: 1, column: 10 });
  });

  it('discovery picks up .jsonl files in a folder walk', async () => {
    const found = await discover([fixture('ckan/shapes')], ROOT, () => false);
    expect(found.descriptors.filter((f) => f.endsWith('.jsonl'))).toEqual([fixture('ckan/shapes/open-canada.jsonl')]);
  });

  it('the lint run reports the bad line and lints the three good ones', async () => {
    const report = await lintReport(['fixtures/ckan/shapes/open-canada.jsonl'], { data: false });
    expect(report.datasets.map((d) => d.id)).toEqual(['0797e893-751e-4695-8229-a5066e4fe43c', '5c1d8e2f-3b4a-4c7e-9f21-6d8b0a7e1c55', 'a3f5b0c2-9e1d-47f8-8c3b-2e4d6f8a0b17']);
    expect(report.files.flatMap((f) => f.findings).map(brief)).toEqual([
      { ruleId: 'core/parse-error', messageId: 'syntax', severity: 'error', location: { file: 'fixtures/ckan/shapes/open-canada.jsonl', line: 3, column: 1536 } },
    ]);
    // The PDF + XLSX plan is the only dataset with a finding.
    expect(report.datasets.map((d) => d.findings.map((f) => `${f.ruleId}@${f.location.line}`))).toEqual([[], ['format/proprietary-only@2'], []]);
  });
});

describe('CKAN shapes: the lint run over the folder', () => {
  it('18 datasets from 5 files, no dataset-less file', async () => {
    const report = await lintReport(['fixtures/ckan/shapes'], { data: false });
    expect(report.summary.datasets).toBe(18);
    const perFile = report.datasets.reduce<Record<string, number>>((n, d) => ({ ...n, [d.source.file]: (n[d.source.file] ?? 0) + 1 }), {});
    expect(perFile).toEqual({
      'fixtures/ckan/shapes/current-package-list-with-resources.json': 9,
      'fixtures/ckan/shapes/dkan-package-show.json': 1,
      'fixtures/ckan/shapes/group-package-show.json': 3,
      'fixtures/ckan/shapes/open-canada.jsonl': 3,
      'fixtures/ckan/shapes/organization-show-include-datasets.json': 2,
    });
    // No "empty dataset" findings: every package has its title, description and distributions.
    const ids = report.datasets.flatMap((d) => d.findings.map((f) => f.ruleId));
    for (const id of ['metadata/title-missing', 'metadata/description-missing', 'distribution/no-distributions', 'metadata/keywords-missing']) expect(ids).not.toContain(id);
  });
});
