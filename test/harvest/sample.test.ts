import { describe, it, expect, afterEach } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CORPUS } from '../helpers/lint.js';
import { ckanPackages, ckanPortal, startReplay, type Replay } from '../helpers/replay-server.js';
import { lintPortal } from './harvest-helpers.js';

// --online --data: a remote CSV resource is read from a sample of its first bytes.
const CSV = readFileSync(path.join(CORPUS, 'csv', 'ckanext-switzerland-ng__01_04_prenom.csv'));
let replay: Replay | undefined;
afterEach(async () => {
  await replay?.close();
  replay = undefined;
});

const portalWithCsv = (base: () => string) => {
  const [pkg] = ckanPackages(1);
  let portal: ReturnType<typeof ckanPortal> | undefined;
  return (url: URL, n: number) => {
    if (url.pathname === '/files/prenoms.csv') return { headers: { 'content-type': 'text/csv' }, body: CSV };
    portal ??= ckanPortal([{ ...pkg, resources: [{ id: 'r1', name: 'Prénoms', format: 'CSV', url: `${base()}/files/prenoms.csv` }] }]);
    return portal(url, n);
  };
};

describe('remote data samples (--online --data)', () => {
  it('reads the first --sample-bytes of a CSV resource; its findings point at the URL and say they come from a sample', { timeout: 60_000 }, async () => {
    replay = await startReplay(portalWithCsv(() => replay!.base));
    const csvUrl = `${replay.base}/files/prenoms.csv`;
    const { report } = await lintPortal([replay.base], { pageSize: 100 }, {}, 200_000);
    expect(replay.requests.filter((r) => r === '/files/prenoms.csv')).toHaveLength(1);
    expect(replay.ranges[replay.requests.indexOf('/files/prenoms.csv')]).toBe('bytes=0-199999');
    const findings = report.datasets[0]!.findings.filter((f) => f.location.file === csvUrl);
    // The double byte-order mark of the real file is seen in the sample.
    expect(findings.map((f) => f.ruleId)).toContain('data/bom-present');
    for (const f of findings) expect(f.message).toMatch(/ \(in a sample: the first 1\d{5} bytes of the file\)$/);
    expect(JSON.stringify(report)).not.toContain('odlint-sample-');
    expect(readdirSync(os.tmpdir()).filter((f) => f.startsWith(`odlint-sample-${process.pid}-`))).toEqual([]);
  });

  it('reads no remote data file without --data', { timeout: 60_000 }, async () => {
    replay = await startReplay(portalWithCsv(() => replay!.base));
    await lintPortal([replay.base], { pageSize: 100 });
    expect(replay.requests).not.toContain('/files/prenoms.csv');
  });

  it('a sample that cannot be had is a finding at the resource URL', { timeout: 60_000 }, async () => {
    const [pkg] = ckanPackages(1);
    const portal = ckanPortal([{ ...pkg, resources: [{ id: 'r1', format: 'CSV', url: 'http://127.0.0.1:0/gone.csv' }] }]);
    replay = await startReplay(portal);
    const { report } = await lintPortal([replay.base], { pageSize: 100 }, { retries: 0 }, 1000);
    const f = report.datasets[0]!.findings.find((x) => x.ruleId === 'core/data-unreadable');
    expect(f?.message).toBe('data file cannot be read: no sample of http://127.0.0.1:0/gone.csv (--online --data): ECONNREFUSED');
    expect(f?.location.pointer).toBe('/result/results/0/resources/0/url');
  });
});
