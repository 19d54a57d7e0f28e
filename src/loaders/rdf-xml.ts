import type { RdfJsQuad } from './rdf-graph.js';
import type { RecoveredError } from './rdf-turtle.js';

/**
 * Tolerant, bounded RDF/XML parsing: rdfxml-streaming-parser's RDF/XML rules over its saxes
 * parser, driven directly (not as a stream) so that
 * - an RDF-level error in one element (an IRI with spaces such as `tel:+49 40 4 28 40 - 3494`,
 *   an illegal attribute) is reported at that element's line and the rest of the file is read;
 *   XML that is not well-formed still stops the file (`fatal`);
 * - namespace prefixes resolve in constant time (saxes looks each prefix up through every open
 *   element: quadratic time on deep files), and nesting deeper than `maxDepth` stops the file
 *   before that cost (`tooDeep`);
 * - each quad carries the line where the parser emitted it.
 */

export interface XmlResult {
  errors: RecoveredError[];
  /** More than `maxErrors` errors: the rest of the file was not read. */
  gaveUp: boolean;
  /** The first well-formedness error: nothing of the file should be trusted. */
  fatal?: RecoveredError;
  /** Where the file goes deeper than `maxDepth` elements: it was not read further. */
  tooDeep?: { line: number; column: number };
}

export type PositionedQuad = RdfJsQuad & { line: number; column: number };

/** What odlint uses of saxes (the parser rdfxml-streaming-parser creates). */
interface Sax {
  line: number;
  column: number;
  tags: unknown[];
  topNS: Record<string, string> | null;
  ns: Record<string, string>;
  openTagHandler?: (tag: SaxTag) => void;
  closeTagHandler?: (tag: SaxTag) => void;
  textHandler?: (text: string) => void;
  cdataHandler?: (text: string) => void;
  doctypeHandler?: (text: string) => void;
  on(event: string, handler: (arg: never) => void): void;
  resolve(prefix: string): string | undefined;
  write(chunk: string | null): void;
}

interface SaxTag {
  ns?: Record<string, string>;
}

interface ActiveTag {
  predicate?: unknown;
  subject?: unknown;
}

/** rdfxml-streaming-parser's internals that the driver needs. */
interface RdfXmlInternals {
  saxParser: Sax;
  activeTagStack: ActiveTag[];
  dataFactory: { quad: (...terms: unknown[]) => unknown };
  push: (quad: unknown) => boolean;
}

const STOP = Symbol('stop parsing');

export async function parseRdfXmlTolerant(
  text: string,
  baseIRI: string,
  onQuad: (q: PositionedQuad) => void,
  limits: { maxErrors: number; maxDepth: number },
): Promise<XmlResult> {
  const [{ RdfXmlParser }, { DataFactory }] = await Promise.all([import('rdfxml-streaming-parser'), import('rdf-data-factory')]);
  // Blank node labels the same for every file, whatever was parsed before in this process (or in
  // another worker): the default factory numbers its prefix per process.
  const dataFactory = new DataFactory({ blankNodePrefix: 'df_0_' });
  const parser = new RdfXmlParser({ baseIRI, trackPosition: true, dataFactory }) as unknown as RdfXmlInternals;
  const sax = parser.saxParser;
  const result: XmlResult = { errors: [], gaveUp: false };
  const position = () => ({ line: sax.line, column: sax.column + 1 });

  // Quads go straight to the caller with their position; a quad missing a term (its element
  // failed) is dropped.
  const factory = parser.dataFactory;
  const makeQuad = factory.quad.bind(factory);
  factory.quad = (...terms: unknown[]) => (terms.slice(0, 3).every(Boolean) ? Object.assign(makeQuad(...terms) as object, position()) : null);
  parser.push = (quad) => {
    if (quad) onQuad(quad as PositionedQuad);
    return true;
  };

  linearNamespaces(sax);

  const recover = (e: unknown, element: boolean) => {
    if (e === STOP) throw e;
    if (result.errors.length >= limits.maxErrors) {
      result.gaveUp = true;
      throw STOP;
    }
    const message = String((e as Error).message ?? e).replace(/^Line \d+ column \d+: /, '');
    result.errors.push({ message, ...position() });
    // The element that failed states nothing: no triple from its predicate or subject.
    const top = element ? parser.activeTagStack.at(-1) : undefined;
    if (top) {
      delete top.predicate;
      delete top.subject;
    }
  };
  const guard = <T>(event: string, handler: ((arg: T) => void) | undefined, element = false, before?: (arg: T) => void) => {
    if (!handler) return;
    sax.on(event, ((arg: T) => {
      before?.(arg);
      try {
        handler(arg);
      } catch (e) {
        recover(e, element);
      }
    }) as (arg: never) => void);
  };
  guard<SaxTag>('opentag', sax.openTagHandler, true, () => {
    if (sax.tags.length + 1 > limits.maxDepth) {
      result.tooDeep = position();
      throw STOP;
    }
  });
  guard('closetag', sax.closeTagHandler);
  guard('text', sax.textHandler);
  guard('cdata', sax.cdataHandler);
  guard('doctype', sax.doctypeHandler);
  sax.on('error', ((e: Error) => {
    const m = /^(\d+):(\d+): (.*)$/s.exec(e.message);
    result.fatal = { message: (m?.[3] ?? e.message).replace(/\.$/, ''), line: Number(m?.[1] ?? sax.line), column: Math.max(1, Number(m?.[2] ?? sax.column)) }; // saxes says 0 at the start of a line (an error at the end of input)
    throw STOP;
  }) as (arg: never) => void);

  try {
    sax.write(text);
    sax.write(null);
  } catch (e) {
    if (e !== STOP) result.fatal ??= { message: String((e as Error).message ?? e), ...position() };
  }
  return result;
}

/**
 * Replaces saxes' prefix lookup (a walk down every open element) by one stack of declarations
 * per prefix, pushed when an element opens and popped when it closes: constant time per lookup.
 */
function linearNamespaces(sax: Sax): void {
  const declared = new Map<string, string[]>();
  const open = sax.openTagHandler;
  const close = sax.closeTagHandler;
  sax.on('opentag', ((tag: SaxTag) => {
    for (const [prefix, uri] of Object.entries(tag.ns ?? {})) {
      const stack = declared.get(prefix);
      if (stack) stack.push(uri);
      else declared.set(prefix, [uri]);
    }
    open?.(tag);
  }) as (arg: never) => void);
  sax.on('closetag', ((tag: SaxTag) => {
    for (const prefix of Object.keys(tag.ns ?? {})) declared.get(prefix)?.pop();
    close?.(tag);
  }) as (arg: never) => void);
  // The element being opened declares its own prefixes in topNS; its ancestors' are stacked.
  sax.resolve = (prefix) => sax.topNS?.[prefix] ?? declared.get(prefix)?.at(-1) ?? sax.ns[prefix];
}
