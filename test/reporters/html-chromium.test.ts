import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadFormatter } from '../../src/reporters/index.js';
import { loadBuiltinRules } from '../../src/engine/registry.js';
import { ruleHelpUri } from '../../src/reporters/_findings.js';
import type { Report } from '../../src/model/index.js';
import { FIXTURES, ROOT } from '../helpers/lint.js';

/**
 * The HTML scorecard rendered in real headless Chromium (Debian `chromium`; .ci/run installs
 * it), driven by playwright-core: the overview, the organisation table and sections, the
 * datasets table (search, sort, filters, pagination, detail), keyboard use, axe-core's WCAG 2.1
 * AA checks (injected from node_modules) and print. Any request other than the file itself
 * fails: the page must be self-contained. Screenshots and the PDF go to test-output/.
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
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The fixture's 8 datasets 16 times over (ids and titles numbered): 128 rows, three pages of 50. */
function bigReport(): Report {
  const datasets = Array.from({ length: 16 }, (_, k) => REPORT.datasets.map((d) => ({ ...d, id: `${d.id}-${k}`, title: `${d.title ?? d.id} #${String(k).padStart(2, '0')}` }))).flat();
  return { ...REPORT, datasets, summary: { ...REPORT.summary, datasets: datasets.length } };
}

let browser: Browser;
let files: { small: string; big: string };
beforeAll(async () => {
  if (!EXECUTABLE) {
    if (REQUIRED) throw new Error('ODLINT_REQUIRE_BROWSER=1 but no Chromium was found: the browser test must run here');
    return;
  }
  const rules = await loadBuiltinRules();
  const context = { color: false, quiet: false, rules: new Map([...rules].map(([id, r]) => [id, r.meta])), cwd: ROOT };
  const html = (await loadFormatter('html'))!;
  mkdirSync(OUT, { recursive: true });
  files = { small: path.join(OUT, 'scorecard.html'), big: path.join(OUT, 'scorecard-128.html') };
  writeFileSync(files.small, html.format(REPORT, context));
  writeFileSync(files.big, html.format(bigReport(), context));
  browser = await chromium.launch({
    executablePath: EXECUTABLE,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** Opens a page; every request and script error is recorded (and must stay none but the file). */
async function open(file: string, hash = '', options: { bypassCSP?: boolean } = {}): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, ...options });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(pathToFileURL(file).href + hash);
  return { page, requests, errors };
}
const cells = (page: Page, selector: string) => page.locator(selector).evaluateAll((rows) => rows.map((r) => [...(r as HTMLTableRowElement).cells].map((c) => c.textContent!.trim())));
const shot = async (page: Page, name: string) => {
  const file = path.join(OUT, name);
  await page.screenshot({ path: file, fullPage: false });
  console.log(`HTML scorecard screenshot: ${path.relative(ROOT, file)}`);
};

describe.runIf(EXECUTABLE || REQUIRED)('html scorecard in Chromium', () => {
  it('shows the overview per family, each chart with its numbers, without any network request or script error', async () => {
    const { page, requests, errors } = await open(files.small);
    expect(await page.title()).toBe('odlint scorecard');
    const tile = (id: string) => page.getByTestId(`tile-${id}`).locator('b').textContent();
    expect(await tile('datasets')).toBe('8');
    expect(await tile('errors')).toBe('14');
    // MQA points of the 8 datasets: 125, 385, 105, 275, 40, 180, 325, 195 → 1630 / 8 = 203.75.
    expect(await tile('mqa')).toBe('203.8');
    expect(await cells(page, '[data-testid="chart-mqa-ratings"] tbody tr')).toEqual([
      ['excellent (351–405)', '1'],
      ['good (221–350)', '2'],
      ['sufficient (121–220)', '3'],
      ['bad (0–120)', '2'],
    ]);
    // The chart says the same to a screen reader.
    expect(await page.getByTestId('chart-mqa-ratings').locator('svg').getAttribute('aria-label')).toBe(
      'Datasets by MQA rating: excellent (351–405) 1, good (221–350) 2, sufficient (121–220) 3, bad (0–120) 2',
    );
    for (const family of ['licences', 'machine-readability', 'personal-data', 'gender', 'completeness', 'scores', 'rules']) await expect(page.getByTestId(`family-${family}`).count()).resolves.toBe(1);
    // Two datasets say they concern individuals; both are sex-disaggregated.
    expect(await page.getByTestId('gender').textContent()).toBe('100 % of the 2 datasets about individuals are sex-disaggregated (2 of 2).');
    // Most datasets first; description-too-short and keywords-missing both hit 3: by name. Each links to its docs.
    const first = page.getByTestId('top-rules').locator('tbody tr').first();
    expect(await first.locator('td').allTextContents()).toEqual(['warning', '3', '3']);
    expect(await first.locator('a').getAttribute('href')).toBe(ruleHelpUri('metadata/description-too-short'));
    await shot(page, 'scorecard-overview.png');
    expect(requests).toEqual([pathToFileURL(files.small).href]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('sorts and filters the organisation table; a row opens its section', async () => {
    const { page, errors } = await open(files.small, '#organisations');
    const names = () => page.locator('#org-table tbody tr:not([hidden]) th').allTextContents();
    expect(await names()).toEqual([
      'Brussels Environment',
      'Brussels Institute for Statistics and Analysis',
      "Commune d'Exemple",
      'Institut national de la statistique et des études économiques (Insee)',
      'Jeanne Martin',
      '(no publisher)',
    ]);
    await page.locator('#org-table thead th', { hasText: 'Errors' }).locator('button').click();
    // Fewest errors first; equal counts keep their order (by name).
    expect((await cells(page, '#org-table tbody tr')).map((r) => [r[0], r[2]])).toEqual([
      ['Brussels Institute for Statistics and Analysis', '0'],
      ["Commune d'Exemple", '0'],
      ['Institut national de la statistique et des études économiques (Insee)', '0'],
      ['Brussels Environment', '1'],
      ['Jeanne Martin', '1'],
      ['(no publisher)', '8'],
    ]);
    await page.locator('#org-table thead th', { hasText: 'Errors' }).locator('button').click();
    expect(await page.locator('#org-table thead th', { hasText: 'Errors' }).getAttribute('aria-sort')).toBe('descending');
    expect((await names())[0]).toBe('(no publisher)');
    await page.locator('#org-filter').fill('brussels');
    expect(await names()).toEqual(['Brussels Environment', 'Brussels Institute for Statistics and Analysis']);
    expect(await page.locator('#org-table-status').textContent()).toBe('2 of 6 shown');
    await page.getByRole('link', { name: 'Brussels Environment' }).click();
    const section = page.locator('.org-section:target');
    await expect(section.locator('h3').textContent()).resolves.toBe('Brussels Environment');
    expect(await section.locator('table.facts tbody tr').first().locator('td').allTextContents()).toEqual(['2']);
    await shot(page, 'scorecard-organisation.png');
    // Its datasets: the link filters the datasets table by the organisation.
    await section.getByRole('link', { name: /Show its 2 datasets/ }).click();
    // The hash change is handled after the click returns: poll.
    await expect.poll(() => page.locator('#ds-status').textContent()).toBe('Showing 1–2 of 2 datasets (of 8)');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('searches, sorts, filters and paginates the datasets; a dataset shows its findings with links to the rule docs', async () => {
    const { page, errors } = await open(files.big, '#datasets');
    const status = () => page.locator('#ds-status').textContent();
    const titles = () => page.locator('#ds-body tr th a').allTextContents();
    expect(await status()).toBe('Showing 1–50 of 128 datasets');
    expect(await page.locator('#ds-page').textContent()).toBe('Page 1 of 3');
    expect(await page.locator('#ds-prev').isDisabled()).toBe(true);
    await page.locator('#ds-next').click();
    await page.locator('#ds-next').click();
    expect([await status(), await page.locator('#ds-page').textContent(), await page.locator('#ds-body tr').count()]).toEqual(['Showing 101–128 of 128 datasets', 'Page 3 of 3', 28]);
    expect(await page.locator('#ds-next').isDisabled()).toBe(true);

    await page.locator('#ds-search').fill('air quality');
    await expect.poll(status).toBe('Showing 1–32 of 32 datasets (of 128)');
    expect(await page.locator('#ds-page').textContent()).toBe('Page 1 of 1');
    // Sort by MQA points, highest first: the 2020 series (325) before the 2024 one (180).
    await page.locator('#ds-table th[data-key="5"] button').click();
    expect(await page.locator('#ds-table th[data-key="5"]').getAttribute('aria-sort')).toBe('descending');
    // Equal points keep the table's order.
    expect((await titles()).slice(15, 17)).toEqual(['Air quality measurements, Brussels-Capital Region, 2020 #15', 'Air quality measurements in Brussels, 2024 #00']);
    await page.locator('#ds-rating').selectOption('sufficient');
    await expect.poll(status).toBe('Showing 1–16 of 16 datasets (of 128)');
    await page.locator('#ds-search').fill('');
    await page.locator('#ds-problem').selectOption('errors');
    await expect.poll(status).toBe('Showing 1–32 of 32 datasets (of 128)');
    await page.locator('#ds-rating').selectOption('-1');
    await page.locator('#ds-problem').selectOption('people');
    await expect.poll(status).toBe('Showing 1–32 of 32 datasets (of 128)');
    await page.locator('#ds-problem').selectOption('');
    await page.locator('#ds-search').fill('Air quality measurements in Brussels, 2024 #03');
    await expect.poll(status).toBe('Showing 1–1 of 1 datasets (of 128)');

    await page.locator('#ds-body a').first().click();
    const panel = page.locator('#ds-detail');
    await expect(panel.locator('h3').textContent()).resolves.toBe('Air quality measurements in Brussels, 2024 #03');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ds-detail');
    const finding = panel.locator('li.error').first();
    // Text, not markup: the message's <mask> & must be escaped and shown as written.
    expect(await finding.textContent()).toContain('in 100% of rows: <mask> & review');
    const ruleLink = finding.locator('a');
    expect(await ruleLink.getAttribute('href')).toBe(ruleHelpUri((await ruleLink.textContent())!));
    await shot(page, 'scorecard-datasets.png');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('can be used with the keyboard alone', async () => {
    const { page } = await open(files.big, '#datasets');
    await page.locator('#ds-search').focus();
    await page.keyboard.type('bike');
    await expect.poll(() => page.locator('#ds-status').textContent()).toBe('Showing 1–16 of 16 datasets (of 128)');
    // Tab to the organisation select, the rating select... then to the sort buttons.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ds-org');
    await page.locator('#ds-table th[data-key="4"] button').focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#ds-table th[data-key="4"]').getAttribute('aria-sort')).toBe('descending');
    await page.keyboard.press('Enter');
    expect(await page.locator('#ds-table th[data-key="4"]').getAttribute('aria-sort')).toBe('ascending');
    // The first title link opens its detail panel with Enter.
    await page.locator('#ds-body a').first().focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('#ds-detail h3').textContent()).resolves.toMatch(/^(Bike counts|Compteurs vélo) #\d\d$/);
    await page.locator('#ds-search').fill('');
    await expect.poll(() => page.locator('#ds-page').textContent()).toBe('Page 1 of 3');
    await page.locator('#ds-next').focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#ds-page').textContent()).toBe('Page 2 of 3');
    await page.context().close();
  }, 60_000);

  it('has no serious or critical WCAG 2.1 AA violation (axe-core) in the overview, organisation and dataset views', async () => {
    // axe is injected into the page: the page's own CSP would refuse it, so this context bypasses it.
    const { page } = await open(files.big, '#org-1', { bypassCSP: true });
    await page.evaluate(AXE);
    const audit = async () =>
      page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(c: Document, o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      });
    expect(await audit()).toEqual([]);
    await page.locator('#ds-body a').first().click();
    await page.locator('#ds-detail h3').waitFor();
    expect(await audit()).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('prints every organisation section, without the controls', async () => {
    const { page } = await open(files.small);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.org-section').evaluateAll((s) => s.filter((x) => getComputedStyle(x).display !== 'none').length)).toBe(6);
    expect(await page.locator('#datasets .controls').evaluate((x) => getComputedStyle(x).display)).toBe('none');
    const pdf = path.join(OUT, 'scorecard.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    expect(statSync(pdf).size).toBeGreaterThan(20_000);
    await page.context().close();
  }, 60_000);
});
