#!/usr/bin/env node
// `npm run vocab:update [-- --from <dir>] [-- --dry-run]`: refreshes the compact EU vocabularies
// of schemas/shacl/vocabularies/ (docs: schemas/shacl/SOURCES.md#eu-vocabularies-vocabulariestxt).
// For each table it asks the Publications Office's Cellar for the complete dump of the table
// (`/webapi/nal/get?nalUri=<scheme>`, RDF/XML, the documented NAL download), else the scheme
// IRI itself with content negotiation, and keeps every concept `skos:inScheme` the scheme whose
// IRI fits the file's concept pattern. With `--from <dir>` it reads `<file name>.rdf` (RDF/XML)
// or `<file name>.ttl` (Turtle) there instead — the SKOS files of each table as downloaded by
// hand from op.europa.eu/web/eu-vocabularies (e.g. `data-theme.rdf` for data-theme.txt). A table
// that cannot be had, or yields no concept, is kept as it is and said so. Needs the network
// (without --from): run by hand, never in CI or tests; review the diff and commit it.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Parser } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';

const IN_SCHEME = 'http://www.w3.org/2004/02/skos/core#inScheme';
const NAL_GET = 'https://publications.europa.eu/webapi/nal/get?nalUri=';

/** A vocabulary file's header: `# scheme <IRI>` and `# concept <pattern with <code>>`. */
export function header(text) {
  const scheme = text.match(/^# scheme (\S+)/m)?.[1];
  const pattern = text.match(/^# concept (\S+)/m)?.[1];
  if (!scheme || !pattern?.includes('<code>')) throw new Error('no "# scheme" and "# concept <…<code>…>" lines');
  return { scheme, pattern };
}

/** The codes of the concepts of `scheme` in an RDF/XML (or, `turtle`, Turtle) document, sorted. */
export async function conceptCodes(text, scheme, pattern, { turtle = false } = {}) {
  const [prefix, suffix] = pattern.split('<code>');
  const codes = new Set();
  const take = (q) => {
    const iri = q.subject.value;
    if (q.predicate.value === IN_SCHEME && q.object.value === scheme && iri.startsWith(prefix) && iri.endsWith(suffix) && iri.length > prefix.length + suffix.length) {
      codes.add(iri.slice(prefix.length, iri.length - suffix.length));
    }
  };
  if (turtle) new Parser({ baseIRI: scheme }).parse(text).forEach(take);
  else {
    await new Promise((resolve, reject) => {
      const parser = new RdfXmlParser({ baseIRI: scheme });
      parser.on('data', take).on('error', reject).on('end', resolve);
      parser.end(text);
    });
  }
  return [...codes].sort();
}

/** The new text of a vocabulary file. */
export function vocabularyText(scheme, pattern, codes, source, date) {
  return `# scheme ${scheme}\n# concept ${pattern}\n# source: ${source}, ${date}\n# refresh: npm run vocab:update\n${codes.join('\n')}\n`;
}

async function download(scheme) {
  const tried = [];
  for (const url of [NAL_GET + encodeURIComponent(scheme), scheme]) {
    try {
      const response = await fetch(url, { headers: { accept: 'application/rdf+xml' }, redirect: 'follow' });
      if (response.ok) return { url, body: await response.text(), tried };
      tried.push(`${url}: HTTP ${response.status}`);
    } catch (err) {
      tried.push(`${url}: ${err.message}`);
    }
  }
  return { tried };
}

async function main(args) {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../schemas/shacl/vocabularies');
  const from = args.includes('--from') ? path.resolve(args[args.indexOf('--from') + 1]) : undefined;
  const dryRun = args.includes('--dry-run');
  const date = new Date().toISOString().slice(0, 10);
  let failed = 0;
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const file = path.join(dir, name);
    const { scheme, pattern } = header(readFileSync(file, 'utf8'));
    let body;
    let source;
    let turtle = false;
    if (from) {
      const local = ['.rdf', '.ttl'].map((ext) => path.join(from, name.replace(/\.txt$/, ext))).find((f) => existsSync(f));
      if (local) [body, source, turtle] = [readFileSync(local, 'utf8'), `${path.basename(local)} (EU Vocabularies download)`, local.endsWith('.ttl')];
      else console.error(`${name}: no ${name.replace(/\.txt$/, '.rdf')} or .ttl in ${from}; kept as is`);
    } else {
      const got = await download(scheme);
      if (got.body) [body, source] = [got.body, `${got.url} (EU Vocabularies)`];
      else console.error(`${name}: ${got.tried.join('; ')}; kept as is`);
    }
    if (body === undefined) {
      failed++;
      continue;
    }
    const codes = await conceptCodes(body, scheme, pattern, { turtle });
    if (!codes.length) {
      console.error(`${name}: no concept of ${scheme} in ${source}; kept as is`);
      failed++;
      continue;
    }
    if (!dryRun) writeFileSync(file, vocabularyText(scheme, pattern, codes, source, date));
    console.log(`${name}: ${codes.length} concepts${dryRun ? ' (dry run, not written)' : ''}`);
  }
  if (failed) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main(process.argv.slice(2));
