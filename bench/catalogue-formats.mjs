/**
 * Generated DCAT-AP Turtle and DCAT-US catalogues for the catalogue benchmark, made like the CKAN
 * one (bench/catalogue.mjs) from the real corpus: the datasets of fixtures/corpus/dcat-ap's
 * Turtle and N-Triples files and of fixtures/corpus/dcat-us's POD data.json catalogs are the
 * templates; copy number `i` gets its own IRI / identifier, title, licence and description.
 *   - Turtle: files of 1,000 datasets as a harvest of a DCAT-AP portal gives them (a catalogue
 *     page: `@prefix`es, the dcat:Catalog listing its datasets, each dataset with its blank nodes
 *     written inline `[ … ]` and its distributions as resources of their own, shared resources such
 *     as publishers described once per file);
 *   - DCAT-US: POD v1.1 `data.json` catalogs of 1,000 datasets, or one big `data.json` (read by the
 *     streaming path of src/loaders/json-stream.ts from 16 MiB on).
 * Deterministic: the same `n` always gives the same bytes.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PLACES, SUBJECTS, templates, variant, writePages } from './catalogue.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.join(root, 'fixtures', 'corpus');
export const PER_FILE = 1000;

/** odlint's build (`npm run build`): its namespaces, and its tolerant Turtle parser for the templates. */
async function built(file) {
  const f = path.join(root, 'dist', 'src', 'loaders', file);
  if (!existsSync(f)) throw new Error('bench/catalogue-formats.mjs: run `npm run build` first');
  return import(pathToFileURL(f).href);
}
/** The prefixes of the pages: odlint's namespaces and a few more that DCAT-AP portals write. */
const NS = { ...(await built('rdf-graph.js')).NS, owl: 'http://www.w3.org/2002/07/owl#', prov: 'http://www.w3.org/ns/prov#', dqv: 'http://www.w3.org/ns/dqv#', hydra: 'http://www.w3.org/ns/hydra/core#' };
const RDF_TYPE = `${NS.rdf}type`;
const STOP_TYPES = new Set([`${NS.dcat}Dataset`, `${NS.dcat}DatasetSeries`, `${NS.dcat}Catalog`, `${NS.dcat}CatalogRecord`]);

/** Licences as DCAT-AP portals write them: EU NAL and Creative Commons IRIs, open and not, literals, unknown, the template's own (`null`), none (`''`). */
const RDF_LICENCES = [
  'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0',
  'https://creativecommons.org/licenses/by/4.0/',
  'http://publications.europa.eu/resource/authority/licence/CC0',
  'https://creativecommons.org/publicdomain/zero/1.0/',
  'http://publications.europa.eu/resource/authority/licence/ODC_BL',
  'http://opendatacommons.org/licenses/odbl/1-0/',
  'http://publications.europa.eu/resource/authority/licence/CC_BY_NC_4_0',
  'https://www.etalab.gouv.fr/licence-ouverte-open-licence',
  { literal: 'Licence Ouverte 2.0' },
  'https://data.example.eu/licence/terms-of-use',
  null,
  '',
];
/** Licences as POD data.json catalogs write them (a URL, a CKAN-like id, empty, none). */
const POD_LICENCES = [
  'https://creativecommons.org/licenses/by/4.0/',
  'https://creativecommons.org/publicdomain/zero/1.0/',
  'http://www.usa.gov/publicdomain/label/1.0/',
  'http://opendatacommons.org/licenses/odbl/1.0/',
  'https://creativecommons.org/licenses/by-nc/4.0/',
  'https://www.usa.gov/government-works',
  'cc-by',
  'notspecified',
  '',
  null,
];

/** What copy `i` is named and described as (the CKAN catalogue's subjects, places and years). */
function identity(i) {
  const subject = SUBJECTS[i % SUBJECTS.length];
  const place = PLACES[Math.floor(i / SUBJECTS.length) % PLACES.length];
  const name = `${subject.toLowerCase().replace(/\W+/g, '-')}-${place.toLowerCase()}-${i}`;
  const description = i % 7 === 0 ? '' : i % 3 === 0 ? `${subject} in ${place}, yearly figures published by the city's open-data team since ${1990 + (i % 30)}; see the documentation for definitions and methods.` : undefined;
  return { name, title: `${subject}, ${place} (${2000 + (i % 25)})`, description };
}

/** A download or access URL of copy `name`: its own last path segment, like the CKAN catalogue's resources. */
const variedUrl = (url, name, k) => (/^https?:/.test(url) ? url.replace(/(\/[^/]*)?$/, `/${name}-${k}$1`) : url);

// ---------------------------------------------------------------------------------------------
// DCAT-AP Turtle

const key = (t) => (t.termType === 'BlankNode' ? `_:${t.value}` : t.value);

/**
 * The datasets of the corpus's Turtle and N-Triples files, each as the triples that describe it:
 * its own, and those of the resources it reaches (distributions, blank nodes, described agents
 * and licences), not crossing into other datasets or catalogues.
 */
export async function rdfTemplates() {
  // odlint's own tolerant parser: two corpus files have a statement n3 alone cannot read.
  const { parseTurtleTolerant } = await built('rdf-turtle.js');
  const dir = path.join(CORPUS, 'dcat-ap');
  const out = [];
  for (const f of readdirSync(dir).filter((x) => /\.(ttl|nt)$/.test(x)).sort()) {
    const quads = [];
    await parseTurtleTolerant(readFileSync(path.join(dir, f), 'utf8'), f.endsWith('.nt') ? 'n-triples' : 'turtle', `https://data.example.eu/corpus/${f}/`, (q) => quads.push(q), 100);
    const bySubject = new Map();
    for (const q of quads) {
      const k = key(q.subject);
      if (!bySubject.has(k)) bySubject.set(k, []);
      bySubject.get(k).push(q);
    }
    const types = (k) => (bySubject.get(k) ?? []).filter((q) => q.predicate.value === RDF_TYPE).map((q) => q.object.value);
    for (const [root, own] of bySubject) {
      if (!types(root).some((t) => t === `${NS.dcat}Dataset` || t === `${NS.dcat}DatasetSeries`)) continue;
      const seen = new Set([root]);
      const triples = [];
      const visit = (k, qs) => {
        for (const q of qs) {
          triples.push(q);
          const o = key(q.object);
          if (q.object.termType === 'Literal' || seen.has(o) || !bySubject.has(o) || types(o).some((t) => STOP_TYPES.has(t))) continue;
          seen.add(o);
          visit(o, bySubject.get(o));
        }
      };
      visit(root, own);
      out.push({ file: f, root, triples });
    }
  }
  return out;
}

/**
 * Copy `i` of a template as subject → [predicate, object][] in document order: the dataset and
 * its distributions under new IRIs, blank nodes relabelled for the copy, the title, licence and
 * description varied.
 */
function rdfVariant(tpl, i) {
  const { name, title, description } = identity(i);
  const datasetIri = `https://data.example.eu/dataset/${name}`;
  const distributions = tpl.triples.filter((q) => key(q.subject) === tpl.root && q.predicate.value === `${NS.dcat}distribution` && q.object.termType === 'NamedNode').map((q) => q.object.value);
  const rename = new Map([[tpl.root, datasetIri], ...distributions.map((d, k) => [d, `${datasetIri}/distribution/${k}`])]);
  const term = (t) => {
    if (t.termType === 'BlankNode') return { kind: 'blank', value: `c${i}-${t.value.replace(/\W/g, '')}` };
    if (t.termType === 'NamedNode') return { kind: 'iri', value: rename.get(t.value) ?? t.value };
    return { kind: 'literal', value: t.value, lang: t.language || undefined, datatype: t.language || t.datatype.value === `${NS.xsd}string` ? undefined : t.datatype.value };
  };
  const licence = RDF_LICENCES[i % RDF_LICENCES.length];
  const triples = [];
  const titleLangs = new Set();
  for (const q of tpl.triples) {
    const onRoot = key(q.subject) === tpl.root;
    const p = q.predicate.value;
    if (onRoot && p === `${NS.dct}title`) {
      titleLangs.add(q.object.language ?? '');
      continue;
    }
    if (onRoot && p === `${NS.dct}license` && licence !== null) continue;
    if (onRoot && p === `${NS.dct}description` && description !== undefined) continue;
    if (onRoot && p === `${NS.dct}identifier` && q.object.termType === 'Literal') {
      triples.push([term(q.subject), p, { kind: 'literal', value: name }]);
      continue;
    }
    let o = term(q.object);
    if ((p === `${NS.dcat}downloadURL` || p === `${NS.dcat}accessURL`) && o.kind === 'iri') o = { kind: 'iri', value: variedUrl(o.value, name, Math.max(0, distributions.indexOf(q.subject.value))) };
    triples.push([term(q.subject), p, o]);
  }
  const ds = { kind: 'iri', value: datasetIri };
  for (const lang of titleLangs.size ? titleLangs : ['en']) triples.push([ds, `${NS.dct}title`, { kind: 'literal', value: title, lang: lang || undefined }]);
  if (licence) triples.push([ds, `${NS.dct}license`, typeof licence === 'string' ? { kind: 'iri', value: licence } : { kind: 'literal', value: licence.literal }]);
  if (description) triples.push([ds, `${NS.dct}description`, { kind: 'literal', value: description, lang: 'en' }]);
  // Subject → predicate → objects, in the order they first appear (the dataset first).
  const graph = new Map([[datasetIri, new Map()]]);
  for (const [s, p, o] of triples) {
    const sk = s.kind === 'blank' ? `_:${s.value}` : s.value;
    if (!graph.has(sk)) graph.set(sk, new Map());
    const props = graph.get(sk);
    if (!props.has(p)) props.set(p, []);
    // The reachable part may repeat a statement (two paths to one resource): written once.
    const list = props.get(p);
    if (!list.some((x) => x.kind === o.kind && x.value === o.value && x.lang === o.lang && x.datatype === o.datatype)) list.push(o);
  }
  return { datasetIri, graph, renamed: new Set(rename.values()) };
}

const PN_LOCAL = /^[A-Za-z_][\w-]*$/;

function iriText(iri) {
  for (const [p, ns] of Object.entries(NS)) if (iri.startsWith(ns) && PN_LOCAL.test(iri.slice(ns.length))) return `${p}:${iri.slice(ns.length)}`;
  return `<${iri.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}>`;
}

function literalText(t) {
  const body = t.value.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]);
  return `"${body}"${t.lang ? `@${t.lang}` : t.datatype ? `^^${iriText(t.datatype)}` : ''}`;
}

/**
 * Turtle of copies: each subject once, `a` first as written; a blank node named by exactly one
 * statement written inline as `[ … ]`, others by label; shared IRI resources (described by several
 * copies) written once in the file (`written`).
 */
function writeResources(variant, written) {
  const { graph } = variant;
  const uses = new Map();
  for (const props of graph.values()) for (const objects of props.values()) for (const o of objects) if (o.kind === 'blank') uses.set(o.value, (uses.get(o.value) ?? 0) + 1);
  const inline = (b) => uses.get(b) === 1 && graph.has(`_:${b}`);
  const inlined = new Set();
  const objectText = (o, indent, path) => {
    if (o.kind === 'literal') return literalText(o);
    if (o.kind === 'iri') return iriText(o.value);
    if (inline(o.value) && !path.has(o.value)) {
      inlined.add(o.value);
      return `[\n${body(graph.get(`_:${o.value}`), indent + '  ', new Set([...path, o.value]))}\n${indent}]`;
    }
    return `_:${o.value}`;
  };
  const body = (props, indent, path) =>
    [...props]
      .sort(([a], [b]) => (a === RDF_TYPE ? -1 : b === RDF_TYPE ? 1 : 0))
      .map(([p, objects]) => `${indent}${p === RDF_TYPE ? 'a' : iriText(p)} ${objects.map((o) => objectText(o, indent, path)).join(`,\n${indent}    `)}`)
      .join(' ;\n');
  const blocks = [];
  for (const [s, props] of graph) {
    const blank = s.startsWith('_:');
    if (blank && inline(s.slice(2))) continue;
    if (!blank && s !== variant.datasetIri && !variant.renamed.has(s)) {
      // Shared resources (a publisher, a licence document): once per file.
      if (written.has(s)) continue;
      written.add(s);
    }
    blocks.push(`${blank ? s : iriText(s)}\n${body(props, '    ', new Set())} .\n`);
  }
  return blocks.join('\n');
}

/** Page `page` of a Turtle catalogue: datasets `start`…`end - 1`. */
export function turtlePage(tpls, start, end, n, page) {
  const variants = [];
  for (let i = start; i < end; i++) variants.push(rdfVariant(tpls[i % tpls.length], i));
  const catalogue = 'https://data.example.eu/catalogue';
  let out = Object.entries(NS)
    .map(([p, ns]) => `@prefix ${p}: <${ns}> .`)
    .join('\n');
  out += `\n\n<${catalogue}>\n    a dcat:Catalog ;\n    dct:title "Example portal catalogue"@en ;\n    dct:description "A DCAT-AP catalogue page of ${n} datasets, page ${page + 1}."@en ;\n`;
  out += `    dcat:dataset ${variants.map((v) => iriText(v.datasetIri)).join(',\n        ')} .\n\n`;
  out += `<${catalogue}?page=${page + 1}>\n    a hydra:PagedCollection ;\n    hydra:totalItems "${n}"^^xsd:integer ;\n    hydra:itemsPerPage "${PER_FILE}"^^xsd:integer .\n\n`;
  const written = new Set();
  out += variants.map((v) => writeResources(v, written)).join('\n');
  return out;
}

/** Writes `n` datasets as Turtle catalogue pages of `perFile` into `dir`; returns the files written. */
export async function generateTurtleCatalogue(dir, n, { perFile = PER_FILE } = {}) {
  mkdirSync(dir, { recursive: true });
  const tpls = await rdfTemplates();
  const files = [];
  for (let start = 0, page = 0; start < n; start += perFile, page++) {
    const file = path.join(dir, `catalogue-${String(page).padStart(5, '0')}.ttl`);
    writeFileSync(file, turtlePage(tpls, start, Math.min(n, start + perFile), n, page));
    files.push(file);
  }
  return files;
}

// ---------------------------------------------------------------------------------------------
// DCAT-US (Project Open Data v1.1 data.json)

/** The datasets of the corpus's POD catalogs and v1.0 lists (not DCAT-US 3.0 JSON-LD). */
export function podTemplates() {
  const dir = path.join(CORPUS, 'dcat-us');
  const out = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const doc = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    const list = Array.isArray(doc) ? doc : doc.dataset;
    for (const ds of Array.isArray(list) ? list : []) if (ds && typeof ds === 'object' && !Array.isArray(ds)) out.push(ds);
  }
  return out;
}

/** Copy `i` of a POD dataset: identifier, title, licence, description and distribution URLs varied. */
function podVariant(tpl, i) {
  const ds = structuredClone(tpl);
  const { name, title, description } = identity(i);
  ds.identifier = `https://data.example.gov/id/${name}`;
  ds.title = title;
  const licence = POD_LICENCES[i % POD_LICENCES.length];
  if (licence === null) delete ds.license;
  else ds.license = licence;
  if (description !== undefined) ds.description = description;
  if (Array.isArray(ds.distribution)) {
    for (const [k, d] of ds.distribution.entries()) {
      if (!d || typeof d !== 'object') continue;
      for (const p of ['downloadURL', 'accessURL']) if (typeof d[p] === 'string') d[p] = variedUrl(d[p], name, k);
    }
  }
  return ds;
}

const POD_HEAD = {
  '@context': 'https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld',
  '@id': 'https://data.example.gov/data.json',
  '@type': 'dcat:Catalog',
  conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
  describedBy: 'https://project-open-data.cio.gov/v1.1/schema/catalog.json',
};

/** Writes `n` datasets as data.json catalogs of `perFile` into `dir`; returns the files written. */
export function generateDcatUsCatalogue(dir, n, { perFile = PER_FILE } = {}) {
  const tpls = podTemplates();
  return writePages(dir, n, perFile, (page) => `data-${page}.json`, (i) => podVariant(tpls[i % tpls.length], i), (dataset) => JSON.stringify({ ...POD_HEAD, dataset }, null, 1));
}

/** Writes `head`, then `n` records made by `record(i)` each after `between(i)`, then `tail` (record by record: memory holds one). */
function writeRecords(file, n, head, record, between, tail) {
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, head);
    let chunk = '';
    for (let i = 0; i < n; i++) {
      chunk += `${between(i)}${JSON.stringify(record(i))}`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, `${chunk}${tail}`);
  } finally {
    closeSync(fd);
  }
  return file;
}

/** Writes `n` datasets as one data.json catalog. */
export function generateDcatUsFile(file, n) {
  const tpls = podTemplates();
  return writeRecords(file, n, `${JSON.stringify(POD_HEAD, null, 1).slice(0, -2)},\n "dataset": [`, (i) => podVariant(tpls[i % tpls.length], i), (i) => `${i ? ',' : ''}\n  `, '\n ]\n}\n');
}

/** Writes the CKAN catalogue's `n` packages as one `package_search` dump (one line, as the API answers), or as JSON Lines (`lines`). */
export function generateCkanFile(file, n, { lines = false } = {}) {
  const tpls = templates();
  const record = (i) => variant(tpls[i % tpls.length], i);
  if (lines) return writeRecords(file, n, '', record, (i) => (i ? '\n' : ''), '\n');
  const head = JSON.stringify({ help: 'https://demo.ckan.org/api/3/action/help_show?name=package_search', success: true, result: { count: n, results: [] } }).slice(0, -4);
  return writeRecords(file, n, `${head}[`, record, (i) => (i ? ',' : ''), ']}}');
}

/**
 * The catalogue of `n` datasets of `kind` (`turtle`, `dcat-us`, `dcat-us-file`; `ckan-file`: the
 * CKAN catalogue's packages as one `package_search` dump, `ckan-jsonl`: as JSON Lines) under
 * `dir`, generated only when missing or incomplete; returns the path to lint.
 */
export async function cachedFormatCatalogue(kind, dir, n) {
  const files = { 'dcat-us-file': ['data.json', generateDcatUsFile], 'ckan-file': ['package_search.json', generateCkanFile], 'ckan-jsonl': ['packages.jsonl', (f, k) => generateCkanFile(f, k, { lines: true })] };
  if (files[kind]) {
    const [name, generateFile] = files[kind];
    const file = path.join(dir, name);
    const stamp = path.join(dir, 'complete');
    if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== String(statSync(file, { throwIfNoEntry: false })?.size)) {
      rmSync(dir, { recursive: true, force: true });
      generateFile(file, n);
      writeFileSync(stamp, String(statSync(file).size));
    }
    return file;
  }
  const generate = kind === 'turtle' ? generateTurtleCatalogue : generateDcatUsCatalogue;
  if (!existsSync(dir) || readdirSync(dir).length !== Math.ceil(n / PER_FILE)) {
    rmSync(dir, { recursive: true, force: true });
    await generate(dir, n);
  }
  return dir;
}
