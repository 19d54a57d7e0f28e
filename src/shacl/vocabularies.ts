import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { shapesDir } from './shape-sets.js';

/**
 * Compact offline copies of the EU vocabularies the controlled-vocabulary shapes check
 * (schemas/shacl/vocabularies/*.txt: a scheme, a concept IRI pattern, one code per line;
 * `npm run vocab:update` refreshes them). The shapes only ask whether a value is
 * `skos:inScheme` its authority table, so that is the one statement kept per concept.
 */

export const SKOS_IN_SCHEME = 'http://www.w3.org/2004/02/skos/core#inScheme';

let schemes: Map<string, string[]> | undefined;

/** Concept IRI → the schemes it is in. */
export function vocabularySchemes(): Map<string, string[]> {
  if (schemes) return schemes;
  schemes = new Map();
  const dir = path.join(shapesDir(), 'vocabularies');
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const { scheme, concepts } = parseVocabulary(readFileSync(path.join(dir, name), 'utf8'));
    for (const iri of concepts) schemes.set(iri, [...(schemes.get(iri) ?? []), scheme]);
  }
  return schemes;
}

/** One vocabulary file: `# scheme <iri>`, `# concept <pattern with <code>>`, then codes. */
export function parseVocabulary(text: string): { scheme: string; concepts: string[] } {
  const header = (key: string) => text.match(new RegExp(`^# ${key} (\\S+)`, 'm'))?.[1];
  const scheme = header('scheme');
  const pattern = header('concept');
  if (!scheme || !pattern?.includes('<code>')) throw new Error('vocabulary file without "# scheme" and "# concept" lines');
  const codes = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  return { scheme, concepts: codes.map((c) => pattern.replace('<code>', c)) };
}
