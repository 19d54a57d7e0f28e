import path from 'node:path';
import { emptyDistribution, type Dataset, type Distribution, type Licence } from '../model/index.js';
import {
  Obj,
  at,
  attachDataRef,
  attachSchema,
  confidence,
  isObject,
  licence,
  newDataset,
  num,
  oneString,
  pickAgent,
  pickedLicence,
  put,
  putAgent,
  restIntoExtras,
  locateBlanks,
  setExtra,
  str,
  stringList,
  texts,
  type Picked,
  type PickedAgent,
} from './build.js';
import type { LoadIssue, LoadResult, Loader, ParsedDocument } from './types.js';
import { attachDialect } from './frictionless-dialect.js';

/**
 * Frictionless Data Packages, v1 and v2, as JSON or YAML (`datapackage.json`, `datapackage.yaml`,
 * `*.package.json`), including the legacy licence forms (`license` string, `{id, url}` objects);
 * and single Data Resources (`*.resource.json|yaml`): one dataset with one distribution.
 */
export const frictionlessLoader: Loader = { format: 'frictionless', detect, load, keys: () => ['$schema', 'profile', 'path', 'data', 'licenses', 'contributors', 'schema', 'dialect', 'csvDialect', 'layout', 'mediatype', 'encoding'] };

// ---------------------------------------------------------------------------------------------
// Detection

const PACKAGE_FILE = /^(datapackage\.(json|ya?ml)|.+\.package\.(json|ya?ml))$/i;
const RESOURCE_FILE = /^(dataresource\.(json|ya?ml)|.+\.resource\.(json|ya?ml))$/i;

function detect(doc: ParsedDocument): number {
  const v = doc.data;
  if (!isObject(v)) return 0;
  return isResource(v) ? detectResource(doc, v) : detectPackage(doc, v);
}

/** A single resource: a `path` (a string or chunks) or inline `data` rows, and no `resources` list. */
function isResource(v: Record<string, unknown>): boolean {
  return !('resources' in v) && (typeof v.path === 'string' || Array.isArray(v.path) || Array.isArray(v.data));
}

function detectResource(doc: ParsedDocument, v: Record<string, unknown>): number {
  const profile = `${str(v.$schema) ?? ''} ${str(v.profile) ?? ''}`;
  if (/datapackage\.org\/profiles\/.*dataresource|data-resource/i.test(profile)) return 1;
  let score = 0.3;
  if (typeof v.schema === 'string' || (isObject(v.schema) && Array.isArray(v.schema.fields))) score += 0.3;
  if ('dialect' in v || 'csvDialect' in v || 'layout' in v) score += 0.2;
  if (['table', 'tabular'].includes(str(v.type) ?? '') || 'mediatype' in v || 'encoding' in v) score += 0.1;
  // A dataset of another format that happens to have a `path`.
  if (['notes', 'license_id', 'distributions', 'distribution', 'datasets', 'dataset', 'package_id'].some((k) => k in v)) score *= 0.3;
  if (RESOURCE_FILE.test(path.basename(doc.file))) score += 0.3;
  return confidence(score);
}

function detectPackage(doc: ParsedDocument, v: Record<string, unknown>): number {
  const profile = `${str(v.$schema) ?? ''} ${str(v.profile) ?? ''}`;
  if (/datapackage\.org\/profiles|frictionlessdata\.io\/schemas\/.*package/i.test(profile)) return 1;
  let score = 0;
  if (/data-package/i.test(profile)) score += 0.6;
  const resources = Array.isArray(v.resources) ? v.resources.filter(isObject) : [];
  // `path`/`data` are what make a resource Frictionless (CKAN and udata resources have `url`).
  if (resources.some((r) => 'path' in r || 'data' in r)) score += 0.5;
  if (Array.isArray(v.licenses)) score += 0.15;
  if (Array.isArray(v.contributors)) score += 0.1;
  if (score === 0) return 0;
  if ('notes' in v || 'license_id' in v || 'distributions' in v) score *= 0.3;
  if (PACKAGE_FILE.test(path.basename(doc.file))) score += 0.3;
  return confidence(score);
}

// ---------------------------------------------------------------------------------------------
// Loading

function load(doc: ParsedDocument): LoadResult {
  if (!isObject(doc.data)) return { datasets: [], issues: [] };
  if (isResource(doc.data)) return loadResourceDescriptor(doc, doc.data);
  const issues: LoadIssue[] = [];
  const pkg = new Obj(doc.data, '');
  const ds = newDataset(doc, 'frictionless', '');

  put(doc, ds, 'id', pkg.pick(str, 'name') ?? pkg.pick(str, 'id'));
  put(doc, ds, 'title', pkg.pick(texts, 'title'));
  put(doc, ds, 'description', pkg.pick(texts, 'description'));
  put(doc, ds, 'keywords', pkg.pick(stringList, 'keywords'));
  putLicences(doc, ds, pkg);
  putAgent(doc, ds, 'publisher', contributor(pkg, ['publisher']));
  putAgent(doc, ds, 'contactPoint', contributor(pkg, ['maintainer', 'contact', 'contactperson']));
  put(doc, ds, 'landingPage', pkg.pick(str, 'homepage'));
  put(doc, ds, 'issued', pkg.pick(str, 'created'));

  for (const res of pkg.objects('resources')) ds.distributions.push(loadResource(doc, res, ds, issues));
  // `sources`, `contributors`, `version`, `profile`... stay as written.
  locateBlanks(doc, ds, pkg, { title: ['title'], description: ['description'], licence: ['licenses', 'license'], keywords: ['keywords'], distributions: ['resources'] });
  restIntoExtras(doc, ds, pkg);
  return { datasets: [ds], issues };
}

/**
 * A single Data Resource: the resource is both the dataset (its name, title, description,
 * licences, homepage) and its one distribution (everything else, as in a package).
 */
function loadResourceDescriptor(doc: ParsedDocument, v: Record<string, unknown>): LoadResult {
  const issues: LoadIssue[] = [];
  const meta = new Obj(v, '');
  const ds = newDataset(doc, 'frictionless', '');
  put(doc, ds, 'id', meta.pick(str, 'name'));
  put(doc, ds, 'title', meta.pick(texts, 'title'));
  put(doc, ds, 'description', meta.pick(texts, 'description'));
  put(doc, ds, 'landingPage', meta.pick(str, 'homepage'));
  putLicences(doc, ds, meta);
  locateBlanks(doc, ds, meta, { title: ['title'], description: ['description'], licence: ['licenses', 'license'] });
  ds.distributions.push(loadResource(doc, new Obj(v, ''), ds, issues));
  return { datasets: [ds], issues };
}

/** All licences of a package or resource: `licenses` list, else the legacy `license` field. */
function licences(o: Obj): Picked<Licence>[] {
  const list = o.items('licenses');
  const legacy = o.peek('license') === undefined ? [] : [{ value: o.raw('license'), ptr: o.pointerOf('license') }];
  return (list.length ? list : legacy)
    .map((item) => licenceItem(item))
    .filter((l): l is Picked<Licence> => l !== undefined);
}

function licenceItem(item: Picked<unknown>): Picked<Licence> | undefined {
  const o = Obj.of(item.value, item.ptr);
  // v1 objects have name/path/title; older drafts used id/url (and `type`).
  // Titles and paths may be `{lang: text}` maps (iso-639-1 example): the first text counts.
  if (o) return pickedLicence(o.pick(str, 'name', 'id', 'type'), o.pick(oneString, 'title'), o.pick(oneString, 'path', 'url'));
  const id = str(item.value);
  return id === undefined ? undefined : { value: licence({ id })!, ptr: item.ptr };
}

/** The first licence is the dataset's; when there are several, all of them stay in extras. */
function putLicences(doc: ParsedDocument, entity: Dataset | Distribution, o: Obj): void {
  const all = licences(o);
  if (!all.length) return;
  put(doc, entity, 'licence', all[0]);
  if (all.length > 1) setExtra(entity, 'licenses', all.map((l) => l.value), at(doc, o.pointerOf('licenses')));
}

/**
 * The first contributor with one of `roles` (v1 `role`, v2 `roles`). The list itself stays in
 * extras: authors and other roles have no place in the model.
 */
function contributor(pkg: Obj, roles: string[]): PickedAgent | undefined {
  const list = pkg.peek('contributors');
  if (!Array.isArray(list)) return undefined;
  for (const [i, c] of list.entries()) {
    const o = Obj.of(c, `${pkg.pointerOf('contributors')}/${i}`);
    if (!o) continue;
    const has = [o.peek('role'), ...(Array.isArray(o.peek('roles')) ? (o.peek('roles') as unknown[]) : [])]
      .map((r) => str(r)?.toLowerCase())
      .some((r) => r !== undefined && roles.includes(r));
    if (!has) continue;
    const agent = pickAgent([o], { name: ['title', 'organization'], email: ['email'], url: ['path'] }, o.ptr);
    const named = agent ?? personName(o);
    if (named) return named;
  }
  return undefined;
}

/** v2 contributors may give `givenName`/`familyName` instead of a title. */
function personName(o: Obj): PickedAgent | undefined {
  const name = [str(o.peek('givenName')), str(o.peek('familyName'))].filter(Boolean).join(' ');
  return name ? { value: { name }, ptr: o.ptr, parts: { name: o.pointerOf('givenName') } } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Resources

/** A checksum from frictionless-py's `stats`, as `algorithm:hex`. */
function statsChecksum(stats: Obj | undefined, hashing: string | undefined): Picked<string> | undefined {
  if (!stats) return undefined;
  for (const algorithm of ['sha256', 'md5', 'sha1', 'sha512']) {
    const v = stats.pick(str, algorithm);
    if (v) return { ...v, value: `${algorithm}:${v.value}` };
  }
  const hash = stats.pick(str, 'hash');
  return hash && hashing && !hash.value.includes(':') ? { ...hash, value: `${hashing}:${hash.value}` } : hash;
}

function loadResource(doc: ParsedDocument, res: Obj, ds: Dataset, issues: LoadIssue[]): Distribution {
  const dist = emptyDistribution(at(doc, res.ptr));
  put(doc, dist, 'id', res.pick(str, 'name'));
  put(doc, dist, 'title', res.pick(texts, 'title'));
  put(doc, dist, 'description', res.pick(texts, 'description'));

  // `path` may be a list of chunks of one file; the first chunk is the one read.
  const parts = res.items('path').filter((p) => typeof p.value === 'string');
  if (parts.length > 1) setExtra(dist, 'pathParts', parts.map((p) => p.value), at(doc, res.pointerOf('path')));
  const ref = res.pick(str, 'path') ?? (parts[0] as Picked<string> | undefined) ?? res.pick(str, 'url');
  if (ref && attachDataRef(doc, dist, ref, issues, ds) === 'remote') put(doc, dist, 'downloadURL', ref);
  if (res.peek('data') !== undefined) {
    res.raw('data');
    setExtra(dist, 'inline', true, at(doc, res.pointerOf('data')));
  }

  put(doc, dist, 'format', res.pick(str, 'format'));
  put(doc, dist, 'mediaType', res.pick(str, 'mediatype', 'mediaType'));
  // frictionless-py writes them under `stats` too (v4 `hash` with `hashing`; v5 `md5`, `sha256`); `stats` stays in extras.
  const stats = Obj.of(res.peek('stats'), res.pointerOf('stats'));
  put(doc, dist, 'byteSize', res.pick(num, 'bytes') ?? stats?.pick(num, 'bytes'));
  put(doc, dist, 'checksum', res.pick(str, 'hash') ?? statsChecksum(stats, str(res.peek('hashing'))));
  putLicences(doc, dist, res);
  attachSchema(doc, dist, res.pick((v) => v, 'schema'), issues, ds);
  attachDialect(doc, dist, res, issues, ds);
  // `encoding`, `sources`, `profile`... stay as written.
  restIntoExtras(doc, dist, res);
  return dist;
}
