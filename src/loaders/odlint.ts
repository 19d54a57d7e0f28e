import path from 'node:path';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { emptyDistribution, pointer, type Agent, type Dataset, type Distribution, type Licence, type Period } from '../model/index.js';
import { describeAjvError, schemaValidator } from '../util/json-schema.js';
import { locateBlanks,
  Obj,
  at,
  attachDataRef,
  attachSchema,
  blank,
  confidence,
  isObject,
  licence,
  newDataset,
  num,
  pickAgent,
  pickFrom,
  pickedLicence,
  put,
  putAgent,
  putFlags,
  restIntoExtras,
  setExtra,
  str,
  stringList,
  texts,
  type Picked,
  type PickedAgent,
} from './build.js';
import { hasPath, keysOf, weigh, type Evidence } from './detect.js';
import type { LoadIssue, LoadResult, Loader, ParsedDocument } from './types.js';

/**
 * odlint's own descriptor (`dataset.yaml`, `dataset.json`, `*.dataset.yaml`), written by
 * publishers next to their data: the model's English names, one dataset per file or several
 * under `datasets`. Checked against schemas/dataset.schema.json; whatever is usable is loaded
 * even when the file does not validate.
 */
export const odlintLoader: Loader = { format: 'odlint', detect, load, keys: () => ['$schema', 'odlint', 'distributions', 'licence', ...keysOf(MODEL_EVIDENCE)] };

// ---------------------------------------------------------------------------------------------
// Detection

const DATASET_FILE = /^(.+\.)?dataset\.(json|ya?ml)$/i;
/** Model property names that other formats use less (capped: DCAT-US shares some). */
const MODEL_EVIDENCE: Evidence[] = ['contactPoint', 'landingPage', 'accessRights', 'hvdCategory', 'applicableLegislation', 'conformsTo', 'flags'].map((k): Evidence => [k, 0.1]);
/**
 * Keys odlint's descriptor never has and its look-alikes do: a DCAT-US `data.json` (catalog
 * `dataset` list, `@type: dcat:Catalog`, `distribution`, `keyword`, POD's `accessLevel`...) and
 * CKAN packages. Any of them, on the file or on a dataset, rules odlint's format out.
 */
const FOREIGN = 'dataset|distribution|keyword|accessLevel|bureauCode|programCode|@type|@context|@graph|resources|notes|license_id';

function detect(doc: ParsedDocument): number {
  const v = doc.data;
  if (!isObject(v)) return 0;
  if (typeof v.$schema === 'string' && v.$schema.includes('odlint.dev/schemas/dataset')) return 1;
  if ('odlint' in v) return 0.95;
  if (hasPath(v, FOREIGN)) return 0;
  const items = Array.isArray(v.datasets) ? v.datasets.filter(isObject) : [v];
  const content = Math.max(0, ...items.slice(0, 5).map(itemScore));
  if (content === 0) return 0;
  return confidence(Math.min(0.95, content + (DATASET_FILE.test(path.basename(doc.file)) ? 0.3 : 0)));
}

function itemScore(v: Record<string, unknown>): number {
  if (hasPath(v, FOREIGN)) return 0;
  let score = 0;
  // `distributions` (plural) and `licence` (British) are odlint's; DCAT-US says `distribution`.
  if (Array.isArray(v.distributions)) score += 0.45;
  if ('licence' in v) score += 0.2;
  return score + Math.min(0.2, weigh(v, MODEL_EVIDENCE));
}

// ---------------------------------------------------------------------------------------------
// Loading

interface Item {
  obj: Obj;
  /** Top-level properties of a multi-dataset file: defaults for each dataset. */
  defaults?: Obj;
}

function items(data: unknown): Item[] {
  if (!isObject(data)) return [];
  const top = new Obj(data, '');
  top.raw('$schema');
  top.raw('odlint');
  if (!Array.isArray(data.datasets)) return [{ obj: top }];
  return top.objects('datasets').map((obj) => ({ obj, defaults: top }));
}

function load(doc: ParsedDocument): LoadResult {
  const issues: LoadIssue[] = [];
  const datasets = items(doc.data).map((item) => loadDataset(doc, item, issues));
  issues.push(...validate(doc, datasets));
  return { datasets, issues };
}

function loadDataset(doc: ParsedDocument, item: Item, issues: LoadIssue[]): Dataset {
  const ds = newDataset(doc, 'odlint', item.obj.ptr);
  const src = [item.obj, item.defaults];
  const pick = <T>(convert: (v: unknown) => T | undefined, ...keys: string[]) => pickFrom(src, convert, ...keys);

  put(doc, ds, 'id', pick(str, 'id'));
  put(doc, ds, 'title', pick(texts, 'title'));
  put(doc, ds, 'description', pick(texts, 'description'));
  put(doc, ds, 'keywords', pick(stringList, 'keywords'));
  put(doc, ds, 'themes', pick(stringList, 'themes'));
  putAgent(doc, ds, 'publisher', agentOf(src, 'publisher'));
  putAgent(doc, ds, 'contactPoint', agentOf(src, 'contactPoint'));
  put(doc, ds, 'licence', licenceOf(src));
  put(doc, ds, 'accessRights', pick(str, 'accessRights'));
  put(doc, ds, 'rights', pick(str, 'rights'));
  put(doc, ds, 'temporal', pick(period, 'temporal'));
  put(doc, ds, 'spatial', pick(stringList, 'spatial'));
  put(doc, ds, 'frequency', pick(str, 'frequency'));
  put(doc, ds, 'issued', pick(str, 'issued'));
  put(doc, ds, 'modified', pick(str, 'modified'));
  put(doc, ds, 'language', pick(stringList, 'language'));
  put(doc, ds, 'conformsTo', pick(stringList, 'conformsTo'));
  put(doc, ds, 'landingPage', pick(str, 'landingPage'));
  put(doc, ds, 'documentation', pick(stringList, 'documentation'));
  put(doc, ds, 'hvdCategory', pick(stringList, 'hvdCategory'));
  put(doc, ds, 'applicableLegislation', pick(stringList, 'applicableLegislation'));
  const flags = src.map((s) => s?.obj('flags'));
  putFlags(doc, ds, flags, { concernsIndividuals: ['concernsIndividuals'], sexDisaggregated: ['sexDisaggregated'], genderStatistics: ['genderStatistics'] });

  const owner = src.find((s) => Array.isArray(s?.peek('distributions')));
  for (const d of owner?.objects('distributions') ?? []) ds.distributions.push(loadDistribution(doc, d, ds, issues));
  item.obj.raw('distributions');

  locateBlanks(doc, ds, item.obj, { title: ['title'], description: ['description'], licence: ['licence', 'license'], keywords: ['keywords'], distributions: ['distributions'] });
  const extras = [item.defaults?.obj('extras'), item.obj.obj('extras')];
  // Unknown keys (typos the schema reports) are kept too, so rules can still see them.
  restIntoExtras(doc, ds, item.obj);
  for (const e of extras) putExtrasObject(doc, ds, e);
  return ds;
}

/** An `extras` object's keys become the entity's extras. */
function putExtrasObject(doc: ParsedDocument, entity: Dataset | Distribution, extras: Obj | undefined): void {
  if (extras) for (const [key, v] of Object.entries(extras.value)) setExtra(entity, key, v, at(doc, extras.pointerOf(key)));
}

/** `publisher: Name`, `contactPoint: someone@example.org`, or `{name, email, url, uri}`. */
function agentOf(src: (Obj | undefined)[], key: 'publisher' | 'contactPoint'): PickedAgent | undefined {
  const owner = src.find((s) => s !== undefined && !blank(s.peek(key)));
  if (!owner) return undefined;
  const ptr = owner.pointerOf(key);
  const o = owner.obj(key);
  if (o) return pickAgent([o], { name: ['name'], email: ['email'], url: ['url'], uri: ['uri'] }, ptr);
  const text = str(owner.raw(key));
  if (text === undefined) return undefined;
  const part: keyof Agent = key === 'contactPoint' && text.includes('@') ? 'email' : 'name';
  return { value: { [part]: text }, ptr, parts: { [part]: ptr } };
}

/** `licence` (or `license`): an id/title/URL string or `{id, title, url}`. */
function licenceOf(src: (Obj | undefined)[]): Picked<Licence> | undefined {
  const owner = src.find((s) => s !== undefined && (!blank(s.peek('licence')) || !blank(s.peek('license'))));
  if (!owner) return undefined;
  const key = blank(owner.peek('licence')) ? 'license' : 'licence';
  const o = owner.obj(key);
  if (o) return pickedLicence(o.pick(str, 'id'), o.pick(str, 'title'), o.pick(str, 'url'));
  const raw = str(owner.raw(key));
  return raw === undefined ? undefined : { value: licence({ id: raw })!, ptr: owner.pointerOf(key) };
}

function period(v: unknown): Period | undefined {
  if (!isObject(v)) return undefined;
  const p: Period = {};
  const start = str(v.start);
  const end = str(v.end);
  if (start) p.start = start;
  if (end) p.end = end;
  return start || end ? p : undefined;
}

function loadDistribution(doc: ParsedDocument, d: Obj, ds: Dataset, issues: LoadIssue[]): Distribution {
  const dist = emptyDistribution(at(doc, d.ptr));
  put(doc, dist, 'id', d.pick(str, 'id'));
  put(doc, dist, 'title', d.pick(texts, 'title'));
  put(doc, dist, 'description', d.pick(texts, 'description'));
  put(doc, dist, 'accessURL', d.pick(str, 'accessURL'));
  put(doc, dist, 'downloadURL', d.pick(str, 'downloadURL'));
  const ref = d.pick(str, 'path');
  // A URL written as `path` is still where the file can be downloaded.
  if (ref && attachDataRef(doc, dist, ref, issues, ds) === 'remote' && !dist.downloadURL) put(doc, dist, 'downloadURL', ref);
  put(doc, dist, 'format', d.pick(str, 'format'));
  put(doc, dist, 'mediaType', d.pick(str, 'mediaType'));
  put(doc, dist, 'licence', licenceOf([d]));
  put(doc, dist, 'byteSize', d.pick(num, 'byteSize'));
  put(doc, dist, 'checksum', d.pick(str, 'checksum'));
  put(doc, dist, 'issued', d.pick(str, 'issued'));
  put(doc, dist, 'modified', d.pick(str, 'modified'));
  put(doc, dist, 'conformsTo', d.pick(stringList, 'conformsTo'));
  put(doc, dist, 'accessService', d.pick(str, 'accessService'));
  attachSchema(doc, dist, d.pick((v) => v, 'schema'), issues, ds);
  const extras = d.obj('extras');
  restIntoExtras(doc, dist, d);
  putExtrasObject(doc, dist, extras);
  return dist;
}

// ---------------------------------------------------------------------------------------------
// Validation against schemas/dataset.schema.json

function validate(doc: ParsedDocument, datasets: Dataset[]): LoadIssue[] {
  const check = schemaValidator('dataset.schema.json');
  if (check(doc.data)) return [];
  return (check.errors ?? []).map((e) => {
    const unknown = unknownProperty(e);
    const ptr = unknown === undefined ? e.instancePath : pointer(e.instancePath, unknown);
    const issue: LoadIssue = {
      ruleId: 'core/invalid-descriptor',
      messageId: 'schemaViolation',
      data: { message: `${e.instancePath || '/'} ${describe(e, unknown)}` },
      location: at(doc, ptr),
    };
    const ds = owner(datasets, ptr);
    if (ds) issue.dataset = ds;
    return issue;
  });
}

function unknownProperty(e: ErrorObject): string | undefined {
  const p = e.params as { additionalProperty?: unknown; unevaluatedProperty?: unknown };
  const name = p.additionalProperty ?? p.unevaluatedProperty;
  return name === undefined ? undefined : String(name);
}

function describe(e: ErrorObject, unknown: string | undefined): string {
  if (unknown !== undefined) return `unknown property "${unknown}"`;
  // The date pattern is unreadable in a message; say what it means.
  if (e.keyword === 'pattern' && e.schemaPath.startsWith('#/$defs/date')) return 'must be an ISO 8601 date or date-time (YYYY-MM-DD, YYYY-MM-DDThh:mm:ssZ)';
  return describeAjvError(e);
}

/** The dataset a pointer falls in (the innermost one), if any. */
function owner(datasets: Dataset[], ptr: string): Dataset | undefined {
  let best: Dataset | undefined;
  for (const ds of datasets) {
    const base = ds.at.pointer ?? '';
    const inside = base === '' || ptr === base || ptr.startsWith(`${base}/`);
    if (inside && (!best || base.length > (best.at.pointer ?? '').length)) best = ds;
  }
  return best;
}
