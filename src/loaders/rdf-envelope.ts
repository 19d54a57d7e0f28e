import type { EnvelopePaging } from './types.js';

/**
 * RDF/XML records inside a harvesting protocol's response: a CSW `GetRecordsResponse` /
 * `GetRecordByIdResponse` (GeoNetwork's GeoDCAT-AP output, `outputSchema=http://www.w3.org/ns/dcat#`)
 * or an OAI-PMH `ListRecords` / `GetRecord` response whose `<metadata>` holds `rdf:RDF`. The records
 * are unwrapped into one RDF/XML document that keeps every record at its own line and column:
 * the envelope's markup is blanked (newlines kept), each record's `rdf:RDF` tags too, and one
 * `rdf:RDF` root declaring every namespace of the file is put on a line of its own before them.
 */

export interface Unwrapped {
  /** The RDF/XML document to parse: its line N + 1 is line N of the file. */
  text: string;
  paging: EnvelopePaging;
}

/** Lines the unwrapped text has before the file's first line. */
export const ENVELOPE_LINE_SHIFT = 1;

const TAG = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][\s\S]*?>|<(\/?)([^\s/>]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

/** The protocol a document's root element belongs to, from its first 5000 characters. */
export function envelopeOf(text: string): EnvelopePaging['protocol'] | undefined {
  const root = /<(?![?!])(?:[\w.-]+:)?([\w.-]+)/.exec(text.replace(/<!--[\s\S]*?-->/g, '').slice(0, 5000))?.[1];
  if (root === 'GetRecordsResponse' || root === 'GetRecordByIdResponse') return 'csw';
  if (root === 'OAI-PMH') return 'oai-pmh';
  return undefined;
}

/** The records of a CSW or OAI-PMH response as one RDF/XML document, with the paging state. */
export function unwrapEnvelope(text: string, protocol: EnvelopePaging['protocol']): Unwrapped {
  const keep: [number, number][] = [];
  const namespaces = new Map<string, string>([['rdf', RDF_NS]]);
  const paging: EnvelopePaging = { protocol };
  // Local names of the open elements; `record` is the depth of the record being kept, if any.
  const stack: string[] = [];
  let record: { depth: number; start: number; rdf: boolean } | undefined;
  let tokenStart = -1;
  const re = new RegExp(TAG.source, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [whole, closing, name, attrs = '', selfClosing] = m;
    if (name === undefined) continue;
    const local = name.slice(name.indexOf(':') + 1);
    // Declarations of the envelope and of each record's rdf:RDF move to the new root.
    if (!record) declare(namespaces, attrs);
    if (closing) {
      if (record && stack.length === record.depth + 1) {
        keep.push(record.rdf ? [record.start, m.index] : [record.start, m.index + whole.length]);
        record = undefined;
      }
      if (local === 'resumptionToken' && tokenStart >= 0) paging.resumptionToken = text.slice(tokenStart, m.index).trim();
      stack.pop();
      continue;
    }
    const parent = stack.at(-1);
    if (!record && isContainer(protocol, parent, stack)) {
      const rdf = local === 'RDF';
      if (selfClosing) {
        if (!rdf) keep.push([m.index, m.index + whole.length]);
      } else record = { depth: stack.length, start: rdf ? m.index + whole.length : m.index, rdf };
    }
    if (local === 'SearchResults') {
      for (const key of ['numberOfRecordsMatched', 'numberOfRecordsReturned', 'nextRecord'] as const) {
        const v = attribute(attrs, key);
        if (v !== undefined && /^\d+$/.test(v)) paging[key] = Number(v);
      }
    }
    if (local === 'resumptionToken') {
      for (const key of ['completeListSize', 'cursor'] as const) {
        const v = attribute(attrs, key);
        if (v !== undefined && /^\d+$/.test(v)) paging[key] = Number(v);
      }
      paging.resumptionToken = '';
      tokenStart = selfClosing ? -1 : m.index + whole.length;
    }
    if (!selfClosing) stack.push(local);
  }
  const root = `<rdf:RDF${[...namespaces].map(([p, uri]) => ` xmlns:${p}="${uri.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`).join('')}>`;
  return { text: `${root}\n${blankOutside(text, keep)}\n</rdf:RDF>\n`, paging };
}

/** Whether a child of `parent` (with `stack` open) is a record. */
function isContainer(protocol: EnvelopePaging['protocol'], parent: string | undefined, stack: string[]): boolean {
  if (protocol === 'csw') return parent === 'SearchResults' || (parent === 'GetRecordByIdResponse' && stack.length === 1);
  return parent === 'metadata' && stack.at(-2) === 'record';
}

function declare(namespaces: Map<string, string>, attrs: string): void {
  for (const m of attrs.matchAll(/\sxmlns:([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    if (!namespaces.has(m[1]!)) namespaces.set(m[1]!, xmlUnescape(m[2] ?? m[3] ?? ''));
  }
}

function attribute(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
}

function xmlUnescape(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The text with everything outside the kept ranges replaced by spaces, newlines kept. */
function blankOutside(text: string, keep: [number, number][]): string {
  let out = '';
  let at = 0;
  for (const [start, end] of keep) {
    out += text.slice(at, start).replace(/[^\n]/g, ' ') + text.slice(start, end);
    at = end;
  }
  return out + text.slice(at).replace(/[^\n]/g, ' ');
}
