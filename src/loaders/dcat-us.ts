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
import { loadAllRecords, type LoadIssue, type LoadResult, type Loader, type ParsedDocument, type RecordLoader, recordsOf } from './types.js';
import { isDcatUs3, walkDcatUs3, type Nodes } from './dcat-us-3.js';
import { referenceIssue } from './build.js';
import { isHttpUrl } from '../util/http-url.js';
import { definedOnly } from '../util/objects.js';

/**
 * DCAT-US: Project Open Data `data.json` catalogs (schema v1.1, `{conformsTo, dataset: [...]}`),
 * the legacy v1.0 bare list of datasets, and the broken variants harvesters meet (no catalog
 * wrapper, empty dataset objects, numbers where strings belong); and DCAT-US 3.0 JSON (catalogue
 * trees with nested catalogues and dataset series, `@graph`s, single datasets: dcat-us-3.ts).
 */
export const dcatUsLoader: Loader = { format: 'dcat-us', detect, load, records, keys: () => ['conformsTo', 'describedBy', '@context', '@type', ...keysOf(POD_EVIDENCE)] };

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
  if (isDcatUs3(v)) return 1;
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
  return isDcatUs3(doc.data) ? loadDcatUs3(doc, doc.data) : loadAllRecords(records(doc)!);
}

/** The datasets of a catalog one by one (a DCAT-US 3.0 document, whose datasets nest, is loaded whole). */
function records(doc: ParsedDocument): RecordLoader | undefined {
  if (isDcatUs3(doc.data)) return undefined;
  const issues: LoadIssue[] = [];
  const objects: Obj[] = [];
  for (const item of entries(doc.data).items) {
    const obj = Obj.of(item.value, item.ptr);
    if (obj) objects.push(obj);
    else issues.push({ ruleId: 'core/invalid-descriptor', messageId: 'schemaViolation', data: { message: `a dataset entry is ${item.value === null ? 'null' : Array.isArray(item.value) ? 'a list' : `a ${typeof item.value}`}, not an object` }, location: at(doc, item.ptr) });
  }
  return recordsOf(objects, (obj, own) => loadDataset(doc, obj, own), issues);
}

/**
 * A DCAT-US 3.0 document: every dataset and series of every catalogue level, each its own
 * dataset; a dataset or catalogue named only by an IRI the document does not describe is said.
 */
function loadDcatUs3(doc: ParsedDocument, data: Record<string, unknown>): LoadResult {
  const issues: LoadIssue[] = [];
  const walk = walkDcatUs3(data);
  const datasets = walk.datasets.map((found) => loadDataset(doc, new Obj(found.value, found.ptr), issues, walk.nodes));
  for (const u of walk.unresolved) {
    issues.push(referenceIssue(doc, u.ptr, undefined, u.kind, 'remote', { url: u.iri }));
  }
  return { datasets, issues };
}

/** A JSON-LD value object `{"@value": …}` or node reference `{"@id": …}` as its plain value. */
function plain(v: unknown): unknown {
  if (isObject(v) && '@value' in v) return v['@value'];
  if (isObject(v) && Object.keys(v).every((k) => k === '@id' || k === '@type')) return v['@id'];
  return v;
}

/**
 * Titles and descriptions: strings, or numbers written without quotes (`"title": 707`); in 3.0
 * also language maps (`titleMap`) and `{"@language", "@value"}` objects.
 */
function text(v: unknown) {
  if (isObject(v) && '@value' in v) return texts(str(v['@value']), str(v['@language']) ?? '');
  return isObject(v) ? texts(v) : texts(str(v));
}

/** A string, or the plain value of a JSON-LD value or reference. */
function plainStr(v: unknown): string | undefined {
  return str(plain(v));
}

/** What names a node written inline (3.0 `theme`, `spatial`, `accessRights` objects): its label, else its IRI. */
function label(v: unknown): string | undefined {
  if (!isObject(v)) return str(v);
  return plainStr(v.prefLabel) ?? plainStr(v.title) ?? plainStr(v.name) ?? str(v['@id']);
}

function labels(v: unknown): string[] | undefined {
  return stringList((Array.isArray(v) ? v : [v]).map(label));
}

/** Ids of inline datasets or IRIs (a series' members, a member's series). */
function ids(v: unknown): string[] | undefined {
  return stringList((Array.isArray(v) ? v : [v]).map((x) => (isObject(x) ? str(x.identifier) ?? str(x['@id']) : str(x))));
}

function loadDataset(doc: ParsedDocument, o: Obj, issues: LoadIssue[], nodes: Nodes = new Map()): Dataset {
  const ds = newDataset(doc, 'dcat-us', o.ptr);
  /** A value, or the graph node it refers to by IRI (blank nodes `_:b0` included). */
  const deref = (v: unknown) => nodes.get(str(plain(v)) ?? '')?.value ?? v;
  put(doc, ds, 'id', o.pick(str, 'identifier', '@id'));
  put(doc, ds, 'title', o.pick(text, 'title', 'titleMap', 'dcterms:title'));
  put(doc, ds, 'description', o.pick(text, 'description', 'descriptionMap', 'dcterms:description'));
  put(doc, ds, 'keywords', o.pick(stringList, 'keyword'));
  put(doc, ds, 'themes', o.pick(labels, 'theme'));
  putAgent(doc, ds, 'publisher', publisher(doc, ds, o, nodes));
  putAgent(doc, ds, 'contactPoint', contactPoint(o, nodes));
  put(doc, ds, 'licence', o.pick(licenceOf, 'license'));
  put(doc, ds, 'accessRights', o.pick(label, 'accessLevel', 'accessRights'));
  put(doc, ds, 'rights', o.pick(label, 'rights', 'accessLevelComment'));
  put(doc, ds, 'temporal', o.pick((v) => period(v, deref), 'temporal', 'dcterms:temporal'));
  // A coverage that is no ISO interval ("today", "2010") is kept as written.
  if (!ds.temporal) setExtra(ds, 'temporal', o.peek('temporal'), at(doc, o.pointerOf('temporal')));
  put(doc, ds, 'spatial', o.pick((v) => spatial(v, deref), 'spatial', 'dcterms:spatial'));
  put(doc, ds, 'frequency', o.pick(plainStr, 'accrualPeriodicity', 'dcterms:accrualPeriodicity'));
  put(doc, ds, 'issued', o.pick(plainStr, 'issued', 'dcterms:issued'));
  put(doc, ds, 'modified', o.pick(plainStr, 'modified', 'dcterms:modified'));
  put(doc, ds, 'language', o.pick(stringList, 'language'));
  put(doc, ds, 'conformsTo', o.pick(labels, 'conformsTo'));
  put(doc, ds, 'landingPage', o.pick(plainStr, 'landingPage'));
  put(doc, ds, 'documentation', o.pick(stringList, 'references'));
  putFlags(doc, ds, [o]);
  // Series links: the members are datasets of their own; here only their ids.
  for (const key of ['seriesMember', 'first', 'last', 'inSeries']) {
    const linked = o.pick(ids, key);
    if (linked) setExtra(ds, key, linked.value, at(doc, linked.ptr));
  }

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

/**
 * `{name, subOrganizationOf: {name, …}}` (v1.1, 3.0) or a plain name (v1.0); in 3.0 an IRI, with
 * the name of the `@graph` node it refers to. The parent chain goes to extras.
 */
function publisher(doc: ParsedDocument, ds: Dataset, o: Obj, nodes: Nodes): PickedAgent | undefined {
  const name = o.pick(str, 'publisher');
  if (name && isHttpUrl(name.value)) {
    const node = nodes.get(name.value)?.value;
    const named = node ? label(node) : undefined;
    const value = named && named !== name.value ? { name: named, uri: name.value } : { uri: name.value };
    return { value, ptr: name.ptr, parts: { uri: name.ptr } };
  }
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

/** vCard `{fn, hasEmail: "mailto:…"}` (v1.1; in 3.0 possibly a list or a reference), or a name with a separate `mbox` (v1.0). */
function contactPoint(o: Obj, nodes: Nodes): PickedAgent | undefined {
  const raw = o.raw('contactPoint');
  // 3.0 allows several (the first is the contact point), and references to a node of the graph.
  const [value, ptr] = Array.isArray(raw) ? [raw[0], `${o.pointerOf('contactPoint')}/0`] : [raw, o.pointerOf('contactPoint')];
  const node = nodes.get(str(plain(value)) ?? '');
  const cp = node ? Obj.of(node.value, node.ptr) : Obj.of(value, ptr);
  const agent = cp ? pickAgent([cp], { name: ['fn'], email: ['hasEmail'] }, cp.ptr) : pickAgent([o], { name: ['contactPoint'], email: ['mbox'] });
  if (agent?.value.email) agent.value.email = agent.value.email.replace(/^mailto:/i, '');
  return agent;
}

/** A licence IRI, or a 3.0 LicenseDocument object (its `@id`, else its title). */
function licenceOf(v: unknown) {
  return podLicence(isObject(v) ? str(v['@id']) ?? plainStr(v.title) : str(v));
}

/** 3.0 PeriodOfTime (`startDate`/`endDate`, or `start`/`end`), possibly in a list or by reference; POD's ISO interval. */
function period(v: unknown, deref: (v: unknown) => unknown): Period | undefined {
  const node = deref(Array.isArray(v) ? v[0] : v);
  if (!isObject(node)) return interval(node);
  const start = plainStr(node.startDate) ?? plainStr(node.start);
  const end = plainStr(node.endDate) ?? plainStr(node.end);
  if (start === undefined && end === undefined) return undefined;
  return definedOnly({ start, end });
}

/** POD licences are URLs (or, in v1.0, names such as "Public Domain"). */
function podLicence(v: string | undefined) {
  if (v === undefined) return undefined;
  return isHttpUrl(v) ? licence({ url: v }) : licence({ id: v });
}

/** ISO 8601 interval `start/end` (either side may be a duration, `R/…` repeats are dropped). */
function interval(v: unknown): Period | undefined {
  const s = str(v);
  if (s === undefined || !s.includes('/')) return undefined;
  const parts = s.split('/').filter((p) => !/^R\d*$/.test(p));
  const [start, end] = [parts[0], parts[1]].map((p) => (p === undefined || /^P/i.test(p) || p.trim() === '' ? undefined : p.trim()));
  if (start === undefined && end === undefined) return undefined;
  return definedOnly({ start, end });
}

/**
 * A place name, a bounding box, or a GeoJSON object (kept as JSON text); in 3.0 a list of
 * Locations (their label or IRI) or references to them.
 */
function spatial(v: unknown, deref: (v: unknown) => unknown): string[] | undefined {
  if (Array.isArray(v)) return stringList(v.map((x) => deref(x)).map((x) => (isObject(x) ? label(x) ?? JSON.stringify(x) : str(x))));
  const node = deref(v);
  if (isObject(node) && (node.prefLabel !== undefined || node['@type'] !== undefined) && label(node)) return [label(node)!];
  const s = isObject(node) ? JSON.stringify(node) : str(node);
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
  put(doc, dist, 'mediaType', d.pick(label, 'mediaType'));
  put(doc, dist, 'format', d.pick(label, 'format'));
  put(doc, dist, 'conformsTo', d.pick(labels, 'conformsTo'));
  put(doc, dist, 'licence', d.pick(licenceOf, 'license'));
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
