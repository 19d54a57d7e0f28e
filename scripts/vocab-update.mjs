#!/usr/bin/env node
// Refreshes the compact EU vocabularies of schemas/shacl/vocabularies/ from the EU Vocabularies
// (Publications Office) SKOS downloads: every concept `skos:inScheme` the table's scheme. Needs
// the network: run by hand (`npm run vocab:update`), never in CI or tests, and commit the result.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RdfXmlParser } from 'rdfxml-streaming-parser';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../schemas/shacl/vocabularies');
const IN_SCHEME = 'http://www.w3.org/2004/02/skos/core#inScheme';
// The scheme IRI dereferences to its RDF/XML with content negotiation.
for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
  const file = path.join(dir, name);
  const text = readFileSync(file, 'utf8');
  const scheme = text.match(/^# scheme (\S+)/m)[1];
  const pattern = text.match(/^# concept (\S+)/m)[1];
  const [prefix, suffix] = pattern.split('<code>');
  const response = await fetch(scheme, { headers: { accept: 'application/rdf+xml' } });
  if (!response.ok) {
    console.error(`${name}: ${scheme} answered ${response.status}; kept as is`);
    continue;
  }
  const codes = new Set();
  const body = await response.text();
  await new Promise((resolve, reject) => {
    const parser = new RdfXmlParser({ baseIRI: scheme });
    parser.on('data', (q) => {
      if (q.predicate.value === IN_SCHEME && q.object.value === scheme && q.subject.value.startsWith(prefix) && q.subject.value.endsWith(suffix)) {
        codes.add(q.subject.value.slice(prefix.length, q.subject.value.length - suffix.length));
      }
    });
    parser.on('error', reject).on('end', resolve);
    parser.end(body);
  });
  if (!codes.size) {
    console.error(`${name}: no concept of ${scheme} found; kept as is`);
    continue;
  }
  const header = `# scheme ${scheme}\n# concept ${pattern}\n# source: ${scheme} (EU Vocabularies), ${new Date().toISOString().slice(0, 10)}\n# refresh: npm run vocab:update\n`;
  writeFileSync(file, header + [...codes].sort().join('\n') + '\n');
  console.log(`${name}: ${codes.size} concepts`);
}
