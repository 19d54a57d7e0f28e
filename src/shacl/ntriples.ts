import type { RdfTerm, RdfTriple } from '../model/index.js';

/**
 * N-Triples for the reference run (scripts/shacl-reference.mjs hands odlint's parse of a corpus
 * file to Apache Jena, so both engines validate the same graph). Blank node labels are encoded
 * to N-Triples' label characters the same way on both sides of the comparison.
 */
export function blankLabel(label: string): string {
  return label.replace(/[^A-Za-z0-9]/g, (c) => `_${c.charCodeAt(0).toString(16)}_`);
}

/** A node key (`IRI` or `_:label`) as the reference files write it. */
export function referenceKey(key: string): string {
  return key.startsWith('_:') ? `_:${blankLabel(key.slice(2))}` : key;
}

export function toNTriples(triples: Iterable<RdfTriple>): string {
  let out = '';
  for (const [s, p, o] of triples) out += `${term(s)} <${iri(p)}> ${term(o)} .\n`;
  return out;
}

function term(t: RdfTerm): string {
  if (t.kind === 'iri') return `<${iri(t.value)}>`;
  if (t.kind === 'blank') return `_:${blankLabel(t.value)}`;
  const lexical = `"${t.value.replace(/[\\"\n\r]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r' })[c]!)}"`;
  if (t.lang) return `${lexical}@${t.lang}`;
  return t.datatype ? `${lexical}^^<${iri(t.datatype)}>` : lexical;
}

/** IRIs as parsed may hold characters N-Triples forbids (spaces, `<`…): escaped as UCHARs. */
function iri(value: string): string {
  return value.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
