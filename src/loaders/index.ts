import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Dataset, DescriptorFormat } from '../model/index.js';
import { parseDocumentText, SyntaxProblem } from './parse.js';
import type { Loader, LoadIssue, ParsedDocument } from './types.js';
import { normaliseDatasets } from './normalise.js';
import { ckanLoader } from './ckan.js';
import { udataLoader } from './udata.js';
import { frictionlessLoader } from './frictionless.js';
import { odlintLoader } from './odlint.js';

export * from './types.js';

/** Loaders for JSON/YAML descriptors, asked in turn; the most confident one wins. */
export const LOADERS: Loader[] = [odlintLoader, frictionlessLoader, ckanLoader, udataLoader];

/** Extensions of files that may be descriptors (content decides). */
export const DESCRIPTOR_EXTENSIONS = ['.json', '.yaml', '.yml', '.jsonld', '.ttl', '.rdf', '.nt', '.xml'];
const RDF_EXTENSIONS = ['.ttl', '.rdf', '.nt', '.n3', '.xml'];

export type LoadOutcome =
  | { kind: 'loaded'; format: DescriptorFormat; datasets: Dataset[]; issues: LoadIssue[] }
  | { kind: 'parse-error'; message: string; line: number; column: number }
  | { kind: 'unreadable'; message: string }
  | { kind: 'not-a-descriptor'; reason: string }
  | { kind: 'unsupported'; format: string };

/** Reads, parses and loads one descriptor file. Never throws for bad input. */
export async function loadDescriptor(file: string): Promise<LoadOutcome> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return { kind: 'unreadable', message: (e as NodeJS.ErrnoException).code === 'EISDIR' ? 'is a folder' : String((e as Error).message) };
  }
  if (text.trim() === '') return { kind: 'not-a-descriptor', reason: 'the file is empty' };
  const ext = path.extname(file).toLowerCase();
  if (RDF_EXTENSIONS.includes(ext) || /^\s*(@prefix|prefix\s|<\?xml|<rdf:RDF|<[a-z]+:\/\/)/i.test(text.slice(0, 2000))) {
    if (/rdf|dcat|@prefix|prefix\s/i.test(text.slice(0, 5000))) return { kind: 'unsupported', format: 'RDF (DCAT-AP Turtle, RDF/XML, N-Triples)' };
    return { kind: 'not-a-descriptor', reason: 'XML that is not RDF' };
  }
  let doc: ParsedDocument;
  try {
    doc = parseDocumentText(file, text);
  } catch (e) {
    if (e instanceof SyntaxProblem) return { kind: 'parse-error', message: e.message, line: e.line, column: e.column };
    throw e;
  }
  return loadParsed(doc);
}

export function loadParsed(doc: ParsedDocument): LoadOutcome {
  if (typeof doc.data === 'object' && doc.data !== null && '@context' in doc.data) {
    return { kind: 'unsupported', format: 'JSON-LD (DCAT-AP)' };
  }
  let best: Loader | undefined;
  let bestScore = 0;
  for (const loader of LOADERS) {
    const score = loader.detect(doc);
    if (score > bestScore) [best, bestScore] = [loader, score];
  }
  if (!best) return { kind: 'not-a-descriptor', reason: describeShape(doc.data) };
  const { datasets, issues } = best.load(doc);
  normaliseDatasets(datasets);
  return { kind: 'loaded', format: best.format, datasets, issues };
}

function describeShape(data: unknown): string {
  if (Array.isArray(data)) return 'a list that is not a list of datasets';
  if (typeof data !== 'object' || data === null) return `a bare ${data === null ? 'null' : typeof data}`;
  const keys = Object.keys(data).slice(0, 5);
  return `no CKAN, udata, Frictionless or odlint dataset found (top-level keys: ${keys.join(', ') || 'none'})`;
}
