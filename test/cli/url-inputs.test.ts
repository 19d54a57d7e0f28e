import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import os from 'node:os';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { execa } from 'execa';
import { ROOT } from '../helpers/lint.js';
import type { Report } from '../../src/model/index.js';

// Descriptors given as URLs are fetched only with --online; this server on 127.0.0.1 is the
// only network the test touches (the resource URLs point back at it too).
const BIN = path.join(ROOT, 'bin', 'odlint.js');
let server: Server;
let base: string;

const pkg = (port: number) => ({
  help: `http://127.0.0.1:${port}/api/3/action/help_show?name=package_show`,
  success: true,
  result: {
    name: 'noise-map',
    title: 'Noise map',
    notes: 'Short.',
    license_id: 'cc-by',
    tags: [{ name: 'noise' }],
    resources: [
      { name: 'Map', url: `http://127.0.0.1:${port}/files/noise.csv`, format: 'CSV' },
      { name: 'Relative', url: 'data/noise-2023.csv', format: 'CSV' },
    ],
  },
});

beforeAll(async () => {
  server = createServer((req, res) => {
    const port = (server.address() as AddressInfo).port;
    if (req.url?.startsWith('/api/3/action/package_show')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(pkg(port), null, 2));
    } else if (req.url === '/files/noise.csv') {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.end(req.method === 'HEAD' ? undefined : 'x,y\n1,2\n');
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const odlint = (args: string[]) => execa('node', [BIN, ...args], { cwd: ROOT, reject: false, stripFinalNewline: false, env: { NO_COLOR: '1' } });

describe('descriptors given as URLs', () => {
  it('are refused without --online (exit 2, no request made)', async () => {
    const url = `${base}/api/3/action/package_show?id=noise-map`;
    const r = await odlint([url]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`odlint: ${url} is a URL: odlint makes no network request without --online\n`);
  });

  it('are fetched and linted with --online, findings located in the URL', async () => {
    const url = `${base}/api/3/action/package_show?id=noise-map`;
    const r = await odlint(['--online', '-f', 'json', url, `${base}/missing.json`]);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.datasets.map((d) => [d.id, d.source.format, d.source.file, d.source.pointer])).toEqual([['noise-map', 'ckan', url, '/result']]);
    const [ds] = report.datasets;
    // The relative resource path of a fetched descriptor is remote: never looked up on disk.
    expect(ds!.findings.filter((f) => f.ruleId === 'data/file-missing')).toEqual([]);
    expect(ds!.findings.find((f) => f.ruleId === 'metadata/description-too-short')?.location).toEqual({ file: url, pointer: '/result/notes', line: 7, column: 5 });
    expect(report.files).toEqual([
      {
        file: `${base}/missing.json`,
        findings: [expect.objectContaining({ ruleId: 'core/harvest-error', messageId: 'http', message: 'the page could not be harvested: HTTP 404 Not Found after 1 attempt(s); its datasets are not linted' })],
      },
    ]);
  });

  it('stop reading a body larger than limits.descriptorBytes: a core/limit-exceeded finding', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-url-'));
    writeFileSync(path.join(dir, 'odlint.config.yaml'), 'limits:\n  descriptorBytes: 100\n');
    const url = `${base}/api/3/action/package_show?id=noise-map`;
    const r = await odlint(['--online', '-c', path.join(dir, 'odlint.config.yaml'), '-f', 'json', url]);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.files.flatMap((f) => f.findings).map(({ ruleId, messageId, location }) => ({ ruleId, messageId, location }))).toEqual([
      { ruleId: 'core/limit-exceeded', messageId: 'descriptorBytes', location: { file: url } },
    ]);
  });
});

