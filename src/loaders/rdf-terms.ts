import { NS, type Term } from './rdf-graph.js';

/**
 * Terms that parse but are wrong: an http(s) IRI without `//host` (`https:/example.com`, a
 * valid IRI but no web address), a literal whose text is not of its datatype
 * (`"2023-02-30"^^xsd:date`, `"10/05/2012"^^xsd:dateTime`, `"1,5 MB"^^xsd:decimal`). RDF keeps
 * both (an ill-typed literal is still a literal), so they are loaded as written and reported.
 */

export type TermProblem = { messageId: 'iri'; data: { iri: string } } | { messageId: 'literal'; data: { value: string; datatype: string } };

const TZ = '(Z|[+-](0\\d|1[0-3]):[0-5]\\d|[+-]14:00)';
const DATE = '-?([1-9]\\d{3,}|0\\d{3})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])';
const TIME = '(([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?|24:00:00(\\.0+)?)';

/** Lexical forms of the XSD datatypes DCAT-AP uses (XML Schema 1.1 Part 2, §3.3). */
const LEXICAL: Record<string, RegExp> = {
  date: new RegExp(`^${DATE}${TZ}?$`),
  dateTime: new RegExp(`^${DATE}T${TIME}${TZ}?$`),
  dateTimeStamp: new RegExp(`^${DATE}T${TIME}${TZ}$`),
  gYear: new RegExp(`^-?([1-9]\\d{3,}|0\\d{3})${TZ}?$`),
  gYearMonth: new RegExp(`^-?([1-9]\\d{3,}|0\\d{3})-(0[1-9]|1[0-2])${TZ}?$`),
  integer: /^[+-]?\d+$/,
  nonNegativeInteger: /^(\+?\d+|-0+)$/,
  positiveInteger: /^\+?0*[1-9]\d*$/,
  decimal: /^[+-]?(\d+(\.\d*)?|\.\d+)$/,
  double: /^([+-]?(\d+(\.\d*)?|\.\d+)([Ee][+-]?\d+)?|[+-]?INF|NaN)$/,
  boolean: /^(true|false|1|0)$/,
  duration: /^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/,
};

/** The problem with one term of a statement, if any. */
export function termProblem(t: Term): TermProblem | undefined {
  if (t.kind === 'iri') {
    return /^https?:(?!\/\/[^/?#\s])/i.test(t.value) ? { messageId: 'iri', data: { iri: t.value } } : undefined;
  }
  if (t.kind !== 'literal' || !t.datatype?.startsWith(NS.xsd)) return undefined;
  const name = t.datatype.slice(NS.xsd.length);
  const form = LEXICAL[name];
  // XSD collapses whitespace around these values before reading them.
  if (!form || form.test(t.value.trim())) return name === 'date' || name === 'dateTime' || name === 'dateTimeStamp' ? dayProblem(t.value.trim(), name) : undefined;
  return { messageId: 'literal', data: { value: t.value, datatype: `xsd:${name}` } };
}

/** 30 February and the like: the pattern allows day 31 in every month. */
function dayProblem(value: string, name: string): TermProblem | undefined {
  const m = /^(-?\d+)-(\d\d)-(\d\d)/.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day > days ? { messageId: 'literal', data: { value, datatype: `xsd:${name}` } } : undefined;
}
