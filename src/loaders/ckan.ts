import { emptyDistribution, type Dataset, type Distribution, type Period } from '../model/index.js';
import { locateBlanks,
  Obj,
  blank,
  at,
  confidence,
  attachDataRef,
  commaList,
  decodeJsonish,
  isObject,
  newDataset,
  num,
  oneString,
  pickAgent,
  pickFrom,
  pickedLicence,
  put,
  putAgent,
  putFlags,
  restIntoExtras,
  set,
  setExtra,
  str,
  stringList,
  texts,
  unique,
  type Picked,
} from './build.js';
import { keysOf, weigh, type Evidence } from './detect.js';
import { loadAllRecords, type LoadIssue, type Loader, type ParsedDocument, type RecordLoader, recordsOf } from './types.js';

/**
 * CKAN package dicts: bare, as a list, or in an action API envelope — `package_show` (DKAN 7
 * answers with a list), `package_search`, `current_package_list_with_resources`,
 * `group_package_show` (lists) and `organization_show?include_datasets=true` (`result.packages`).
 * Core CKAN fields, ckanext-scheming DCAT-AP fields, ckanext-fluent `*_translated` fields and
 * legacy key/value extras (ckanext-dcat, harvesters) all map onto the model.
 */
export const ckanLoader: Loader = { format: 'ckan', detect, load: (doc) => loadAllRecords(records(doc)), records, keys: () => [...keysOf(CKAN_EVIDENCE), 'help', 'success'] };

interface Package {
  pkg: Obj;
  /** The organization whose `organization_show` listed the package: its publisher when it names none. */
  owner?: Obj;
}

type Shape = { error: Obj } | { packages: Package[]; envelope: boolean };

function shape(data: unknown): Shape {
  if (Array.isArray(data)) return { packages: packagesOf(data, ''), envelope: false };
  if (!isObject(data)) return { packages: [], envelope: false };
  if (data.success === false && isObject(data.error)) return { error: new Obj(data.error, '/error') };
  if (Array.isArray(data.result)) return { packages: packagesOf(data.result, '/result'), envelope: true };
  const result = Obj.of(data.result, '/result');
  // A package_search `result` saved without its envelope: `{count, results: [...]}`.
  if (!result && Array.isArray(data.results) && 'count' in data) return { packages: packagesOf(data.results, '/results'), envelope: false };
  if (!result) return { packages: [{ pkg: new Obj(data, '') }], envelope: false };
  const search = result.peek('results');
  if (Array.isArray(search)) return { packages: packagesOf(search, '/result/results'), envelope: true };
  const listed = result.peek('packages');
  if (Array.isArray(listed)) return { packages: packagesOf(listed, '/result/packages', result), envelope: true };
  // organization_show / group_show without include_datasets: the group itself is no package.
  if ('is_organization' in result.value || 'package_count' in result.value) return { packages: [], envelope: true };
  return { packages: [{ pkg: result }], envelope: true };
}

/** The object items of a list of packages (anything else in the list is not a package). */
function packagesOf(list: unknown[], base: string, owner?: Obj): Package[] {
  return list.flatMap((p, i) => {
    const pkg = Obj.of(p, `${base}/${i}`);
    return pkg ? [owner ? { pkg, owner } : { pkg }] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// Detection

/** What only CKAN package dicts have (Frictionless and udata use other names). */
const CKAN_EVIDENCE: Evidence[] = [
  ...['notes', 'notes_translated', 'license_id', 'owner_org', 'metadata_created', 'num_resources', 'maintainer_email', 'author_email', 'title_translated'].map((k): Evidence => [k, 0.15]),
  ['tags[].name', 0.15],
  ['extras[].key', 0.15],
  ['organization.is_organization', 0.15],
  ['resources[].package_id|url_type|datastore_active|mimetype', 0.15],
];

function packageScore(pkg: Obj): number {
  const v = pkg.value;
  const evidence = weigh(v, CKAN_EVIDENCE);
  if (evidence === 0) return 0;
  // A Frictionless package (resources with `path`, `licenses` list) may share a key or two.
  const resources = Array.isArray(v.resources) ? v.resources.filter(isObject) : [];
  const foreign = Array.isArray(v.licenses) || resources.some((r) => 'path' in r && !('url' in r));
  return Math.min(0.95, 0.35 + evidence) * (foreign ? 0.3 : 1);
}

const PACKAGE_ACTIONS = /name=(package_show|package_search|current_package_list_with_resources|group_package_show|organization_show|group_show)\b/;

function detect(doc: ParsedDocument): number {
  const s = shape(doc.data);
  if ('error' in s) return 0.9;
  const help = isObject(doc.data) && typeof doc.data.help === 'string' && /\/api\/\d+\/action\//.test(doc.data.help) ? doc.data.help : undefined;
  const best = Math.max(0, ...s.packages.slice(0, 5).map((p) => packageScore(p.pkg)));
  // The help URL names the action: answers of the actions that return packages are certainly CKAN.
  if (help) return best > 0 || PACKAGE_ACTIONS.test(help) ? 1 : 0.5;
  if (best > 0 && s.envelope && isObject(doc.data) && doc.data.success === true) return confidence(best + 0.2);
  return confidence(best);
}

// ---------------------------------------------------------------------------------------------
// Loading

function records(doc: ParsedDocument): RecordLoader {
  const s = shape(doc.data);
  if ('error' in s) return { count: 0, issues: [apiError(doc, s.error)], load: () => ({ datasets: [], issues: [] }) };
  return recordsOf(s.packages, (p, issues) => loadPackage(doc, p, issues));
}

/** `{success:false, error:{__type, message}}`: the API refused (not found, not authorised...). */
function apiError(doc: ParsedDocument, error: Obj): LoadIssue {
  const type = str(error.peek('__type'));
  let message = str(error.peek('message'));
  // Validation errors carry one list of messages per field instead of `message`.
  message ??= Object.entries(error.value)
    .filter(([k]) => k !== '__type')
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.map(String).join(', ') : isObject(v) ? JSON.stringify(v) : String(v)}`)
    .join('; ');
  const text = type && message ? `${type}: ${message}` : (type ?? message) || 'unknown error';
  return { ruleId: 'core/api-error', messageId: 'apiError', data: { message: text }, location: at(doc, error.ptr) };
}

/** Legacy key/value extras as an Obj keyed by extra name, values JSON-decoded, at `/extras/<i>/value`. */
function extrasOf(pkg: Obj): Obj | undefined {
  // No prototype: extra keys are arbitrary strings (`__proto__`, `constructor`...).
  const values: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const ptrs: Record<string, string> = Object.create(null) as Record<string, string>;
  const list = pkg.raw('extras');
  if (!Array.isArray(list)) return undefined;
  const base = pkg.pointerOf('extras');
  let any = false;
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    if (!isObject(item)) continue;
    const key = str(item.key);
    if (key === undefined) continue;
    values[key] = decodeJsonish(item.value);
    ptrs[key] = base + '/' + i + '/value';
    any = true;
  }
  return any ? new Obj(values, base, (k) => ptrs[k]!) : undefined;
}

function loadPackage(doc: ParsedDocument, { pkg, owner }: Package, issues: LoadIssue[]): Dataset {
  const ds = newDataset(doc, 'ckan', pkg.ptr);
  const extras = extrasOf(pkg);
  // DCAT-named extras fill the model when the top-level field is absent.
  const src = [pkg, extras];
  const pick = <T>(convert: (v: unknown) => T | undefined, ...keys: string[]) => pickFrom(src, convert, ...keys);

  put(doc, ds, 'id', pkg.pick(str, 'name', 'id'));
  put(doc, ds, 'title', pkg.pick(texts, 'title_translated', 'title'));
  put(doc, ds, 'description', pkg.pick(texts, 'notes_translated', 'notes'));
  put(doc, ds, 'keywords', pkg.pick(keywordList, 'tags_translated', 'keywords', 'tags'));
  putThemes(doc, ds, pkg, pick(stringList, 'theme', 'dcat_theme'));
  putAgent(doc, ds, 'publisher', publisher(pkg, extras, owner));
  putAgent(doc, ds, 'contactPoint', contactPoint(pkg, extras));
  put(doc, ds, 'licence', pickedLicence(pick(str, 'license_id'), pick(str, 'license_title'), pick(str, 'license_url', 'license')));
  put(doc, ds, 'accessRights', pick(oneString, 'access_rights', 'dcat_access_rights'));
  put(doc, ds, 'rights', pick(oneString, 'rights', 'dcat_rights'));
  const temporalCoverage = temporal(pkg, extras);
  put(doc, ds, 'temporal', temporalCoverage);
  // Start and end are two fields in CKAN: a finding on the end must point at the end.
  if (temporalCoverage?.endPtr) ds.locations['temporal.end'] = at(doc, temporalCoverage.endPtr);
  put(doc, ds, 'spatial', spatial(pkg, extras));
  put(doc, ds, 'frequency', pick(str, 'frequency', 'dcat_frequency', 'frequency-of-update'));
  put(doc, ds, 'issued', pick(str, 'issued', 'dcat_issued', 'metadata_created'));
  put(doc, ds, 'modified', pick(str, 'modified', 'dcat_modified', 'metadata_modified'));
  put(doc, ds, 'language', pick(commaList, 'language', 'dcat_language'));
  put(doc, ds, 'conformsTo', pick(stringList, 'conforms_to', 'dcat_conforms_to'));
  put(doc, ds, 'landingPage', pick(str, 'url', 'landing_page', 'dcat_landing_page'));
  put(doc, ds, 'documentation', pick(stringList, 'documentation', 'dcat_documentation'));
  put(doc, ds, 'hvdCategory', pick(stringList, 'hvd_category', 'dcat_hvd_category'));
  put(doc, ds, 'applicableLegislation', pick(stringList, 'applicable_legislation', 'dcat_applicable_legislation'));
  putFlags(doc, ds, src);

  for (const res of pkg.objects('resources')) ds.distributions.push(loadResource(doc, res, ds, issues));

  locateBlanks(doc, ds, pkg, { title: ['title'], description: ['notes'], licence: ['license_id', 'license_title'], keywords: ['tags'], distributions: ['resources'] });
  restIntoExtras(doc, ds, pkg);
  // Every extra is kept as written (decoded), even when it also filled a model field.
  if (extras) for (const key in extras.value) if (!blank(extras.value[key])) setExtra(ds, key, extras.value[key], at(doc, extras.pointerOf(key)));
  return ds;
}

/** Keywords from CKAN tags (`[{name}]`), fluent `{lang: [..]}` maps or scheming keyword lists. */
function keywordList(v: unknown): string[] | undefined {
  const names = (list: unknown): string[] =>
    Array.isArray(list) ? list.map((t) => (isObject(t) ? str(t.name) ?? str(t.display_name) : str(t))).filter((t): t is string => t !== undefined) : [];
  const out = isObject(v) ? Object.values(v).flatMap((l) => names(Array.isArray(l) ? l : stringList(l))) : names(Array.isArray(v) ? v : stringList(v));
  const list = unique(out);
  return list.length ? list : undefined;
}

/** Themes: DCAT `theme` URIs plus CKAN groups; located at the first source that had some. */
function putThemes(doc: ParsedDocument, ds: Dataset, pkg: Obj, theme: Picked<string[]> | undefined): void {
  const groups = pkg.pick(keywordList, 'groups');
  const all = unique([...(theme?.value ?? []), ...(groups?.value ?? [])]);
  const from = theme ?? groups;
  if (from) set(ds, 'themes', all, at(doc, from.ptr));
}

/** ckanext-dcat order: scheming `publisher`, then `publisher_*` fields, then the organization. */
function publisher(pkg: Obj, extras: Obj | undefined, owner: Obj | undefined) {
  const scheming = firstObject(pkg, 'publisher');
  if (scheming) return pickAgent([scheming], AGENT_OBJECT_KEYS, scheming.ptr);
  const flat = pickAgent([pkg, extras], {
    name: ['publisher_name', 'dcat_publisher_name'],
    email: ['publisher_email', 'dcat_publisher_email'],
    url: ['publisher_url', 'dcat_publisher_url'],
    uri: ['publisher_uri', 'dcat_publisher_uri'],
  });
  if (flat) return flat;
  const org = pkg.obj('organization') ?? owner;
  return org && pickAgent([org], { name: ['title', 'display_name', 'name'] }, org.ptr);
}

/** Maintainer, then author, then the scheming `contact` list, then legacy `contact_*` extras. */
function contactPoint(pkg: Obj, extras: Obj | undefined) {
  const maintainer = pickAgent([pkg], { name: ['maintainer'], email: ['maintainer_email'] });
  if (maintainer) return maintainer;
  const author = pickAgent([pkg], { name: ['author'], email: ['author_email'] });
  if (author) return author;
  const contact = firstObject(pkg, 'contact');
  if (contact) return pickAgent([contact], AGENT_OBJECT_KEYS, contact.ptr);
  return pickAgent([pkg, extras], {
    name: ['contact_name', 'dcat_contact_name'],
    email: ['contact_email', 'dcat_contact_email', 'contact-email'],
    uri: ['contact_uri', 'dcat_contact_uri'],
  });
}

const AGENT_OBJECT_KEYS = { name: ['name'], email: ['email'], url: ['url', 'homepage'], uri: ['uri', 'identifier'] };

/** The first object of a scheming repeating subfield (`publisher: [{...}]`), or the object itself. */
function firstObject(pkg: Obj, key: string): Obj | undefined {
  const v = pkg.peek(key);
  if (isObject(v)) return pkg.obj(key);
  return Array.isArray(v) ? pkg.objects(key)[0] : undefined;
}

function temporal(pkg: Obj, extras: Obj | undefined): (Picked<Period> & { endPtr?: string }) | undefined {
  const start = pickFrom([pkg, extras], firstString, 'temporal_start', 'dcat_temporal_start', 'temporal_coverage-from');
  const end = pickFrom([pkg, extras], firstString, 'temporal_end', 'dcat_temporal_end', 'temporal_coverage-to');
  if (start || end) return { value: period(start?.value, end?.value), ptr: (start ?? end)!.ptr, endPtr: end?.ptr };
  const coverage = firstObject(pkg, 'temporal_coverage');
  if (!coverage) return undefined;
  const value = period(str(coverage.peek('start')), str(coverage.peek('end')));
  return value.start || value.end ? { value, ptr: coverage.ptr } : undefined;
}

function period(start: string | undefined, end: string | undefined): Period {
  const p: Period = {};
  if (start) p.start = start;
  if (end) p.end = end;
  return p;
}

/** INSPIRE harvesters wrap single values in JSON lists (`["1982"]`). */
function firstString(v: unknown): string | undefined {
  return stringList(v)?.[0];
}

/** Spatial coverage from URIs, names, GeoJSON (kept as JSON text) and scheming `spatial_coverage`. */
function spatial(pkg: Obj, extras: Obj | undefined): Picked<string[]> | undefined {
  const parts = [
    pickFrom([pkg, extras], str, 'spatial_uri', 'dcat_spatial_uri'),
    pickFrom([pkg, extras], str, 'spatial_text'),
    pickFrom([pkg, extras], geometryText, 'spatial'),
    pkg.pick(coverageList, 'spatial_coverage'),
  ].filter((p): p is Picked<string> | Picked<string[]> => p !== undefined);
  if (!parts.length) return undefined;
  return { value: unique(parts.flatMap((p) => p.value)), ptr: parts[0]!.ptr };
}

function geometryText(v: unknown): string | undefined {
  return isObject(v) ? JSON.stringify(v) : str(v);
}

function coverageList(v: unknown): string[] | undefined {
  const list = (Array.isArray(v) ? v : [v])
    .map((c) => (isObject(c) ? str(c.uri) ?? str(c.text) ?? (isObject(c.geom) ? JSON.stringify(c.geom) : undefined) : str(c)))
    .filter((s): s is string => s !== undefined);
  return list.length ? unique(list) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Resources

function loadResource(doc: ParsedDocument, res: Obj, ds: Dataset, issues: LoadIssue[]): Distribution {
  const dist = emptyDistribution(at(doc, res.ptr));
  put(doc, dist, 'id', res.pick(str, 'id'));
  put(doc, dist, 'title', res.pick(texts, 'name_translated', 'name'));
  put(doc, dist, 'description', res.pick(texts, 'description_translated', 'description'));

  const url = res.pick(str, 'url', 'access_url');
  const download = res.pick(str, 'download_url');
  put(doc, dist, 'accessURL', url);
  // Uploaded files are served by CKAN itself: their URL is a download link.
  put(doc, dist, 'downloadURL', download ?? (url && res.peek('url_type') === 'upload' ? url : undefined));
  const ref = url ?? download;
  if (ref) attachDataRef(doc, dist, ref, issues, ds);

  put(doc, dist, 'format', res.pick(str, 'format'));
  put(doc, dist, 'mediaType', res.pick(str, 'mimetype', 'media_type'));
  put(doc, dist, 'licence', pickedLicence(res.pick(str, 'license_id', 'license'), res.pick(str, 'license_title'), res.pick(str, 'license_url')));
  put(doc, dist, 'rights', res.pick(oneString, 'rights'));
  put(doc, dist, 'byteSize', res.pick(num, 'size', 'byte_size'));
  put(doc, dist, 'checksum', res.pick(str, 'hash'));
  put(doc, dist, 'issued', res.pick(str, 'issued', 'created'));
  put(doc, dist, 'modified', res.pick(str, 'modified', 'last_modified'));
  put(doc, dist, 'conformsTo', res.pick(stringList, 'conforms_to'));
  restIntoExtras(doc, dist, res);
  return dist;
}
