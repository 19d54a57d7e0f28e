/**
 * A CKAN portal on 127.0.0.1 for the harvest benchmark, in its own process (the benchmark's
 * timing blocks its own event loop): it serves the package_search pages bench/catalogue.mjs
 * wrote (1,000 packages each) for `rows=1000&start=k*1000` as they are, other `rows`/`start`
 * cut from them, a `rows=0` count, status_show, `/__usage` (its own CPU time and peak RSS), and
 * gzip when asked; and `/data.json`, a DCAT-US catalogue of the same n datasets (the real POD
 * datasets of fixtures/corpus/dcat-us in turn, each its own identifier and title), written as it
 * is sent, never whole. Prints its base URL on stdout.
 *   node bench/replay-portal.mjs <catalogue dir> <n>
 */
import { createServer } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const POD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'corpus', 'dcat-us', 'ckanext-datajson__usda.gov.data.json');

/** Sends a POD data.json of `n` datasets, 1,000 at a time (back-pressure respected). */
async function sendDataJson(res, n) {
  const pod = JSON.parse(readFileSync(POD, 'utf8'));
  const { dataset: templates, ...envelope } = pod;
  res.writeHead(200, { 'content-type': 'application/json' });
  const write = (text) => (res.write(text) ? undefined : new Promise((resolve) => res.once('drain', resolve)));
  await write(`${JSON.stringify(envelope).slice(0, -1)},"dataset":[\n`);
  for (let i = 0; i < n; i += 1000) {
    const part = [];
    for (let k = i; k < Math.min(n, i + 1000); k++) part.push(JSON.stringify({ ...templates[k % templates.length], identifier: `usda-${k}`, title: `Dataset ${k}` }));
    await write(`${i ? ',\n' : ''}${part.join(',\n')}`);
  }
  res.end('\n]}\n');
}

const [dir, total] = [process.argv[2], Number(process.argv[3])];
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
/** The last file read whole (pages smaller than 1,000 are cut from it in turn). */
let cached = { n: -1, page: undefined };
const pageOf = (n) => {
  if (cached.n !== n) cached = { n, page: files[n] ? JSON.parse(readFileSync(path.join(dir, files[n]), 'utf8')) : undefined };
  return cached.page;
};
const json = (res, body, gzip) => {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  const out = gzip ? gzipSync(bytes, { level: 1 }) : bytes;
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': out.length, ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
  res.end(out);
};
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const gzip = /gzip/.test(req.headers['accept-encoding'] ?? '') && process.env.REPLAY_GZIP === '1';
  if (url.pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html' });
    return res.end('<!doctype html><html><body>CKAN</body></html>');
  }
  if (url.pathname === '/data.json') return void sendDataJson(res, total);
  if (url.pathname === '/api/3/action/status_show') return json(res, { success: true, result: { ckan_version: '2.10.4' } }, false);
  if (url.pathname === '/api/3/action/package_search') {
    const rows = Number(url.searchParams.get('rows') ?? 10);
    const start = Number(url.searchParams.get('start') ?? 0);
    if (rows === 0) return json(res, { success: true, result: { count: total, results: [] } }, false);
    // Pages of 1,000 are the files as they are; other sizes are cut from them.
    if (rows === 1000 && start % 1000 === 0) {
      const file = files[start / 1000];
      if (!file) return json(res, { success: true, result: { count: total, results: [] } }, gzip);
      return json(res, readFileSync(path.join(dir, file)), gzip);
    }
    const results = [];
    for (let at = start; at < Math.min(start + rows, total); ) {
      const page = pageOf(Math.floor(at / 1000));
      if (!page) break;
      const from = at % 1000;
      const taken = page.result.results.slice(from, from + rows - results.length);
      if (!taken.length) break;
      results.push(...taken);
      at += taken.length;
    }
    return json(res, { help: 'https://demo.ckan.org/api/3/action/help_show?name=package_search', success: true, result: { count: total, results } }, gzip);
  }
  if (url.pathname === '/__usage') {
    // The server's own CPU (µs) and peak RSS (KiB), for the benchmark to report apart from odlint's.
    const u = process.resourceUsage();
    return json(res, { cpu: u.userCPUTime + u.systemCPUTime, maxRSS: u.maxRSS }, false);
  }
  res.writeHead(404);
  res.end();
});
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
