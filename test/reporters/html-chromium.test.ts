import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { loadFormatter } from '../../src/reporters/index.js';
import type { Report } from '../../src/model/index.js';
import { FIXTURES, ROOT } from '../helpers/lint.js';

/**
 * The HTML scorecard rendered in real headless Chromium (Debian `chromium`; .ci/run installs
 * it). Any request other than the file itself fails the test: the page must be self-contained.
 *
 * A fresh machine may have no browser: then this test is not run and says so once, with how to
 * run it. CI sets ODLINT_REQUIRE_BROWSER=1, which turns a missing browser into a failure.
 */
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const EXECUTABLE = CANDIDATES.find((p): p is string => Boolean(p) && existsSync(p!));
const REQUIRED = process.env.ODLINT_REQUIRE_BROWSER === '1';
if (!EXECUTABLE && !REQUIRED) {
  console.warn(
    'html-chromium: NOT RUN — no Chromium found (looked for $CHROMIUM_PATH, /usr/bin/chromium, chromium-browser, google-chrome). ' +
      'To run it: apt-get install chromium (or set CHROMIUM_PATH), then npm test.',
  );
}
const REPORT = JSON.parse(readFileSync(path.join(FIXTURES, 'reports', 'report.json'), 'utf8')) as Report;
const OUT = path.join(ROOT, 'test-output');

let browser: Browser;
beforeAll(async () => {
  if (!EXECUTABLE) {
    if (REQUIRED) throw new Error('ODLINT_REQUIRE_BROWSER=1 but no Chromium was found: the browser test must run here');
    return;
  }
  browser = await chromium.launch({
    executablePath: EXECUTABLE,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe.runIf(EXECUTABLE || REQUIRED)('html scorecard in Chromium', () => {
  it('renders the catalogue overview and a card per dataset, without any network request', async () => {
    const html = await (await loadFormatter('html'))!.format(REPORT, { color: false, quiet: false, rules: new Map(), cwd: ROOT });
    mkdirSync(OUT, { recursive: true });
    const file = path.join(OUT, 'scorecard.html');
    writeFileSync(file, html);

    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);

    expect(await page.title()).toBe('odlint scorecard');
    expect(await page.getByTestId('tile-datasets').locator('b').textContent()).toBe('8');
    expect(await page.getByTestId('tile-errors').locator('b').textContent()).toBe('14');
    // MQA points of the 8 datasets: 125 sufficient, 385 excellent, 105 bad, 275 good, 40 bad,
    // 180 sufficient, 325 good, 195 sufficient → mean (1630 / 8) = 203.75 → "204".
    expect(await page.getByTestId('tile-mqa').locator('b').textContent()).toBe('204');
    const ratings = Object.fromEntries(
      await Promise.all(['excellent', 'good', 'sufficient', 'bad'].map(async (r) => [r, await page.getByTestId(`rating-${r}`).textContent()])),
    );
    expect(ratings).toEqual({ excellent: '1', good: '2', sufficient: '3', bad: '2' });

    const cards = page.getByTestId('dataset-card');
    expect(await cards.count()).toBe(8);
    const aq2024 = cards.filter({ hasText: 'Air quality measurements in Brussels, 2024' });
    expect(await aq2024.getByTestId('odlint-score').textContent()).toBe('74');
    // Text, not markup: the message's <mask> & must be escaped and shown as written.
    expect(await aq2024.locator('li.error').first().textContent()).toContain('in 100% of rows: <mask> & review');

    // Most datasets first; description-too-short and keywords-missing both hit 3: by name.
    const rows = page.getByTestId('top-rules').locator('tbody tr');
    expect(await rows.nth(0).locator('td').allTextContents()).toEqual(['metadata/description-too-short', 'warning', '3', '3']);
    expect(await rows.nth(1).locator('td').allTextContents()).toEqual(['metadata/keywords-missing', 'warning', '3', '3']);
    expect(await page.getByTestId('publishers').locator('tbody tr').count()).toBe(6);
    // Two datasets say they concern individuals; both are sex-disaggregated.
    expect(await page.getByTestId('gender').textContent()).toContain('100 % of the 2 datasets about individuals are sex-disaggregated (2 of 2)');

    expect(requests).toEqual([pathToFileURL(file).href]);
    const shot = path.join(OUT, 'scorecard.png');
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`HTML scorecard screenshot: ${path.relative(ROOT, shot)}`);
    await page.close();
  }, 60_000);
});
