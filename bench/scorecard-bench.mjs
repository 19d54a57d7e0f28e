#!/usr/bin/env node
/**
 * `npm run bench -- scorecard [--size N]` (after `npm run build`): the HTML scorecard of a
 * catalogue of N datasets (default 100,000), measured as a data officer meets it.
 * 1. generates bench/out/catalogue-N/ (bench/catalogue.mjs: real CKAN packages as templates) and
 *    lints it once to bench/out/scorecard-N.jsonl (`--no-data`, default preset), unless present;
 * 2. times `odlint merge-reports … -f html` (wall, CPU, peak RSS) and records the page's size
 *    and the sidecar's, if any;
 * 3. opens the page in Chromium (playwright-core, system browser: $CHROMIUM_PATH or
 *    /usr/bin/chromium): load time to the first rendered page of the datasets table, JS heap
 *    used, time to sort all rows (by MQA points, by title), to turn a page, to filter (a search),
 *    to open a dataset's panel.
 * Goals (issue 17): page < 15 MB, open in < 3 s, stays responsive. Prints the load average,
 * since the machine is shared.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { cachedCatalogue } from './catalogue.mjs';
import { timedRun } from './timed.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'bench', 'out');
const args = process.argv.slice(2);
const sizeArg = args.indexOf('--size');
const n = sizeArg >= 0 ? Number(args[sizeArg + 1]) : 100_000;
const MiB = 1024 * 1024;
const bin = path.join(root, 'bin', 'odlint.js');
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');

if (!existsSync(path.join(root, 'dist', 'src', 'cli', 'index.js'))) {
  console.error('bench: run `npm run build` first');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const dir = path.join(outDir, `catalogue-${n}`);
cachedCatalogue(dir, n);
const jsonl = path.join(outDir, `scorecard-${n}.jsonl`);
if (!existsSync(jsonl)) {
  console.log(`linting ${n} datasets to ${path.relative(root, jsonl)} (once) … load ${load()}`);
  const lint = timedRun(outDir, null, [bin, dir, '--no-data', '-f', 'jsonl', '-o', jsonl]);
  if (lint.status !== 0 && lint.status !== 1) throw new Error(lint.stderr);
  console.log(`  ${lint.seconds.toFixed(1)} s wall, ${lint.cpuSeconds.toFixed(1)} s CPU`);
}

const page = path.join(outDir, `scorecard-${n}.html`);
const sidecar = path.join(outDir, `scorecard-${n}.datasets.jsonl`);
const before = load();
const merge = timedRun(outDir, null, [bin, 'merge-reports', jsonl, '-f', 'html', '-o', page]);
if (merge.status !== 0 && merge.status !== 1) throw new Error(merge.stderr);
const sizes = { page: statSync(page).size / MiB, sidecar: existsSync(sidecar) && statSync(sidecar).mtimeMs >= statSync(page).mtimeMs - 60_000 ? statSync(sidecar).size / MiB : 0 };

const executable = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
if (!executable) {
  console.error('bench: no Chromium (set CHROMIUM_PATH or apt-get install chromium)');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: executable, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const results = [];
for (let round = 0; round < 3; round++) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Performance.enable');
  const t0 = performance.now();
  await tab.goto(pathToFileURL(page).href, { timeout: 120_000 });
  await tab.locator('#ds-body tr').first().waitFor({ timeout: 120_000 });
  const loaded = performance.now() - t0;
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const status = () => tab.locator('#ds-status').textContent();
  const timed = async (action, until, arg) => {
    const start = performance.now();
    await action();
    await tab.waitForFunction(until, arg, { timeout: 60_000, polling: 10 });
    return performance.now() - start;
  };
  const first = await status();
  const sort = await timed(() => tab.locator('#ds-table th[data-key="5"] button').click(), () => document.querySelector('#ds-table th[data-key="5"]').getAttribute('aria-sort') === 'descending');
  const byTitle = await timed(() => tab.locator('#ds-table th[data-key="0"] button').click(), () => document.querySelector('#ds-table th[data-key="0"]').getAttribute('aria-sort') === 'ascending');
  const page1 = await tab.locator('#ds-page').textContent();
  const next = await timed(() => tab.locator('#ds-next').click(), (s) => document.getElementById('ds-page').textContent !== s, page1);
  // The search waits 120 ms after the last keystroke (debounce): included, as a user meets it.
  const shown = await status();
  const filter = await timed(() => tab.locator('#ds-search').fill('air quality'), (s) => document.getElementById('ds-status').textContent !== s, shown);
  const filtered = await status();
  const detail = await timed(() => tab.locator('#ds-body a').first().click(), () => !document.getElementById('ds-detail').hidden);
  results.push({ loaded, heap: metrics.JSHeapUsedSize / MiB, filter, sort, byTitle, next, detail, first, filtered });
  await context.close();
}
await browser.close();

const median = (k) => results.map((r) => r[k]).sort((a, b) => a - b)[1];
console.log(`HTML scorecard of ${n} datasets (load average before: ${before}, after: ${load()}; ${os.cpus().length} cores)`);
console.log(`  merge-reports -f html: ${merge.seconds.toFixed(1)} s wall, ${merge.cpuSeconds.toFixed(1)} s CPU, peak RSS ${merge.rssMiB.toFixed(0)} MiB`);
console.log(`  page ${sizes.page.toFixed(1)} MiB${sizes.sidecar ? `, sidecar ${sizes.sidecar.toFixed(1)} MiB` : ', no sidecar'}`);
console.log(`  Chromium, median of 3: load to first rows ${median('loaded').toFixed(0)} ms, JS heap ${median('heap').toFixed(0)} MiB,`);
console.log(`  filter ${median('filter').toFixed(0)} ms (incl. 120 ms debounce), sort by MQA ${median('sort').toFixed(0)} ms, by title ${median('byTitle').toFixed(0)} ms, next page ${median('next').toFixed(0)} ms, open a dataset ${median('detail').toFixed(0)} ms`);
console.log(`  ${results[0].first} → "${'air quality'}": ${results[0].filtered}`);
