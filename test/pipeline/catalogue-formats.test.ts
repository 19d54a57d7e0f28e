import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDescriptor, type LoadOutcome } from '../../src/loaders/index.js';
import type { Dataset, LoadIssue } from '../../src/loaders/index.js';
// @ts-expect-error the bench helpers are plain ES modules
import { generateDcatUsCatalogue, generateDcatUsFile, generateTurtleCatalogue, podTemplates, rdfTemplates } from '../../bench/catalogue-formats.mjs';

/**
 * The DCAT-AP Turtle and DCAT-US catalogues of the catalogue benchmark (bench/catalogue-formats.mjs,
 * issue 11): deterministic, made of every corpus template, and read by odlint's loaders as what
 * they claim to be — catalogue pages of 1,000 datasets each with its own identity, no parse error.
 * The generator reads the corpus Turtle with the built tolerant parser (npm test builds dist/ first).
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-catalogue-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bytes = (files: string[]) => files.map((f) => readFileSync(f, 'utf8'));

async function everything(file: string, streamFrom?: number): Promise<{ outcome: LoadOutcome; datasets: Dataset[]; issues: LoadIssue[] }> {
  const outcome = await loadDescriptor(file, undefined, streamFrom === undefined ? {} : { streamFrom });
  if (outcome.kind !== 'loaded') return { outcome, datasets: [], issues: [] };
  const datasets = [...outcome.datasets];
  const issues = [...outcome.issues];
  for await (const b of outcome.more ?? []) {
    datasets.push(...b.datasets);
    issues.push(...b.issues);
  }
  return { outcome, datasets, issues };
}

describe('DCAT-AP Turtle catalogue', () => {
  it('has a template for every dataset and series of the corpus Turtle and N-Triples files', async () => {
    const tpls = (await rdfTemplates()) as { file: string; root: string }[];
    expect(new Set(tpls.map((t) => t.file))).toEqual(new Set(readdirSync(path.join('fixtures', 'corpus', 'dcat-ap')).filter((f) => /\.(ttl|nt)$/.test(f))));
    expect(tpls).toHaveLength(19);
  });

  it('writes the same bytes for the same size', async () => {
    const a = await generateTurtleCatalogue(path.join(dir, 'ttl-a'), 60, { perFile: 25 });
    const b = await generateTurtleCatalogue(path.join(dir, 'ttl-b'), 60, { perFile: 25 });
    expect(a.map((f: string) => path.basename(f))).toEqual(['catalogue-00000.ttl', 'catalogue-00001.ttl', 'catalogue-00002.ttl']);
    expect(bytes(b)).toEqual(bytes(a));
  });

  it('pages load as DCAT-AP: one dataset per copy, each with its own IRI and title, licences varied, nothing unreadable', async () => {
    const files: string[] = await generateTurtleCatalogue(path.join(dir, 'ttl'), 60, { perFile: 25 });
    const all: Dataset[] = [];
    for (const [k, file] of files.entries()) {
      const { outcome, datasets, issues } = await everything(file);
      expect(outcome.kind === 'loaded' && outcome.format).toBe('dcat-ap');
      expect(datasets).toHaveLength(k < 2 ? 25 : 10);
      expect(issues.filter((i) => i.ruleId === 'core/parse-error')).toEqual([]);
      all.push(...datasets);
    }
    expect(all.map((d) => d.id)).toEqual(Array.from({ length: 60 }, (_, i) => expect.stringMatching(new RegExp(`^https://data\\.example\\.eu/dataset/[^/]+-${i}$`))));
    expect(new Set(all.map((d) => Object.values(d.title ?? {})[0])).size).toBeGreaterThan(20);
    expect(all[0]!.title).toEqual({ en: 'Air quality, Brussels (2000)', nl: 'Air quality, Brussels (2000)' });
    const licences = new Set(all.map((d) => d.licence?.raw));
    expect(licences).toContain('http://publications.europa.eu/resource/authority/licence/CC_BY_4_0');
    expect(licences).toContain('Licence Ouverte 2.0');
    expect(licences).toContain(undefined);
    // Distributions keep their template's, under the copy's own IRIs.
    expect(all[0]!.distributions.map((d) => d.id)).toEqual(['https://data.example.eu/dataset/air-quality-brussels-0/distribution/0']);
    // Every line/column points into the page (the locator finds the copies' statements).
    expect(all.every((d) => d.at.line !== undefined && d.at.line > 20)).toBe(true);
  });
});

describe('DCAT-US catalogue', () => {
  it('uses every POD dataset of the corpus as a template', () => {
    expect((podTemplates() as unknown[]).length).toBe(32);
  });

  it('writes the same bytes for the same size, as pages and as one file', () => {
    const a = generateDcatUsCatalogue(path.join(dir, 'us-a'), 50, { perFile: 20 });
    const b = generateDcatUsCatalogue(path.join(dir, 'us-b'), 50, { perFile: 20 });
    expect(bytes(b)).toEqual(bytes(a));
    expect(bytes([generateDcatUsFile(path.join(dir, 'one-a', 'data.json'), 50)])).toEqual(bytes([generateDcatUsFile(path.join(dir, 'one-b', 'data.json'), 50)]));
  });

  it('pages and the single file load as DCAT-US with the same datasets; the single file read record by record', async () => {
    const pages: string[] = generateDcatUsCatalogue(path.join(dir, 'us'), 50, { perFile: 20 });
    const fromPages: Dataset[] = [];
    for (const file of pages) {
      const { outcome, datasets, issues } = await everything(file);
      expect(outcome.kind === 'loaded' && outcome.format).toBe('dcat-us');
      expect(issues.filter((i) => i.ruleId.startsWith('core/'))).toEqual([]);
      fromPages.push(...datasets);
    }
    const single = await everything(generateDcatUsFile(path.join(dir, 'one', 'data.json'), 50), 1024);
    expect(single.outcome.kind === 'loaded' && single.outcome.format).toBe('dcat-us');
    expect(single.outcome.kind === 'loaded' && single.outcome.more).toBeDefined();
    const view = (d: Dataset) => ({ id: d.id, title: d.title, licence: d.licence?.raw, description: d.description, urls: d.distributions.map((x) => x.downloadURL ?? x.accessURL) });
    expect(single.datasets.map(view)).toEqual(fromPages.map(view));
    expect(new Set(fromPages.map((d) => d.id)).size).toBe(50);
    expect(fromPages[7]!.id).toBe('https://data.example.gov/id/tree-inventory-brussels-7');
    expect(new Set(fromPages.map((d) => d.licence?.raw)).size).toBeGreaterThan(5);
  });
});
