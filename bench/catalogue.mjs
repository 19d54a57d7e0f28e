/**
 * A generated CKAN catalogue for the catalogue benchmark and the streaming tests: the real CKAN
 * packages of fixtures/corpus/ckan (ckanext-canada, ckanext-dcat, dados.gov.br, demo.ckan.org…)
 * used as templates, each copy with its own id, name, title, licence and description, written
 * as `package_search` pages of `perPage` packages — the shape a portal harvest produces.
 * Deterministic: the same `n` always gives the same files.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.join(root, 'fixtures', 'corpus', 'ckan');

/** CKAN licence ids seen on portals: open, not open, unknown, missing. */
export const LICENCES = ['cc-by', 'cc-by-sa', 'cc-zero', 'odc-odbl', 'odc-by', 'other-open', 'uk-ogl', 'CC-BY-4.0', 'notspecified', 'cc-nc', 'other-closed', 'other-at', 'gfdl', 'licence-ouverte-2.0', '', null];
export const SUBJECTS = ['Air quality', 'Bike counts', 'Population by municipality', 'School buildings', 'Public budget', 'Parking spaces', 'Noise map', 'Tree inventory', 'Election results', 'Traffic accidents', 'Water quality', 'Library loans'];
export const PLACES = ['Brussels', 'Gent', 'Liège', 'Namur', 'Antwerpen', 'Luxembourg', 'Lyon', 'Rotterdam', 'Utrecht', 'Lille'];

/** The corpus packages (package_show results, package_search results, bare packages). */
export function templates() {
  const out = [];
  for (const f of readdirSync(CORPUS).filter((x) => x.endsWith('.json')).sort()) {
    const doc = JSON.parse(readFileSync(path.join(CORPUS, f), 'utf8'));
    const r = doc.result ?? doc;
    for (const pkg of Array.isArray(r.results) ? r.results : [r]) if (pkg && typeof pkg === 'object' && (pkg.name || pkg.id || pkg.resources)) out.push(pkg);
  }
  return out;
}

/** Package number `i`: a template with varied identity, title, licence and description. */
export function variant(tpl, i) {
  const pkg = structuredClone(tpl);
  const subject = SUBJECTS[i % SUBJECTS.length];
  const place = PLACES[Math.floor(i / SUBJECTS.length) % PLACES.length];
  pkg.id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  pkg.name = `${subject.toLowerCase().replace(/\W+/g, '-')}-${place.toLowerCase()}-${i}`;
  pkg.title = `${subject}, ${place} (${2000 + (i % 25)})`;
  const licence = LICENCES[i % LICENCES.length];
  if (licence === null) delete pkg.license_id;
  else pkg.license_id = licence;
  if (i % 7 === 0) pkg.notes = '';
  else if (i % 3 === 0) pkg.notes = `${subject} in ${place}, yearly figures published by the city's open-data team since ${1990 + (i % 30)}; see the documentation for definitions and methods.`;
  for (const [k, res] of (pkg.resources ?? []).entries()) {
    res.id = `${pkg.id.slice(0, 24)}${String(k).padStart(12, '0')}`;
    if (typeof res.url === 'string' && /^https?:/.test(res.url)) res.url = res.url.replace(/(\/[^/]*)?$/, `/${pkg.name}-${k}$1`);
  }
  return pkg;
}

/** Writes `n` packages as package_search pages into `dir`; returns the files written. */
/** The catalogue of `n` datasets in `dir`, generated only when missing or incomplete (pages of 1 000). */
export function cachedCatalogue(dir, n) {
  if (!existsSync(dir) || readdirSync(dir).length !== Math.ceil(n / 1000)) generateCatalogue(dir, n);
}

export function generateCatalogue(dir, n, { perPage = 1000 } = {}) {
  const tpls = templates();
  return writePages(dir, n, perPage, (page) => `package_search-${page}.json`, (i) => variant(tpls[i % tpls.length], i), (results) =>
    JSON.stringify({ help: 'https://demo.ckan.org/api/3/action/help_show?name=package_search', success: true, result: { count: n, results } }),
  );
}

/**
 * Writes records 0…n-1 into `dir` as pages of `perPage`: `record(i)` makes one, `text(records)`
 * one page's file content, `name(page)` its file name from the zero-padded page number.
 * Returns the files written.
 */
export function writePages(dir, n, perPage, name, record, text) {
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (let start = 0, page = 0; start < n; start += perPage, page++) {
    const records = [];
    for (let i = start; i < Math.min(n, start + perPage); i++) records.push(record(i));
    const file = path.join(dir, name(String(page).padStart(5, '0')));
    writeFileSync(file, text(records));
    files.push(file);
  }
  return files;
}
