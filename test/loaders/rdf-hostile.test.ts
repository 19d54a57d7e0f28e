import { describe, it, expect, beforeAll } from 'vitest';
import { execa } from 'execa';
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '../../src/model/index.js';
import { ROOT, fixture } from './helpers.js';

/**
 * Issue 18's hostile RDF inputs, each in the same run as a good descriptor: every one ends in a
 * finding at its place, nothing on stderr (no stack trace), and the good file is still linted.
 * Completion is asserted, not speed (the test timeout only stops a hang).
 */

const BIN = path.join(ROOT, 'bin', 'odlint.js');
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

let dir: string;
let report: Report;
let exitCode: number | undefined;
let stderr: string;

const findingsOf = (file: string) => [...(report.files ?? []), ...report.datasets].filter((x) => ('file' in x ? x.file : x.source.file) === file).flatMap((x) => x.findings);

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-hostile-rdf-'));
  // Turtle whose prefix IRI n3 cannot resolve: n3 threw a TypeError from inside its lexer.
  writeFileSync(path.join(dir, 'prefix.ttl'), '@prefix a: <:x> .\n');
  // RDF/XML nested 20 000 levels (1.3 MB): saxes resolved each prefix through every open element.
  const levels = 20_000;
  writeFileSync(
    path.join(dir, 'deep.rdf'),
    `<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="${RDF}" xmlns:dct="http://purl.org/dc/terms/">\n<rdf:Description rdf:about="https://example.org/d">${'<dct:relation><rdf:Description>'.repeat(levels)}${'</rdf:Description></dct:relation>'.repeat(levels)}</rdf:Description></rdf:RDF>\n`,
  );
  // JSON-LD nested 1 000 levels: jsonld.js overflowed the stack inside a promise.
  let nested: object = { '@id': 'https://example.org/leaf' };
  for (let i = 0; i < 1000; i++) nested = { 'http://purl.org/dc/terms/relation': nested };
  writeFileSync(path.join(dir, 'deep.jsonld'), JSON.stringify({ '@context': { dct: 'http://purl.org/dc/terms/' }, '@id': 'https://example.org/d', 'dct:relation': nested }));
  // RDF/XML saved as UTF-16 with a byte order mark (Windows editors do): was "not a descriptor".
  const utf16 = `\ufeff<?xml version="1.0" encoding="UTF-16"?>\n<rdf:RDF xmlns:rdf="${RDF}" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dct="http://purl.org/dc/terms/">\n  <dcat:Dataset rdf:about="https://example.org/utf16">\n    <dct:title xml:lang="de">Grünflächen</dct:title>\n  </dcat:Dataset>\n</rdf:RDF>\n`;
  writeFileSync(path.join(dir, 'utf16.rdf'), Buffer.from(utf16, 'utf16le'));
  copyFileSync(fixture('dcat-ap/tolerant/contact-tel.ttl'), path.join(dir, 'good.ttl'));
  const r = await execa('node', [BIN, '.', '-f', 'json', '--no-data'], { cwd: dir, reject: false, env: { NO_COLOR: '1' } });
  exitCode = r.exitCode;
  stderr = r.stderr;
  report = JSON.parse(r.stdout) as Report;
}, 120_000);

describe('hostile RDF inputs (issue 18)', () => {
  it('the run completes with findings, exit 1, nothing on stderr', () => {
    expect(exitCode).toBe(1);
    expect(stderr).toBe('');
  });

  it('Turtle `@prefix a: <:x> .`: a syntax error at the statement, no crash', () => {
    expect(findingsOf('prefix.ttl').map((f) => [f.ruleId, f.messageId, f.location?.line, f.location?.column])).toEqual([['core/parse-error', 'syntax', 1, 1]]);
  });

  it('RDF/XML nested 20 000 deep: the depth limit is a finding at the element that goes past it', () => {
    expect(findingsOf('deep.rdf').map((f) => [f.ruleId, f.messageId, f.location?.line])).toEqual([['core/limit-exceeded', 'depth', 3]]);
    expect(findingsOf('deep.rdf')[0]!.message).toMatch(/^nested deeper than 256 levels/);
  });

  it('JSON-LD nested 1 000 deep: the depth limit is a finding, jsonld.js is never called', () => {
    expect(findingsOf('deep.jsonld').map((f) => [f.ruleId, f.messageId])).toEqual([['core/limit-exceeded', 'depth']]);
  });

  it('UTF-16 RDF/XML with a byte order mark is decoded and loaded, its lines as in the file', () => {
    expect(report.datasets.filter((d) => d.source.file === 'utf16.rdf').map((d) => [d.id, d.title])).toEqual([['https://example.org/utf16', 'Grünflächen']]);
    expect(findingsOf('utf16.rdf').find((f) => f.ruleId === 'licence/licence-missing')?.location).toMatchObject({ line: 3, column: 3 });
  });

  it('the good descriptor of the same run is linted', () => {
    expect(report.datasets.filter((d) => d.source.file === 'good.ttl').map((d) => d.id)).toEqual([
      'https://opendata.example.de/dataset/baumkataster',
      'https://opendata.example.de/dataset/gruenflaechen',
      'https://opendata.example.de/dataset/laerm',
    ]);
  });
});
