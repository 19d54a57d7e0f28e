import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { stringify as yamlStringify } from 'yaml';
import { CORPUS } from '../helpers/lint.js';

/**
 * What the fuzzer feeds odlint: a folder of files (name → content), built from small grammars of
 * every input format (CKAN, udata, DCAT-AP in Turtle, N-Triples, RDF/XML and JSON-LD, DCAT-US,
 * Frictionless, dataset.yaml, JSON Lines, CSV and JSON data files) or mutated from the real
 * samples of fixtures/corpus, with personal data planted in titles, headers, cells and file names.
 */
export type FuzzFiles = Record<string, string | Uint8Array>;

/** Fictitious personal data (valid checksums: real detectors must find them), planted everywhere. */
export const PII = ['louise.peeters@example.be', 'marie.janssens@example.be', 'BE18 7310 4726 5913', 'NL21RABO0317529468', '91.04.23-163.19', '03090807237'];

/** Each planted value as written and without its separators (how a report could still leak it). */
export const PII_FORMS: { value: string; forms: string[] }[] = PII.map((value) => ({ value, forms: [...new Set([value, value.replace(/[\s.\-/]/g, '')])] }));

/** Text that trips parsers: syntax of each format, odd Unicode, limits' edge cases. */
const TRICKY = [
  '', ' ', '"', "'", '\\', '\n', '\r\n', '\t', ',', ';', '|', '\u0000', '\uFEFF', '\uD800', '\u202E', 'é', '𝔘', '0', '-1', '1e309', 'NaN', 'null', 'true',
  '[', '{', '}', ']', '<', '>', '&', '&a', '*a', '@prefix a: <:x> .', '<:x>', '_:b', '"""', '#', '%', '---', '...', '? ', ': ', '- ', '!!binary', '!!js/function',
  '${x}', '../../etc/passwd', '/dev/zero', 'file:///etc/passwd', 'http://', 'https://example.org/x y', 'mailto:', 'CC-BY-4.0', 'cc-by', 'ODbL-1.0 OR MIT', '(a+)+', '%Y-%m-%d',
  'a'.repeat(300), ' '.repeat(200), '['.repeat(300), '{"a":'.repeat(50),
];

const tricky = fc.constantFrom(...TRICKY);
const pii = fc.constantFrom(...PII);
/** Free text: mostly ordinary, sometimes tricky, sometimes personal data alone or within words. */
export const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 2, arbitrary: tricky },
  { weight: 2, arbitrary: pii },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), pii, fc.string({ maxLength: 8 })).map(([a, p, b]) => `${a} ${p} ${b}`) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);
const word = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), pii);
const licence = fc.oneof(fc.constantFrom('CC-BY-4.0', 'cc-by', 'CC0-1.0', 'odc-odbl', 'notspecified', 'Licence Ouverte / Open Licence', 'https://creativecommons.org/licenses/by/4.0/'), text);
const format = fc.constantFrom('CSV', 'csv', 'text/csv', 'JSON', 'XLSX', 'PDF', 'zip', '', 'application/ld+json');
const date = fc.oneof(fc.constantFrom('2023-01-01', '2024-03-14T10:00:00Z', '2023', '31/12/2023', ''), text);
/** A data path: a CSV of the case, a missing file, an escape from the folder, or a URL. */
const dataPath = fc.oneof(
  fc.constantFrom('data.csv', 'data/table.csv', 'records.json', 'missing.csv', '../outside.csv', '/etc/passwd', 'data/../../x.csv'),
  word.map((w) => `data/${w}.csv`),
);
const url = fc.oneof(fc.constantFrom('https://example.org/data.csv', 'http://example.org/a b.csv', 'ftp://x', 'not a url', ''), pii.map((p) => `https://example.org/${p}.csv`));

// ---- data files -------------------------------------------------------------------------

const cell = fc.oneof(
  { weight: 4, arbitrary: fc.oneof(fc.integer().map(String), fc.double({ noNaN: true }).map(String), fc.constantFrom('1,5', '1 234', 'M', 'F', 'x', 'Men', 'Women', 'NA', '-', '')) },
  { weight: 2, arbitrary: text },
  { weight: 1, arbitrary: pii },
);
/** A CSV (or TSV) table: header and rows, sometimes ragged, sometimes with broken quoting. */
export const csvFile: fc.Arbitrary<string> = fc
  .record({
    sep: fc.constantFrom(',', ';', '\t', '|'),
    eol: fc.constantFrom('\n', '\r\n'),
    header: fc.array(fc.oneof(word, pii, text), { minLength: 1, maxLength: 6 }),
    rows: fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 8 }),
    quoteAll: fc.boolean(),
    bom: fc.boolean(),
  })
  .map(({ sep, eol, header, rows, quoteAll, bom }) => {
    const q = (v: string) => (quoteAll || /[",;\t|\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    return (bom ? '\uFEFF' : '') + [header, ...rows].map((r) => r.map(q).join(sep)).join(eol) + eol;
  });

/** A JSON data file: an array of records (or anything JSON). */
export const jsonDataFile: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.dictionary(fc.oneof(word, pii), cell, { maxKeys: 5 }), { maxLength: 6 }).map((a) => JSON.stringify(a)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
);

// ---- descriptors --------------------------------------------------------------------------

const ckanPackage = fc.record(
  {
    name: word,
    title: text,
    notes: text,
    license_id: licence,
    license_title: text,
    maintainer_email: fc.oneof(pii, text),
    author: text,
    metadata_created: date,
    tags: fc.array(fc.record({ name: text }), { maxLength: 3 }),
    extras: fc.array(fc.record({ key: fc.oneof(word, text), value: text }), { maxLength: 3 }),
    organization: fc.record({ name: word, title: text, is_organization: fc.constant(true) }),
    resources: fc.array(fc.record({ url, format, name: text, mimetype: format, package_id: word }, { requiredKeys: ['url'] }), { maxLength: 3 }),
  },
  { requiredKeys: ['name', 'notes'] },
);
const ckanFile = fc.oneof(
  ckanPackage.map((p) => ({ success: true, result: p })),
  fc.array(ckanPackage, { maxLength: 3 }).map((results) => ({ success: true, result: { count: results.length, results } })),
  ckanPackage,
);

const udataDataset = fc.record(
  {
    id: word,
    slug: word,
    title: text,
    description: text,
    license: licence,
    frequency: fc.constantFrom('annual', 'unknown', 'daily', ''),
    created_at: date,
    last_update: date,
    tags: fc.array(text, { maxLength: 3 }),
    organization: fc.record({ name: text }),
    contact_points: fc.array(fc.record({ name: text, email: fc.oneof(pii, text) }), { maxLength: 2 }),
    resources: fc.array(fc.record({ id: word, url, format, title: text, filetype: fc.constantFrom('file', 'remote'), mime: format, filesize: fc.nat() }, { requiredKeys: ['url'] }), { maxLength: 3 }),
  },
  { requiredKeys: ['slug', 'title'] },
);
const udataFile = fc.oneof(udataDataset, fc.array(udataDataset, { maxLength: 3 }).map((data) => ({ data, page: 1, total: data.length })));

const podDataset = fc.record(
  {
    title: text,
    description: text,
    identifier: word,
    accessLevel: fc.constantFrom('public', 'restricted public', 'non-public', 'x'),
    keyword: fc.array(text, { maxLength: 3 }),
    modified: date,
    publisher: fc.record({ name: text }),
    contactPoint: fc.record({ fn: text, hasEmail: fc.oneof(pii.map((p) => `mailto:${p}`), text) }),
    bureauCode: fc.array(fc.constantFrom('015:11', 'x'), { maxLength: 2 }),
    license: licence,
    distribution: fc.array(fc.record({ downloadURL: url, mediaType: format, title: text, accessURL: url }, { requiredKeys: [] }), { maxLength: 3 }),
  },
  { requiredKeys: ['title', 'accessLevel'] },
);
const podFile = fc.oneof(
  { weight: 3, arbitrary: fc.array(podDataset, { minLength: 1, maxLength: 3 }).map((dataset) => ({ conformsTo: 'https://project-open-data.cio.gov/v1.1/schema', '@type': 'dcat:Catalog', dataset })) },
  { weight: 1, arbitrary: podDataset },
);

const field = fc.record({
  name: fc.oneof(word, pii, text),
  type: fc.constantFrom('string', 'integer', 'number', 'date', 'boolean', 'any', 'geopoint', 'nonsense'),
  format: fc.oneof(fc.constant(undefined), fc.constantFrom('default', 'email', '%Y-%m-%d', '%d/%m/%Y', 'any')),
  constraints: fc.oneof(fc.constant(undefined), fc.record({ required: fc.boolean(), pattern: fc.constantFrom('[a-z]+', '(a+)+', '(?<=x)y', '(', '\\d{3}') }, { requiredKeys: [] })),
});
const frictionlessPackage = fc.record(
  {
    name: word,
    title: text,
    description: text,
    licenses: fc.array(fc.record({ name: licence, path: url, title: text }, { requiredKeys: [] }), { maxLength: 2 }),
    contributors: fc.array(fc.record({ title: text, email: fc.oneof(pii, text) }), { maxLength: 2 }),
    resources: fc.array(
      fc.record(
        { name: word, path: dataPath, format, mediatype: format, encoding: fc.constantFrom('utf-8', 'latin1', 'nonsense'), schema: fc.record({ fields: fc.array(field, { maxLength: 4 }) }), dialect: fc.record({ delimiter: fc.constantFrom(',', ';', '\t', ''), header: fc.boolean() }, { requiredKeys: [] }) },
        { requiredKeys: ['path'] },
      ),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: ['resources'] },
);

const odlintDataset = fc.record(
  {
    id: word,
    title: fc.oneof(text, fc.record({ en: text, fr: text }, { requiredKeys: [] })),
    description: text,
    keywords: fc.array(text, { maxLength: 3 }),
    publisher: fc.record({ name: text, email: fc.oneof(pii, text) }, { requiredKeys: [] }),
    contactPoint: fc.oneof(pii, text),
    licence,
    issued: date,
    modified: date,
    language: fc.array(fc.constantFrom('en', 'fr', 'nl', 'xx'), { maxLength: 2 }),
    flags: fc.record({ concernsIndividuals: fc.boolean(), sexDisaggregated: fc.boolean() }, { requiredKeys: [] }),
    extras: fc.dictionary(fc.oneof(word, pii), text, { maxKeys: 3 }),
    distributions: fc.array(fc.record({ id: word, title: text, path: dataPath, format, downloadURL: url }, { requiredKeys: [] }), { maxLength: 2 }),
  },
  { requiredKeys: ['title'] },
);
/** A dataset.yaml, sometimes with anchors and aliases. */
const datasetYaml = fc.tuple(odlintDataset, fc.boolean()).map(([d, aliases]) => {
  const y = yamlStringify(d);
  return aliases ? `${y}anchors:\n  a: &a [x, y]\n  b: &b [*a, *a, *a]\n  c: [*b, *b, *b]\n` : y;
});

// ---- RDF ----------------------------------------------------------------------------------

/** A literal or IRI in Turtle/N-Triples syntax, escaped as the grammar says (and sometimes not). */
const turtleLiteral = fc.tuple(text, fc.boolean()).map(([s, raw]) => (raw ? `"${s}"` : JSON.stringify(s.replace(/[\u0000-\u001f\uD800-\uDFFF]/g, ''))));
const iri = fc.oneof(fc.constantFrom('http://example.org/ds/1', 'https://example.org/d', 'urn:x:1', 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0'), word.map((w) => `http://example.org/${encodeURIComponent(w)}`));
const dcatProps = fc.array(
  fc.oneof(
    turtleLiteral.map((l) => ['http://purl.org/dc/terms/title', l] as const),
    turtleLiteral.map((l) => ['http://purl.org/dc/terms/description', l] as const),
    turtleLiteral.map((l) => ['http://www.w3.org/ns/dcat#keyword', l] as const),
    iri.map((i) => ['http://purl.org/dc/terms/license', `<${i}>`] as const),
    pii.map((p) => ['http://www.w3.org/2006/vcard/ns#hasEmail', `<mailto:${p}>`] as const),
    fc.constant(['http://www.w3.org/ns/dcat#distribution', '_:d1'] as const),
  ),
  { maxLength: 6 },
);
const rdfDoc = fc.record({ subject: iri, props: dcatProps, dist: fc.record({ url: url, format, title: text }) });
type RdfDoc = typeof rdfDoc extends fc.Arbitrary<infer T> ? T : never;

function triples(d: RdfDoc): string[] {
  const s = `<${d.subject}>`;
  return [
    `${s} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> .`,
    ...d.props.map(([p, o]) => `${s} <${p}> ${o} .`),
    `_:d1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Distribution> .`,
    `_:d1 <http://www.w3.org/ns/dcat#downloadURL> <${d.dist.url.replace(/[<>"\s]/g, '')}> .`,
    `_:d1 <http://purl.org/dc/terms/title> ${JSON.stringify(d.dist.title)} .`,
  ];
}
const ntriples = rdfDoc.map((d) => triples(d).join('\n') + '\n');
const turtle = fc.tuple(rdfDoc, fc.constantFrom('', '@prefix a: <:x> .\n', '@prefix dcat: <http://www.w3.org/ns/dcat#> .\n', '@base <http://example.org/> .\n')).map(([d, head]) => head + triples(d).join('\n') + '\n');
// Characters XML 1.0 forbids are dropped when escaping (left in, they only test the parse error).
const xmlEscape = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uD800-\uDFFF\uFFFE\uFFFF]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const rdfXml = fc.tuple(rdfDoc, fc.constantFrom(true, true, true, true, false)).map(
  ([d, escape]) =>
    `<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dct="http://purl.org/dc/terms/">\n` +
    `<dcat:Dataset rdf:about="${xmlEscape(d.subject)}">\n` +
    d.props
      .map(([p, o]) => {
        const tag = p.includes('/dc/terms/') ? `dct:${p.split('/').pop()}` : p.includes('dcat#') ? `dcat:${p.split('#').pop()}` : 'dct:relation';
        if (o.startsWith('<')) return `  <${tag} rdf:resource="${xmlEscape(o.slice(1, -1))}"/>\n`;
        if (o.startsWith('_:')) return '';
        const literal = o.slice(1, -1);
        return `  <${tag}>${escape ? xmlEscape(literal) : literal}</${tag}>\n`;
      })
      .join('') +
    `  <dcat:distribution><dcat:Distribution><dcat:downloadURL rdf:resource="${xmlEscape(d.dist.url)}"/><dct:title>${xmlEscape(d.dist.title)}</dct:title></dcat:Distribution></dcat:distribution>\n` +
    `</dcat:Dataset>\n</rdf:RDF>\n`,
);
const jsonLd = rdfDoc.map((d) =>
  JSON.stringify({
    '@context': { dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/' },
    '@graph': [
      { '@id': d.subject, '@type': 'dcat:Dataset', ...Object.fromEntries(d.props.map(([p, o]) => [p, o.startsWith('<') ? { '@id': o.slice(1, -1) } : o])), 'dcat:distribution': { '@id': '_:d1' } },
      { '@id': '_:d1', '@type': 'dcat:Distribution', 'dcat:downloadURL': { '@id': d.dist.url }, 'dct:title': d.dist.title },
    ],
  }),
);

// ---- generic structures ---------------------------------------------------------------------

/** Any JSON whose keys come from the loaders' vocabulary, so that detection picks some format. */
const keyPool = fc.constantFrom('title', 'notes', 'resources', 'url', 'name', 'license_id', 'extras', 'key', 'value', 'slug', 'dataset', 'distribution', 'accessLevel', 'keyword', 'path', 'schema', 'fields', 'licenses', '@context', '@graph', '@id', '@type', 'distributions', 'licence', 'result', 'results', 'data');
const vocabJson = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, fc.integer(), fc.boolean(), fc.constant(null), tie('object'), tie('array')),
  object: fc.dictionary(fc.oneof(keyPool, text), tie('value'), { maxKeys: 5 }),
  array: fc.array(tie('value'), { maxLength: 4 }),
})).object;

// ---- mutations of the corpus ----------------------------------------------------------------

function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!/\.(md|txt)$/i.test(name) && statSync(p).size <= 256 * 1024) out.push(p);
    }
  };
  walk(CORPUS);
  return out.sort();
}
/** The corpus samples the mutations start from (READMEs and files over 256 KiB left out). */
export const CORPUS_FILES = corpusFiles();

type Mutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'delete'; at: number; len: number }
  | { op: 'insert'; at: number; what: string }
  | { op: 'duplicate'; at: number; len: number }
  | { op: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat(7) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 64 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), what: fc.oneof(tricky, pii, fc.string({ unit: 'binary', maxLength: 8 })) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 200 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
);

/** Applies byte-level mutations; positions wrap around the file's length. */
export function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let b = Buffer.from(bytes);
  for (const m of mutations) {
    const at = b.length ? m.at % (b.length + 1) : 0;
    if (m.op === 'flip' && at < b.length) b[at]! ^= 1 << m.bit;
    else if (m.op === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.len)]);
    else if (m.op === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(m.what), b.subarray(at)]);
    else if (m.op === 'duplicate') b = Buffer.concat([b.subarray(0, at + m.len), b.subarray(at)]);
    else if (m.op === 'truncate') b = b.subarray(0, at);
  }
  return new Uint8Array(b);
}

/** A corpus file under its own name (with personal data sometimes planted in it), mutated. */
const corpusMutant: fc.Arbitrary<FuzzFiles> = fc
  .record({ file: fc.constantFrom(...CORPUS_FILES), mutations: fc.array(mutation, { minLength: 1, maxLength: 2 }), plant: fc.option(pii), namePii: fc.option(pii) })
  .map(({ file, mutations, plant, namePii }) => {
    let bytes: Uint8Array = readFileSync(file);
    if (plant !== null) bytes = mutate(bytes, [{ op: 'insert', at: (mutations[0]!.at * 7) % (bytes.length + 1), what: ` ${plant} ` }]);
    const rel = path.relative(CORPUS, file);
    const name = namePii === null ? rel : path.join(path.dirname(rel), `${namePii} ${path.basename(rel)}`);
    const files: FuzzFiles = { [name]: mutate(bytes, mutations) };
    // A Frictionless package keeps its data files beside it, unmutated.
    const dir = path.dirname(file);
    if (/datapackage\.(json|ya?ml)$/.test(file)) for (const f of CORPUS_FILES.filter((c) => c.startsWith(dir + path.sep) && c !== file)) files[path.relative(CORPUS, f)] = readFileSync(f);
    return files;
  });

/** A case of one format (its files named as that format's are). */
const named = (name: fc.Arbitrary<string>, body: fc.Arbitrary<string>): fc.Arbitrary<FuzzFiles> => fc.tuple(name, body).map(([n, b]) => ({ [n]: b }));
const fileName = (base: string, ext: string) => fc.oneof({ weight: 3, arbitrary: fc.constant(`${base}${ext}`) }, { weight: 1, arbitrary: pii.map((p) => `${p}${ext}`) });
const json = (a: fc.Arbitrary<unknown>) => fc.tuple(a, fc.boolean()).map(([v, pretty]) => JSON.stringify(v, null, pretty ? 2 : undefined));

/** A descriptor with a data file (or two) beside it: the data paths of the grammars point at them. */
const withData = (descriptor: fc.Arbitrary<FuzzFiles>): fc.Arbitrary<FuzzFiles> =>
  fc.tuple(descriptor, csvFile, fc.option(csvFile), jsonDataFile, fc.option(pii)).map(([d, csv, csv2, jsonData, csvPii]) => ({
    ...d,
    'data.csv': csv,
    ...(csv2 === null ? {} : { [`data/${csvPii ?? 'table'}.csv`]: csv2 }),
    'records.json': jsonData,
  }));

/** Per input kind, the arbitrary building a folder of it. */
export const KINDS: Record<string, fc.Arbitrary<FuzzFiles>> = {
  ckan: withData(named(fileName('package', '.json'), json(ckanFile))),
  udata: withData(named(fileName('udata', '.json'), json(udataFile))),
  'dcat-us': withData(named(fileName('data', '.json'), json(podFile))),
  frictionless: withData(fc.oneof(named(fc.constant('datapackage.json'), json(frictionlessPackage)), named(fc.constant('datapackage.yaml'), frictionlessPackage.map((p) => yamlStringify(p))))),
  'dataset-yaml': withData(named(fc.constant('dataset.yaml'), datasetYaml)),
  'json-lines': withData(named(fileName('packages', '.jsonl'), fc.array(fc.oneof(json(ckanPackage).map((s) => s.replace(/\n/g, ' ')), text), { minLength: 1, maxLength: 4 }).map((l) => l.join('\n') + '\n'))),
  turtle: named(fileName('catalog', '.ttl'), turtle),
  'n-triples': named(fileName('catalog', '.nt'), ntriples),
  'rdf-xml': named(fileName('catalog', '.rdf'), rdfXml),
  'json-ld': named(fileName('catalog', '.jsonld'), jsonLd),
  csv: named(fileName('table', '.csv'), csvFile),
  'json-data': named(fileName('records', '.json'), jsonDataFile),
  'any-json': withData(named(fileName('any', '.json'), json(vocabJson))),
  'any-yaml': withData(named(fc.constantFrom('dataset.yaml', 'datapackage.yml', 'x.yaml'), vocabJson.map((v) => yamlStringify(v)))),
  corpus: corpusMutant,
};

/** Grammar-built bodies, byte-mutated afterwards (so each format is also seen broken). */
const mutatedKind = fc.tuple(fc.constantFrom(...Object.keys(KINDS).filter((k) => k !== 'corpus')), fc.array(mutation, { minLength: 1, maxLength: 3 })).chain(([kind, muts]) =>
  KINDS[kind]!.map((files) => {
    const [first, ...rest] = Object.entries(files);
    const [name, body] = first!;
    return Object.fromEntries([[name, mutate(typeof body === 'string' ? Buffer.from(body) : body, muts)], ...rest]) as FuzzFiles;
  }),
);

/** Every kind, grammar-built or mutated; a folder of one to three of them. */
export const fuzzFolder: fc.Arbitrary<FuzzFiles> = fc
  .array(fc.oneof(...Object.values(KINDS), mutatedKind), { minLength: 1, maxLength: 2 })
  .map((parts) => {
    // Two parts go to two subfolders, so that their files do not overwrite each other.
    if (parts.length === 1) return parts[0]!;
    return Object.fromEntries(parts.flatMap((p, i) => Object.entries(p).map(([n, b]) => [`p${i}/${n}`, b])));
  });
