import { emptyDistribution, type Dataset, type Distribution, type DistributionsLink, type Licence, type Period } from '../model/index.js';
import { locateBlanks,
  Obj,
  at,
  confidence,
  isObject,
  licence,
  newDataset,
  num,
  pickAgent,
  pickFrom,
  put,
  putAgent,
  putFlags,
  restIntoExtras,
  setExtra,
  str,
  stringList,
  texts,
  unique,
  type Picked,
} from './build.js';
import { hasPath, keysOf, weigh, type Evidence } from './detect.js';
import { loadAllRecords, type LoadIssue, type Loader, type ParsedDocument, type RecordLoader, recordsOf } from './types.js';

/**
 * udata (data.gouv.fr and other udata portals) datasets: API v1 and v2 dataset objects, list
 * pages, udata-front-kit `{status, data}` responses and udata's fixture export `[{dataset,
 * resources, organization, reuses, discussions}]` (bare or under `datasets`), where resources
 * and organization sit beside the dataset. API v2 links to a dataset's resources instead of
 * including them: the dataset then says so (`distributionsNotIncluded`) rather than having none.
 */
export const udataLoader: Loader = { format: 'udata', detect, load: (doc) => loadAllRecords(records(doc)), records, keys: () => [...keysOf(UDATA_EVIDENCE), 'class', 'uri', ...UDATA_RESOURCE_KEYS.split('|')] };

interface Entry {
  dataset: Obj;
  /** The export format keeps these beside the dataset instead of inside it. */
  resources?: Obj[];
  organization?: Obj;
}

function entries(data: unknown): Entry[] {
  if (Array.isArray(data)) return data.some((v) => isObject(v) && isObject(v.dataset)) ? exportEntries(data, '') : objectsOf(data, '').map((dataset) => ({ dataset }));
  if (!isObject(data)) return [];
  if (Array.isArray(data.datasets)) return exportEntries(data.datasets, '/datasets');
  if (isObject(data.data)) return [{ dataset: new Obj(data.data, '/data') }];
  if (Array.isArray(data.data)) return objectsOf(data.data, '/data').map((dataset) => ({ dataset }));
  return [{ dataset: new Obj(data, '') }];
}

function exportEntries(list: unknown[], base: string): Entry[] {
  return objectsOf(list, base).flatMap((item) => {
    const dataset = item.obj('dataset');
    if (!dataset) return [];
    const resources = item.objects('resources');
    return [{ dataset, resources: Array.isArray(item.peek('resources')) ? resources : undefined, organization: item.obj('organization') }];
  });
}

function objectsOf(list: unknown[], base: string): Obj[] {
  return list.map((v, i) => Obj.of(v, `${base}/${i}`)).filter((o): o is Obj => o !== undefined);
}

// ---------------------------------------------------------------------------------------------
// Detection

/** What udata dataset objects have and CKAN and Frictionless do not. */
const UDATA_EVIDENCE: Evidence[] = [
  ...['slug', 'frequency_date', 'last_update', 'created_at_internal', 'last_modified_internal', 'internal', 'metrics', 'quality', 'contact_points', 'archived', 'acronym', 'badges'].map((k): Evidence => [k, 0.12]),
  // API v2: the resources are a link to their own page.
  ['resources.href', 0.12],
];
/** Keys of udata resources (the export keeps resources beside the dataset). */
const UDATA_RESOURCE_KEYS = 'filetype|latest|mime|filesize|preview_url';

function datasetScore(entry: Entry): number {
  const v = entry.dataset.value;
  let evidence = weigh(v, UDATA_EVIDENCE);
  if (v.class === 'Dataset') evidence += 0.24;
  if (typeof v.uri === 'string' && /\/api\/\d+\/datasets\//.test(v.uri)) evidence += 0.24;
  const resources = entry.resources?.map((r) => r.value) ?? (Array.isArray(v.resources) ? v.resources.filter(isObject) : []);
  if (resources.some((r) => hasPath(r, UDATA_RESOURCE_KEYS) || isObject(r.checksum))) evidence += 0.12;
  if (evidence === 0) return 0;
  // CKAN dicts and Frictionless packages may share a generic key (`archived`, `badges`).
  const foreign = 'notes' in v || 'license_id' in v || Array.isArray(v.licenses);
  return Math.min(0.95, 0.35 + evidence) * (foreign ? 0.3 : 1);
}

function detect(doc: ParsedDocument): number {
  return confidence(Math.max(0, ...entries(doc.data).slice(0, 5).map(datasetScore)));
}

// ---------------------------------------------------------------------------------------------
// Loading

function records(doc: ParsedDocument): RecordLoader {
  return recordsOf(entries(doc.data), (entry, issues) => loadDataset(doc, entry, issues));
}

function loadDataset(doc: ParsedDocument, entry: Entry, issues: LoadIssue[]): Dataset {
  const d = entry.dataset;
  const ds = newDataset(doc, 'udata', d.ptr);
  const internal = d.obj('internal');
  const extras = d.obj('extras');

  // The slug stays in extras when there is an id: portals link with either.
  put(doc, ds, 'id', d.pick(str, 'id') ?? d.pick(str, 'slug'));
  put(doc, ds, 'title', d.pick(texts, 'title'));
  put(doc, ds, 'description', d.pick(texts, 'description'));
  put(doc, ds, 'keywords', d.pick(stringList, 'tags'));
  put(doc, ds, 'licence', d.pick(udataLicence, 'license'));
  // API v2 with `X-Get-Datasets-Full-Objects` gives `{id, label}` instead of the id.
  put(doc, ds, 'frequency', d.pick((v) => (isObject(v) ? str(v.id) : str(v)), 'frequency'));
  put(doc, ds, 'temporal', d.pick(period, 'temporal_coverage'));
  putSpatial(doc, ds, d.obj('spatial'));
  putAgent(doc, ds, 'publisher', publisher(d, entry.organization));
  putAgent(doc, ds, 'contactPoint', contactPoint(d));
  put(doc, ds, 'issued', pickFrom([d, internal], str, 'created_at', 'created_at_internal'));
  // `last_update` is when the data last changed; `last_modified` also moves on metadata edits.
  put(doc, ds, 'modified', pickFrom([d, internal], str, 'last_update', 'last_modified', 'last_modified_internal'));
  put(doc, ds, 'landingPage', d.pick(str, 'page', 'uri'));
  putFlags(doc, ds, [extras, d]);

  const link = entry.resources ? undefined : resourcesLink(d);
  if (link) notIncluded(doc, ds, link, issues);
  const resources = entry.resources ?? d.objects('resources');
  for (const res of resources) ds.distributions.push(loadResource(doc, res));

  locateBlanks(doc, ds, d, { title: ['title'], description: ['description'], licence: ['license'], keywords: ['tags'], distributions: ['resources'] });
  restIntoExtras(doc, ds, d);
  // The dataset's own `extras` object is flattened: its keys are the portal's extra fields.
  if (extras) for (const [key, p] of Object.entries(extras.value)) setExtra(ds, key, p, at(doc, extras.pointerOf(key)));
  return ds;
}

/** API v2's `resources: {rel, href, total}`: where the resources are, instead of the resources. */
function resourcesLink(d: Obj): Picked<DistributionsLink> | undefined {
  const v = d.peek('resources');
  if (!isObject(v)) return undefined;
  const href = str(v.href);
  const total = num(v.total);
  if (href === undefined && total === undefined) return undefined;
  return { value: { ...(href !== undefined ? { href } : {}), ...(total !== undefined ? { total } : {}) }, ptr: d.pointerOf('resources') };
}

/** The dataset has distributions odlint was not given: say so, so nobody reads "none". */
function notIncluded(doc: ParsedDocument, ds: Dataset, link: Picked<DistributionsLink>, issues: LoadIssue[]): void {
  ds.distributionsNotIncluded = link.value;
  ds.locations['distributions'] = at(doc, link.ptr);
  const { href, total } = link.value;
  const count = total === undefined ? 'its resources' : `its ${total} resource${total === 1 ? '' : 's'}`;
  issues.push({ ruleId: 'core/distributions-not-included', messageId: 'linked', data: { count, href: href ?? 'no link given' }, location: at(doc, link.ptr), dataset: ds });
}

/** `license` is an id (`lov2`, `odc-odbl`) in API v1; some exports give `{id, title, url}`. */
function udataLicence(v: unknown): Licence | undefined {
  if (isObject(v)) return licence({ id: str(v.id), title: str(v.title), url: str(v.url) });
  const id = str(v);
  return id === undefined ? undefined : licence({ id });
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

/**
 * Zones (`country:fr`, or zone objects) are the coverage. udata's own quality score counts a
 * granularity alone as spatial information, so it stands in when there is no zone.
 */
function putSpatial(doc: ParsedDocument, ds: Dataset, spatial: Obj | undefined): void {
  if (!spatial) return;
  const zones = spatial.pick(zoneList, 'zones');
  const granularity = spatial.pick((v) => (isObject(v) ? str(v.id) : str(v)), 'granularity');
  const value = zones ?? (granularity && { value: [granularity.value], ptr: granularity.ptr });
  put(doc, ds, 'spatial', value);
  if (granularity) setExtra(ds, 'spatial.granularity', granularity.value, at(doc, granularity.ptr));
  const geom = spatial.peek('geom');
  if (isObject(geom)) setExtra(ds, 'spatial.geom', geom, at(doc, spatial.pointerOf('geom')));
}

function zoneList(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const zones = v.map((z) => (isObject(z) ? str(z.id) ?? str(z.code) ?? str(z.name) : str(z))).filter((z): z is string => z !== undefined);
  return zones.length ? unique(zones) : undefined;
}

/** The organization, else the owning user. */
function publisher(d: Obj, beside: Obj | undefined) {
  const org = beside ?? d.obj('organization');
  const fromOrg = org && pickAgent([org], { name: ['name', 'acronym', 'slug'], url: ['page', 'url'], uri: ['uri', 'id'] }, org.ptr);
  if (fromOrg) return fromOrg;
  const owner = d.obj('owner');
  if (!owner) return undefined;
  const name = [str(owner.peek('first_name')), str(owner.peek('last_name'))].filter(Boolean).join(' ');
  const agent = pickAgent([owner], { url: ['page'], uri: ['uri', 'id'] }, owner.ptr);
  if (!name) return agent;
  return { value: { ...agent?.value, name }, ptr: owner.ptr, parts: { ...agent?.parts, name: owner.pointerOf('first_name') } };
}

/** The first contact point that has an email or a contact form (else the first one). */
function contactPoint(d: Obj) {
  const points = d.objects('contact_points');
  const best = points.find((p) => str(p.peek('email')) ?? str(p.peek('contact_form'))) ?? points[0];
  return best && pickAgent([best], { name: ['name'], email: ['email'], url: ['contact_form'], uri: ['id'] }, best.ptr);
}

// ---------------------------------------------------------------------------------------------
// Resources

function loadResource(doc: ParsedDocument, res: Obj): Distribution {
  const dist = emptyDistribution(at(doc, res.ptr));
  const extras = res.obj('extras');
  put(doc, dist, 'id', res.pick(str, 'id'));
  put(doc, dist, 'title', res.pick(texts, 'title'));
  put(doc, dist, 'description', res.pick(texts, 'description'));
  // udata serves every resource URL directly (files, or remote links it redirects to).
  const url = res.pick(str, 'url');
  put(doc, dist, 'accessURL', url);
  put(doc, dist, 'downloadURL', url);
  put(doc, dist, 'format', res.pick(str, 'format'));
  put(doc, dist, 'mediaType', res.pick(str, 'mime'));
  put(doc, dist, 'byteSize', res.pick(num, 'filesize'));
  put(doc, dist, 'checksum', res.pick(checksum, 'checksum'));
  put(doc, dist, 'issued', res.pick(str, 'created_at'));
  put(doc, dist, 'modified', res.pick(str, 'last_modified'));
  // `type` (main, documentation, update, api, code, other) and `schema` stay in extras.
  restIntoExtras(doc, dist, res);
  if (extras) for (const [key, v] of Object.entries(extras.value)) setExtra(dist, key, v, at(doc, extras.pointerOf(key)));
  return dist;
}

/** `{type: 'sha1', value: '…'}` → `sha1:…`. */
function checksum(v: unknown): string | undefined {
  if (!isObject(v)) return str(v);
  const value = str(v.value);
  const type = str(v.type);
  return value && (type ? `${type}:${value}` : value);
}
