/**
 * One-document catalogues: a DCAT-US `data.json` (Project Open Data: every dataset in one
 * `dataset` list) and any other descriptor URL (a `package_show`, a Frictionless datapackage):
 * one page, its datasets counted where the shape says.
 */
import type { Fetched, Got } from './client.js';
import { idsOf, isRecord, jsonOf } from './json-page.js';
import type { PageProblem } from './types.js';
import type { PageInfo, Protocol } from './walk.js';

/** A POD / DCAT-US catalogue: `{conformsTo: …project-open-data…, dataset: [...]}` (or a dcat:Catalog with a dataset list). */
export function isDcatUs(json: unknown): boolean {
  return isRecord(json) && Array.isArray(json.dataset) && (/project-open-data|resources\.data\.gov/.test(String(json.conformsTo ?? json['@context'] ?? '')) || json['@type'] === 'dcat:Catalog');
}

export function dcatUsProtocol(url: string, initial?: Fetched): Protocol {
  return { kind: 'dcat-us', format: 'dcat-us', accept: 'application/json', first: url, read: readDcatUs, ...(initial ? { initial } : {}) };
}

function readDcatUs(got: Got): PageInfo | PageProblem {
  const parsed = jsonOf(got);
  if (!('json' in parsed)) return parsed;
  if (!isDcatUs(parsed.json)) return { messageId: 'notData', data: { expected: 'a DCAT-US data.json catalogue', got: 'another document' } };
  const list = (parsed.json as { dataset: unknown[] }).dataset;
  return { datasets: list.length, ids: idsOf(list.map((d) => (isRecord(d) ? { id: d.identifier } : d))), announced: list.length };
}

/** Any other descriptor: one page, linted as it is (its loader says what is in it). */
export function documentProtocol(url: string, accept: string, initial?: Fetched): Protocol {
  return { kind: 'document', format: 'unknown', accept, first: url, read: () => ({ datasets: 0, ids: [] }), ...(initial ? { initial } : {}) };
}
