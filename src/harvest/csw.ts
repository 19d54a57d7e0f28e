/**
 * CSW 2.0.2 `GetRecords` (GeoNetwork's GeoDCAT-AP output, `outputSchema=http://www.w3.org/ns/dcat#`),
 * paged with `startPosition` (1-based) and `maxRecords`; `numberOfRecordsMatched` is the count.
 * --since and --query become a CQL constraint on `Modified` and `AnyText`.
 */
import { envelopeOf, unwrapEnvelope } from '../loaders/rdf-envelope.js';
import type { Got } from './client.js';
import { withParams } from './json-page.js';
import type { HarvestOptions, PageProblem } from './types.js';
import type { PageInfo, Protocol } from './walk.js';

export const CSW_PAGE_SIZE = 100;

export const isCswUrl = (url: string): boolean => {
  const u = new URL(url);
  return /^csw$/i.test(u.searchParams.get('service') ?? u.searchParams.get('SERVICE') ?? '') || /\/csw\/?$/i.test(u.pathname);
};

export function cswProtocol(url: string, opts: HarvestOptions): Protocol {
  const given = new URL(url);
  const size = opts.pageSize ?? (Number(given.searchParams.get('maxRecords')) || CSW_PAGE_SIZE);
  const cql = [opts.since ? `Modified >= '${opts.since}'` : undefined, opts.query ? `AnyText like '%${opts.query.replace(/'/g, "''")}%'` : undefined].filter(Boolean).join(' AND ');
  const defaults: Record<string, string> = { service: 'CSW', version: '2.0.2', request: 'GetRecords', typeNames: 'csw:Record', resultType: 'results', elementSetName: 'full', outputSchema: 'http://www.w3.org/ns/dcat#' };
  const base = withParams(url, {
    ...Object.fromEntries(Object.entries(defaults).filter(([k]) => ![...given.searchParams.keys()].some((g) => g.toLowerCase() === k.toLowerCase()))),
    ...(cql ? { constraintLanguage: 'CQL_TEXT', constraint_language_version: '1.1.0', constraint: cql } : {}),
  });
  const pageUrl = (page: number) => withParams(base, { startPosition: page * size + 1, maxRecords: size });
  return { kind: 'csw', format: 'dcat-ap', accept: 'application/xml, text/xml;q=0.9', first: pageUrl(0), pageSize: size, pageUrl, read: readCswPage };
}

function readCswPage(got: Got): PageInfo | PageProblem {
  const protocol = envelopeOf(got.text);
  if (protocol !== 'csw') {
    const html = /^\s*<(!doctype html|html)/i.test(got.text) || /html/i.test(got.contentType);
    const exception = /ExceptionReport/.test(got.text.slice(0, 2000)) ? /<(?:\w+:)?ExceptionText>([\s\S]*?)<\//.exec(got.text)?.[1]?.trim() : undefined;
    if (exception !== undefined) return { messageId: 'apiError', data: { error: exception || 'ExceptionReport' } };
    return { messageId: 'notData', data: { expected: 'a CSW GetRecordsResponse', got: html ? 'an HTML page' : got.contentType || 'another document' } };
  }
  const { paging } = unwrapEnvelope(got.text, 'csw');
  const ids = [...got.text.matchAll(/<dcat:Dataset\b[^>]*\brdf:about\s*=\s*"([^"]*)"/g)].map((m) => m[1]!);
  const datasets = paging.numberOfRecordsReturned ?? ids.length;
  return { datasets, ids, ...(paging.numberOfRecordsMatched !== undefined ? { announced: paging.numberOfRecordsMatched } : {}) };
}
