import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDescriptor, type LoadOutcome } from '../../src/loaders/index.js';
import { parseJsonLd } from '../../src/loaders/rdf-jsonld.js';
import { parseRdfXmlTolerant } from '../../src/loaders/rdf-xml.js';
import { splitStatements } from '../../src/loaders/rdf-turtle.js';
import { termProblem } from '../../src/loaders/rdf-terms.js';
import type { LoadIssue } from '../../src/loaders/types.js';
import { fixture } from './helpers.js';

type Loaded = Extract<LoadOutcome, { kind: 'loaded' }>;

async function load(rel: string): Promise<Loaded> {
  const outcome = await loadDescriptor(fixture(rel));
  if (outcome.kind !== 'loaded') throw new Error(`${rel}: ${JSON.stringify(outcome)}`);
  return outcome;
}

/** rule, message id, message data, line:column — what a finding will say and where. */
const brief = (issues: LoadIssue[]) => issues.map((i) => [i.ruleId, i.messageId, i.data, `${i.location.line}:${i.location.column}`]);

const XSD = 'http://www.w3.org/2001/XMLSchema#';

describe('tolerant RDF: one bad term never rejects the file', () => {
  it('Turtle: the phone IRI with spaces is reported at its column; the rest of its statement and the file load', async () => {
    const { datasets, issues } = await load('dcat-ap/tolerant/contact-tel.ttl');
    expect(datasets.map((d) => [d.id, d.title?.de])).toEqual([
      ['https://opendata.example.de/dataset/baumkataster', 'Straßenbaumkataster'],
      ['https://opendata.example.de/dataset/gruenflaechen', 'Grünflächen'],
      ['https://opendata.example.de/dataset/laerm', 'Lärmkarten'],
    ]);
    const [trees, green] = datasets;
    // Read after the bad IRI, in the same blank node and the same statement.
    expect(trees!.contactPoint).toEqual({ name: 'Behörde für Umwelt', email: 'baeume@example.de' });
    expect(trees!.keywords).toEqual(['Bäume']);
    // Ill-typed literals and host-less IRIs are valid RDF: loaded as written, and reported.
    expect(trees!.modified).toBe('2024-11-05');
    expect(trees!.landingPage).toBe('https:/opendata.example.de/baumkataster');
    expect(green!.temporal).toEqual({ start: '2023-02-30' });
    expect(brief(issues)).toEqual([
      // n3 quotes the IRI up to its first space; the phone number is masked.
      ['core/parse-error', 'skipped', { message: 'invalid Turtle: Unexpected "<tel:+**"' }, '17:28'],
      ['core/invalid-rdf-term', 'literal', { value: '2024-11-05', datatype: 'xsd:dateTime' }, '12:5'],
      ['core/invalid-rdf-term', 'iri', { iri: 'https:/opendata.example.de/baumkataster' }, '13:5'],
      // Inside `dct:temporal [ … ]`: located through the statement that holds the blank node.
      ['core/invalid-rdf-term', 'literal', { value: '2023-02-30', datatype: 'xsd:date' }, '25:41'],
    ]);
    // Term findings belong to the dataset whose description holds the term; syntax errors to the file.
    expect(issues.map((i) => i.dataset?.id)).toEqual([undefined, trees!.id, trees!.id, green!.id]);
  });

  it('RDF/XML: an element with an unreadable IRI is reported at its line; the other elements and datasets load', async () => {
    const { datasets, issues } = await load('dcat-ap/tolerant/contact-tel.rdf');
    // `rdf:about="https://example.org/ds 2"`: that dataset cannot be named, the others load.
    expect(datasets.map((d) => d.id)).toEqual(['https://example.org/ds/1', 'https://example.org/ds/3']);
    expect(datasets[0]!.contactPoint).toEqual({ name: 'Amt', email: 'info@example.org' });
    expect(brief(issues)).toEqual([
      ['core/parse-error', 'skipped', { message: "invalid RDF/XML: Invalid IRI according to RDF Turtle: 'tel:+** ** * ** ** - ***'" }, '8:71'],
      ['core/parse-error', 'skipped', { message: "invalid RDF/XML: Invalid IRI according to RDF Turtle: 'https://example.org/ds 2'" }, '15:54'],
      ['core/invalid-rdf-term', 'literal', { value: '2021-02-30', datatype: 'xsd:date' }, '12:5'],
      ['core/invalid-rdf-term', 'iri', { iri: 'https:/example.com' }, '13:5'],
    ]);
  });

  it('Turtle: a literal n3 cannot read (bad escape) is left out, its statement and file read', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-literal-'));
    const file = path.join(dir, 'literal.ttl');
    writeFileSync(file, '@prefix dct: <http://purl.org/dc/terms/> .\n<https://example.org/d> a <http://www.w3.org/ns/dcat#Dataset> ;\n  dct:title "C:\\q\\data \\q"@en ;\n  dct:description "Read after the bad literal" .\n');
    const { datasets, issues } = (await loadDescriptor(file)) as Loaded;
    expect(datasets.map((d) => [d.id, d.title, d.description])).toEqual([['https://example.org/d', undefined, { '': 'Read after the bad literal' }]]);
    expect(issues.map((i) => [i.ruleId, i.location.line, i.location.column])).toEqual([['core/parse-error', 3, 13]]);
  });

  it('XML that is not well-formed is still one syntax error and no dataset', async () => {
    expect(await loadDescriptor(fixture('malformed/broken.rdf'))).toEqual({ kind: 'parse-error', message: 'invalid RDF/XML: unexpected close tag', line: 6, column: 35 });
  });

  it('XSD lexical forms: dates, times, numbers, booleans', () => {
    const lit = (value: string, type: string) => termProblem({ kind: 'literal', value, datatype: `${XSD}${type}` })?.messageId;
    expect([lit('2024-02-29', 'date'), lit('2023-02-29', 'date'), lit('2024-1-5', 'date'), lit('2024-05-10+02:00', 'date')]).toEqual([undefined, 'literal', 'literal', undefined]);
    expect([lit('2024-05-10T10:00:00Z', 'dateTime'), lit('2024-05-10', 'dateTime'), lit('2024-05-10T24:00:00', 'dateTime'), lit('2024-05-10 10:00:00', 'dateTime')]).toEqual([
      undefined,
      'literal',
      undefined,
      'literal',
    ]);
    expect([lit('2024-05-10T10:00:00', 'dateTimeStamp'), lit('12323', 'nonNegativeInteger'), lit('1,5', 'decimal'), lit('yes', 'boolean'), lit(' 2020 ', 'gYear')]).toEqual([
      'literal',
      undefined,
      'literal',
      'literal',
      undefined,
    ]);
    // A datatype odlint does not check, a language-tagged string, a well-formed IRI: fine.
    expect(termProblem({ kind: 'literal', value: 'x', datatype: `${XSD}anyURI` })).toBeUndefined();
    expect(termProblem({ kind: 'iri', value: 'http://example.org/a' })).toBeUndefined();
    expect(termProblem({ kind: 'iri', value: 'urn:isbn:123' })).toBeUndefined();
    expect(termProblem({ kind: 'iri', value: 'http:example.org' })).toEqual({ messageId: 'iri', data: { iri: 'http:example.org' } });
  });

  it('statements are cut at their final dot, not at dots in strings, IRIs, names, numbers or comments', () => {
    const text = '@prefix ex: <http://ex.org/a.b#> .\nPREFIX dct: <http://purl.org/dc/terms/>\nex:a.b dct:title "x. y" ; ex:n 1.5 ; ex:c [ ex:d "." ] . # done.\nex:e ex:f ex:g.\n';
    expect(splitStatements(text).map((s) => text.slice(s.start, s.end))).toEqual([
      '@prefix ex: <http://ex.org/a.b#> .',
      'PREFIX dct: <http://purl.org/dc/terms/>',
      'ex:a.b dct:title "x. y" ; ex:n 1.5 ; ex:c [ ex:d "." ] .',
      'ex:e ex:f ex:g.',
    ]);
  });
});

describe('RDF in a protocol envelope', () => {
  it('CSW GetRecordsResponse (GeoNetwork GeoDCAT-AP): records unwrapped at their own lines, paging kept', async () => {
    const outcome = await load('dcat-ap/envelopes/csw-geodcat-ap.xml');
    expect(outcome.format).toBe('dcat-ap');
    expect(outcome.paging).toEqual({ protocol: 'csw', numberOfRecordsMatched: 37, numberOfRecordsReturned: 2, nextRecord: 3 });
    expect(outcome.datasets.map((d) => [d.id, d.title?.de, d.at.line])).toEqual([
      ['https://metaver.example.de/srv/api/records/7a1c4f0e-2b11-4c55-9d8e-0e5f3b9a1d21', 'Straßenbaumkataster Hamburg', 6],
      ['https://metaver.example.de/srv/api/records/c93e2d57-88a0-4f1b-a0d4-5b6e7f0a9c13', 'Grünflächeninformationssystem', 37],
    ]);
    const [trees] = outcome.datasets;
    expect(trees!.distributions.map((d) => [d.accessURL, d.licence?.raw, d.at.line])).toEqual([
      ['https://geodienste.example.de/HH_WFS_Strassenbaumkataster', 'http://dcat-ap.de/def/licenses/dl-by-de/2.0', 27],
    ]);
    expect(trees!.contactPoint).toEqual({ name: 'Behörde für Umwelt, Klima, Energie und Agrarwirtschaft', email: 'strassenbaeume@example.de' });
    expect(trees!.locations.title?.line).toBe(8);
    expect(brief(outcome.issues)).toEqual([
      ['core/parse-error', 'skipped', { message: "invalid RDF/XML: Invalid IRI according to RDF Turtle: 'tel:+** ** * ** ** - ***'" }, '18:75'],
      ['core/invalid-rdf-term', 'literal', { value: '2024-11-05', datatype: 'xsd:dateTime' }, '13:9'],
      ['core/invalid-rdf-term', 'iri', { iri: 'https:/metaver.example.de/trefferanzeige?docuuid=c93e2d57' }, '40:9'],
    ]);
  });

  it('OAI-PMH ListRecords: each record’s rdf:RDF loads, a deleted record has none, the resumption token is kept', async () => {
    const outcome = await load('dcat-ap/envelopes/oai-pmh-listrecords.xml');
    expect(outcome.paging).toEqual({ protocol: 'oai-pmh', resumptionToken: 'dcat_ap!!!100!2025-03-14T09:20:01Z', completeListSize: 3120, cursor: 0 });
    expect(outcome.datasets.map((d) => [d.id, d.at.line, d.distributions.length])).toEqual([
      ['https://repository.example.org/dataset/1042', 14, 1],
      ['https://repository.example.org/dataset/1043', 41, 0],
    ]);
    expect(brief(outcome.issues)).toEqual([['core/invalid-rdf-term', 'literal', { value: '01/03/2025', datatype: 'xsd:date' }, '43:13']]);
  });
});

describe('JSON-LD forms', () => {
  it('expanded (no @context, full IRIs) loads like compacted JSON-LD', async () => {
    const { datasets, issues } = await load('dcat-ap/jsonld/expanded.jsonld');
    expect(datasets.map((d) => [d.id, d.title, d.licence?.raw, d.at.pointer])).toEqual([
      ['https://data.example.org/dataset/air-quality', { en: 'Air quality measurements' }, 'http://creativecommons.org/licenses/by/4.0/', '/0'],
      ['https://data.example.org/dataset/noise', { '': 'Noise map' }, undefined, '/1'],
    ]);
    expect(datasets[0]!.distributions.map((d) => [d.downloadURL, d.at.pointer])).toEqual([['https://data.example.org/files/air-quality.csv', '/0/http:~1~1www.w3.org~1ns~1dcat#distribution/0']]);
    expect(brief(issues)).toEqual([['core/invalid-rdf-term', 'literal', { value: '2024-13-01', datatype: 'xsd:date' }, '20:5']]);
    expect(issues[0]!.location.pointer).toBe('/1/http:~1~1purl.org~1dc~1terms~1issued');
  });

  it('@graph inside a node (a named graph) is read with the default graph', async () => {
    const { datasets, issues } = await load('dcat-ap/jsonld/flattened-nested-graph.jsonld');
    expect(issues).toEqual([]);
    expect(datasets.map((d) => [d.id, d.title, d.at.pointer, d.distributions.map((x) => x.accessURL)])).toEqual([
      ['https://data.example.org/dataset/parks', { '': 'Parks and gardens' }, '/@graph/1/@graph/0', ['https://data.example.org/files/parks.geojson']],
    ]);
  });

  it('the schema.org and W3C DCAT contexts are served from their bundled copies: no remote-context finding', async () => {
    const bikes = await load('dcat-ap/jsonld/schema-org-context.jsonld');
    expect(bikes.issues).toEqual([]);
    expect(bikes.datasets.map((d) => [d.id, d.title, d.keywords])).toEqual([['https://data.example.org/dataset/bikes', { '': 'Bike counters' }, []]]);
    // schema:keywords is not dcat:keyword: kept in extras under its prefixed name.
    expect(bikes.datasets[0]!.extras['schema:keywords']).toEqual(['mobility', 'bicycles']);
    const trees = await load('dcat-ap/jsonld/w3c-dcat-context.jsonld');
    expect(trees.issues).toEqual([]);
    expect(trees.datasets[0]!.extras['rdfs:label']).toBe('Trees');
  });
});

describe('JSON-LD depth is checked before jsonld.js is called', () => {
  const nested = (levels: number) => {
    let v: object = { '@id': 'https://example.org/leaf' };
    for (let i = 0; i < levels; i++) v = { 'http://purl.org/dc/terms/relation': v };
    return { '@id': 'https://example.org/d', 'http://purl.org/dc/terms/relation': v };
  };
  const at = () => ({ line: 1, column: 1 });

  it('past limits.depth: LimitExceeded, whatever the nesting', async () => {
    await expect(parseJsonLd(nested(300), 'file:///x.jsonld', { depth: 256, parseErrors: 100 }, at)).rejects.toMatchObject({ limit: 'depth', max: 256 });
  });

  it('never past 500, where jsonld.js would run out of stack, even when the limit is raised', async () => {
    await expect(parseJsonLd(nested(900), 'file:///x.jsonld', { depth: 10_000, parseErrors: 100 }, at)).rejects.toMatchObject({ limit: 'depth', max: 500 });
    expect((await parseJsonLd(nested(400), 'file:///x.jsonld', { depth: 10_000, parseErrors: 100 }, at)).graph.size).toBe(401);
  });
});

describe('RDF/XML scope resolution is linear', () => {
  it('40 000 nested elements parse to the end when the depth limit allows them', { timeout: 60_000 }, async () => {
    const levels = 20_000;
    const text = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="http://purl.org/dc/terms/"><rdf:Description rdf:about="https://example.org/d">${'<dct:relation><rdf:Description>'.repeat(levels)}${'</rdf:Description></dct:relation>'.repeat(levels)}</rdf:Description></rdf:RDF>`;
    let quads = 0;
    const result = await parseRdfXmlTolerant(text, 'file:///deep.rdf', () => quads++, { maxErrors: 100, maxDepth: Number.MAX_SAFE_INTEGER });
    expect(result).toEqual({ errors: [], gaveUp: false });
    expect(quads).toBe(levels);
  });
});
