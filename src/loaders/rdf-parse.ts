import { maskText } from '../knowledge/personal-data/masking.js';
import { LimitExceeded, type Limits } from '../model/index.js';
import { SyntaxProblem } from './parse.js';
import { ENVELOPE_LINE_SHIFT, envelopeOf, unwrapEnvelope } from './rdf-envelope.js';
import type { EnvelopePaging } from './types.js';
import { Graph, termKey, type RdfJsQuad } from './rdf-graph.js';
import { termProblem, type TermProblem } from './rdf-terms.js';
import { parseTurtleTolerant, type RecoveredError } from './rdf-turtle.js';
import { parseRdfXmlTolerant } from './rdf-xml.js';

/**
 * RDF parsing for the DCAT-AP loader. The parsers (n3, rdfxml-streaming-parser, jsonld) are
 * heavy, so each is imported only when a file needs it: a run over CKAN files never loads them.
 * Syntax errors become `SyntaxProblem`s with the parser's line (and column where it has one).
 */

export type RdfSyntax = 'turtle' | 'n-triples' | 'n3' | 'rdfxml';

/** A statement whose term is loaded as written but is wrong (see rdf-terms.ts). */
export interface TermIssue {
  subject: string;
  predicate: string;
  problem: TermProblem;
  /** Where the parser met it, when it says (RDF/XML); else the locator finds the statement. */
  line?: number;
  column?: number;
}

export interface ParsedRdf {
  graph: Graph;
  /** Prefixes declared by the file (Turtle `@prefix`, XML `xmlns:`, JSON-LD context terms). */
  prefixes: Record<string, string>;
  /** Syntax errors the parser read around (each skipped a statement, an element or a term). */
  errors: RecoveredError[];
  terms: TermIssue[];
  /** The paging state of the CSW or OAI-PMH response the records came in. */
  paging?: EnvelopePaging;
}

/**
 * How much of a broken or hostile RDF file odlint reads (docs/limits.md): `depth` of RDF/XML
 * elements and JSON-LD objects; `parseErrors` read around, and wrong terms reported, per file.
 */
export type RdfLimits = Pick<Limits, 'depth' | 'parseErrors'>;

/** Only the position of a syntax error: the place of a limit finding (its message goes in the finding's data). */
const at = ({ line, column }: { line: number; column: number }) => ({ line, column });

const SYNTAX_NAMES: Record<RdfSyntax, string> = { turtle: 'Turtle', 'n-triples': 'N-Triples', n3: 'N3', rdfxml: 'RDF/XML' };

export async function parseRdfText(text: string, syntax: RdfSyntax, base: string, limits: RdfLimits): Promise<ParsedRdf> {
  const sink = new GraphSink(limits.parseErrors);
  const name = SYNTAX_NAMES[syntax];
  const named = (e: RecoveredError): RecoveredError => ({ ...e, message: `invalid ${name}: ${withoutContacts(e.message)}` });
  if (syntax === 'rdfxml') {
    // Records in a CSW or OAI-PMH response: parsed as one document, lines shifted back.
    const protocol = envelopeOf(text);
    const unwrapped = protocol ? unwrapEnvelope(text, protocol) : undefined;
    const shift = unwrapped ? ENVELOPE_LINE_SHIFT : 0;
    const back = <T extends { line: number }>(at: T): T => ({ ...at, line: Math.max(1, at.line - shift) });
    const r = await parseRdfXmlTolerant(unwrapped?.text ?? text, base, (q) => sink.add(q, back(q)), { maxErrors: limits.parseErrors, maxDepth: limits.depth });
    const errors = r.errors.map((e) => named(back(e)));
    if (r.fatal) throw problem(named(back(r.fatal)));
    if (r.tooDeep) throw new LimitExceeded('depth', limits.depth, back(r.tooDeep));
    if (r.gaveUp) throw new LimitExceeded('parseErrors', limits.parseErrors, at(errors[0]!), { first: errors[0]!.message });
    const parsed = sink.result(xmlPrefixes(text), errors, name);
    return unwrapped ? { ...parsed, paging: unwrapped.paging } : parsed;
  }
  const r = await parseTurtleTolerant(text, syntax, base, (q) => sink.add(q), limits.parseErrors);
  if (r.gaveUp) throw new LimitExceeded('parseErrors', limits.parseErrors, at(r.errors[0]!), { first: named(r.errors[0]!).message });
  return sink.result(r.prefixes, r.errors.map(named), name);
}

/** Parser messages quote the offending text: a phone number or address in it is masked. */
function withoutContacts(message: string): string {
  return message.replace(/\b(tel|fax|sms|mailto):([^'"<>]*)/gi, (_, scheme: string, rest: string) => `${scheme}:${maskText(rest)}`);
}

export function problem(e: RecoveredError): SyntaxProblem {
  return new SyntaxProblem(e.message, e.line, e.column);
}

/** Quads into the graph, each term checked; wrong terms noted (at most `max`). */
export class GraphSink {
  readonly graph = new Graph();
  readonly terms: TermIssue[] = [];
  constructor(private readonly max: number) {}

  add(q: RdfJsQuad, at?: { line: number; column: number }): void {
    const [s, p, o] = Graph.termsOf(q);
    this.graph.add(s, p, o);
    if (this.terms.length >= this.max) return;
    const found = termProblem(s) ?? termProblem({ kind: 'iri', value: p }) ?? termProblem(o);
    if (found) this.terms.push({ subject: termKey(s), predicate: p, problem: found, ...(at ? { line: at.line, column: at.column } : {}) });
  }

  /** The parsed file; one that had errors and yielded no statement at all is a syntax error. */
  result(prefixes: Record<string, string>, errors: RecoveredError[], _syntax: string): ParsedRdf {
    if (this.graph.size === 0 && errors.length > 0) throw problem(errors[0]!);
    return { graph: this.graph, prefixes, errors, terms: this.terms };
  }
}

/** `xmlns:dct="…"` declarations of an RDF/XML file. */
export function xmlPrefixes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/\sxmlns:([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] ??= m[2] ?? m[3] ?? '';
  return out;
}
