import { emptyDistribution, type Dataset, type Distribution, type Period } from '../model/index.js';
import {
  Obj,
  at,
  attachDataRef,
  confidence,
  isObject,
  licence,
  locateBlanks,
  newDataset,
  pickAgent,
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
import { keysOf, weigh, type Evidence } from './detect.js';
import type { LoadIssue, LoadResult, Loader, ParsedDocument } from './types.js';

/**
 * DCAT-US: Project Open Data `data.json` catalogs (schema v1.1, `{conformsTo, dataset: [...]}`),
 * the legacy v1.0 bare list of datasets, and the broken variants harvesters meet (no catalog
 * wrapper, empty dataset objects, numbers where strings belong).
 */
export const dcatUsLoader: Loader = { format: 'dcat-us', detect, load, keys: () => ['conformsTo', 'describedBy', '@context', '@type', ...keysOf(POD_EVIDENCE)] };

const POD_SCHEMA = /project-open-data\.cio\.gov\/v1\.1\/schema/i;

/** The dataset objects of a catalog (`/dataset/<i>`) or of a v1.0 list (`/<i>`), with their pointers. */
function entries(data: unknown): { items: { value: unknown; ptr: string }[]; listPtr: string } {
  if (Array.isArray(data)) return { items: data.map((value, i) => ({ value, ptr: `/${i}` })), listPtr: '' };
  if (isObject(data) && Array.isArray(data.dataset)) return { items: data.dataset.map((value, i) => ({ value, ptr: `/dataset/${i}` })), listPtr: '/dataset' };
  return { items: [], listPtr: '' };
}

// ---------------------------------------------------------------------------------------------
// Detection

/** What POD / DCAT-US datasets have and CKAN, udata, Frictionless and odlint's format do not. */
const POD_EVIDENCE: Evidence[] = [
  ...['accessLevel', 'bureauCode', 'programCode', 'accessLevelComment', 'mbox', 'primaryITInvestmentUII', 'systemOfRecords', 'dataQuality'].map((k): Evidence => [k, 0.15]),
  ['contactPoint.fn|hasEmail', 0.15],
  ['distribution[].downloadURL|mediaType|accessURL', 0.15],
  // DCAT's singular names, as POD writes them in plain JSON (odlint and Frictionless say `keywords`).
  ['keyword', 0.15],
];

function datasetScore(v: Record<string, unknown>): number {
  let evidence = weigh(v, POD_EVIDENCE);
  if (typeof v['@type'] === 'string' && /(^|:)Dataset$/.test(v['@type']) && Array.isArray(v.distribution)) evidence += 0.15;
  if (evidence === 0) return 0;
  // A CKAN package or a Frictionless resource list sharing a key by chance.
  const foreign = 'notes' in v || 'license_id' in v || 'resources' in v;
  return Math.min(0.9, 0.4 + evidence) * (foreign ? 0.3 : 1);
}

/** A schema, context or profile URL that names POD / DCAT-US. */
const DCAT_US_URL = /project-open-data\.cio\.gov|dcat-us/i;

function detect(doc: ParsedDocument): number {
  const v = doc.data;
  const { items } = entries(v);
  const best = Math.max(0, ...items.slice(0, 5).map((i) => (isObject(i.value) ? datasetScore(i.value) : 0)));
  if (!isObject(v) || !Array.isArray(v.dataset)) return confidence(best);
  const declared = [v.conformsTo, v.describedBy, v['@context']].some((s) => typeof s === 'string' && (POD_SCHEMA.test(s) || DCAT_US_URL.test(s)));
  if (declared) return 1;
  // `{"@type": "dcat:Catalog", "dataset": [...]}` in plain JSON (a JSON-LD context of its own makes it DCAT-AP's).
  const catalog = typeof v['@type'] === 'string' && /(^|:)Catalog$/.test(v['@type']) && !('@context' in v);
  return confidence(catalog ? Math.max(0.7, best + 0.1) : best);
}

// ---------------------------------------------------------------------------------------------
// Loading

function load(doc: ParsedDocument): LoadResult {
  const issues: LoadIssue[] = [];
  const datasets: Dataset[] = [];
  for (const item of entries(doc.data).items) {
    const obj = Obj.of(item.value, item.ptr);
    if (obj) datasets.push(loadDataset(doc, obj, issues));
    else issues.push({ ruleId: 'core/invalid-descriptor', messageId: 'schemaViolation', data: { message: `dataset entry ${item.ptr} is not an object` }, location: at(doc, item.ptr) });
  }
  return { datasets, issues };
}

/** Titles and descriptions: strings, or numbers written without quotes (`"title": 707`). */
function text(v: unknown) {
  return texts(str(v));
}

function loadDataset(doc: ParsedDocument, o: Obj, issues: LoadIssue[]): Dataset {
  const ds = newDataset(doc, 'dcat-us', o.ptr);
  put(doc, ds, 'id', o.pick(str, 'identifier'));
  put(doc, ds, 'title', o.pick(text, 'title'));
  put(doc, ds, 'description', o.pick(text, 'description'));
  put(doc, ds, 'keywords', o.pick(stringList, 'keyword'));
  put(doc, ds, 'themes', o.pick(stringList, 'theme'));
  putAgent(doc, ds, 'publisher', publisher(doc, ds, o));
  putAgent(doc, ds, 'contactPoint', contactPoint(o));
  put(doc, ds, 'licence', o.pick((v) => podLicence(str(v)), 'license'));
  put(doc, ds, 'accessRights', o.pick(str, 'accessLevel'));
  put(doc, ds, 'rights', o.pick(str, 'rights', 'accessLevelComment'));
  put(doc, ds, 'temporal', o.pick(interval, 'temporal'));
  // A coverage that is no ISO interval ("today", "2010") is kept as written.
  if (!ds.temporal) setExtra(ds, 'temporal', o.peek('temporal'), at(doc, o.pointerOf('temporal')));
  put(doc, ds, 'spatial', o.pick(spatial, 'spatial'));
  put(doc, ds, 'frequency', o.pick(str, 'accrualPeriodicity'));
  put(doc, ds, 'issued', o.pick(str, 'issued'));
  put(doc, ds, 'modified', o.pick(str, 'modified'));
  put(doc, ds, 'language', o.pick(stringList, 'language'));
  put(doc, ds, 'conformsTo', o.pick(stringList, 'conformsTo'));
  put(doc, ds, 'landingPage', o.pick(str, 'landingPage'));
  put(doc, ds, 'documentation', o.pick(stringList, 'references'));
  putFlags(doc, ds, [o]);

  for (const d of o.objects('distribution')) ds.distributions.push(loadDistribution(doc, d, ds, issues));
  // v1.0 put one access URL, its format and a web service on the dataset itself.
  const legacy = legacyDistributions(doc, o, ds, issues);
  ds.distributions.push(...legacy);

  locateBlanks(doc, ds, o, {
    id: ['identifier'],
    title: ['title'],
    description: ['description'],
    keywords: ['keyword'],
    licence: ['license'],
    spatial: ['spatial'],
    temporal: ['temporal'],
    distributions: ['distribution'],
  });
  restIntoExtras(doc, ds, o);
  return ds;
}

/** `{name, subOrganizationOf: {name, …}}` (v1.1) or a plain name (v1.0); the parent chain goes to extras. */
function publisher(doc: ParsedDocument, ds: Dataset, o: Obj): PickedAgent | undefined {
  const name = o.pick(str, 'publisher');
  if (name) return { value: { name: name.value }, ptr: name.ptr, parts: { name: name.ptr } };
  const pub = o.obj('publisher');
  if (!pub) return undefined;
  const parents: string[] = [];
  for (let p = pub.obj('subOrganizationOf'); p && parents.length < 20; p = p.obj('subOrganizationOf')) {
    const n = str(p.peek('name'));
    if (n) parents.push(n);
  }
  if (parents.length) setExtra(ds, 'subOrganizationOf', parents, at(doc, pub.pointerOf('subOrganizationOf')));
  return pickAgent([pub], { name: ['name'] }, pub.ptr);
}

/** vCard `{fn, hasEmail: "mailto:…"}` (v1.1), or a name with a separate `mbox` (v1.0). */
function contactPoint(o: Obj): PickedAgent | undefined {
  const cp = o.obj('contactPoint');
  const agent = cp ? pickAgent([cp], { name: ['fn'], email: ['hasEmail'] }, cp.ptr) : pickAgent([o], { name: ['contactPoint'], email: ['mbox'] });
  if (agent?.value.email) agent.value.email = agent.value.email.replace(/^mailto:/i, '');
  return agent;
}

/** POD licences are URLs (or, in v1.0, names such as "Public Domain"). */
function podLicence(v: string | undefined) {
  if (v === undefined) return undefined;
  return /^https?:\/\//i.test(v) ? licence({ url: v }) : licence({ id: v });
}

/** ISO 8601 interval `start/end` (either side may be a duration, `R/…` repeats are dropped). */
function interval(v: unknown): Period | undefined {
  const s = str(v);
  if (s === undefined || !s.includes('/')) return undefined;
  const parts = s.split('/').filter((p) => !/^R\d*$/.test(p));
  const [start, end] = [parts[0], parts[1]].map((p) => (p === undefined || /^P/i.test(p) || p.trim() === '' ? undefined : p.trim()));
  if (start === undefined && end === undefined) return undefined;
  return { ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end } : {}) };
}

/** A place name, a bounding box, or a GeoJSON object (kept as JSON text). */
function spatial(v: unknown): string[] | undefined {
  const s = isObject(v) ? JSON.stringify(v) : str(v);
  return s === undefined ? undefined : [s];
}

// ---------------------------------------------------------------------------------------------
// Distributions

function loadDistribution(doc: ParsedDocument, d: Obj, ds: Dataset, issues: LoadIssue[]): Distribution {
  const dist = emptyDistribution(at(doc, d.ptr));
  put(doc, dist, 'title', d.pick(text, 'title'));
  put(doc, dist, 'description', d.pick(text, 'description'));
  const download = d.pick(str, 'downloadURL');
  const access = d.pick(str, 'accessURL');
  put(doc, dist, 'downloadURL', download);
  put(doc, dist, 'accessURL', access);
  const ref = download ?? access;
  if (ref) attachDataRef(doc, dist, ref, issues, ds);
  put(doc, dist, 'mediaType', d.pick(str, 'mediaType'));
  put(doc, dist, 'format', d.pick(str, 'format'));
  put(doc, dist, 'conformsTo', d.pick(stringList, 'conformsTo'));
  // The data dictionary: a schema reference, as Frictionless remote schemas are kept.
  const dictionary = d.pick(str, 'describedBy');
  if (dictionary) setExtra(dist, 'schemaRef', dictionary.value, at(doc, dictionary.ptr));
  restIntoExtras(doc, dist, d);
  return dist;
}

/** v1.0 datasets: `accessURL` (+ `format`) and `webService` on the dataset become distributions. */
function legacyDistributions(doc: ParsedDocument, o: Obj, ds: Dataset, issues: LoadIssue[]): Distribution[] {
  const out: Distribution[] = [];
  const listed = new Set(ds.distributions.flatMap((d) => [d.accessURL, d.downloadURL]));
  const add = (url: Picked<string> | undefined, format?: Picked<string>) => {
    if (!url || listed.has(url.value)) return;
    const dist = emptyDistribution(at(doc, url.ptr));
    put(doc, dist, 'accessURL', url);
    put(doc, dist, 'format', format);
    attachDataRef(doc, dist, url, issues, ds);
    out.push(dist);
  };
  add(o.pick(str, 'accessURL'), o.pick(str, 'format'));
  add(o.pick(str, 'webService'));
  return out;
}
