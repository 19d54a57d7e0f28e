import { locate, type Agent, type Dataset, type DatasetRdf, type Distribution, type Located, type RdfDocument, type RdfTerm, type RdfTriple, type SourceLocation, type Texts } from '../model/index.js';

/**
 * The DCAT-AP RDF of a dataset loaded from a CKAN, udata, Frictionless, DCAT-US or odlint
 * descriptor, as ckanext-dcat's DCAT-AP profiles and udata's RDF export write it: each value
 * as its source states it — an IRI where it is one, a literal otherwise (a free-text frequency,
 * a licence title, a relative path stay literals, and the shapes say so), dates typed when they
 * are ISO 8601. Every statement remembers the model property it came from, so a SHACL result
 * points back at the field of the original file (docs/dcat-ap-mapping.md).
 */

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const VCARD = 'http://www.w3.org/2006/vcard/ns#';
const DCATAP = 'http://data.europa.eu/r5r/';
const LOCN = 'http://www.w3.org/ns/locn#';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

/**
 * A value taken as an IRI: a URL with an authority (`https://…`), a URN or a mailto: address,
 * without spaces. A portal's own codes that merely contain a colon (udata's `country:fr`) stay
 * literals.
 */
const IRI = /^(?:[a-z][a-z0-9+.-]*:\/\/|urn:|mailto:)[^\s<>"{}|\\^`]+$/i;

const iri = (value: string): RdfTerm => ({ kind: 'iri', value });
const blank = (value: string): RdfTerm => ({ kind: 'blank', value });
const literal = (value: string, lang?: string): RdfTerm => (lang ? { kind: 'literal', value, lang } : { kind: 'literal', value });
/** An IRI where the value is one, else the literal as written (ckanext-dcat's URIRefOrLiteral). */
const iriOrLiteral = (value: string): RdfTerm => (IRI.test(value.trim()) ? iri(value.trim()) : literal(value));

/** ISO 8601 dates typed as DCAT-AP wants them (ckanext-dcat parses dates the same way); anything else a plain literal. */
export function dateTerm(value: string): RdfTerm {
  const v = value.trim();
  const type = /^\d{4}$/.test(v)
    ? 'gYear'
    : /^\d{4}-\d{2}$/.test(v)
      ? 'gYearMonth'
      : /^\d{4}-\d{2}-\d{2}$/.test(v)
        ? 'date'
        : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(v)
          ? 'dateTime'
          : undefined;
  if (!type) return literal(value);
  // xsd:dateTime needs seconds: "2012-05-10T21:04" is written "2012-05-10T21:04:00".
  const lexical = type === 'dateTime' && !/T\d{2}:\d{2}:\d{2}/.test(v) ? v.replace(/(T\d{2}:\d{2})/, '$1:00') : v;
  return { kind: 'literal', value: lexical, datatype: `${XSD}${type}` };
}

/** Texts as literals, one per language (`""`: untagged). */
function texts(t: Texts | undefined): RdfTerm[] {
  return Object.entries(t ?? {})
    .filter(([, v]) => v.trim() !== '')
    .map(([lang, v]) => literal(v, lang || undefined));
}

class Builder {
  readonly triples: RdfTriple[] = [];
  /** node key → predicate → where the value came from; '' → where the node is. */
  readonly places = new Map<string, Map<string, SourceLocation>>();
  readonly names = new Map<string, string>();

  node(key: string, name: string, at: SourceLocation): RdfTerm {
    this.names.set(key, name);
    this.place(key, '', at);
    return key.startsWith('_:') ? blank(key.slice(2)) : iri(key);
  }

  place(key: string, predicate: string, at: SourceLocation): void {
    let m = this.places.get(key);
    if (!m) this.places.set(key, (m = new Map()));
    if (!m.has(predicate)) m.set(predicate, at);
  }

  add(s: RdfTerm, p: string, objects: RdfTerm[], at: SourceLocation): void {
    if (!objects.length) return;
    const key = s.kind === 'blank' ? `_:${s.value}` : s.value;
    this.place(key, p, at);
    for (const o of objects) this.triples.push([s, p, o]);
  }
}

/** The DCAT-AP RDF of one dataset, as a document of its own. */
export function mappedDocument(ds: Dataset): DatasetRdf {
  const b = new Builder();
  const node = mapDataset(b, ds, '');
  const document: RdfDocument = {
    datasetNodes: [node],
    triples: () => b.triples,
    locate: (n, predicate) => b.places.get(n)?.get(predicate ?? '') ?? b.places.get(n)?.get('') ?? ds.at,
    describe: (n) => b.names.get(n) ?? n,
  };
  return { document, node };
}

/** Maps one dataset into the builder; blank node labels start with `prefix`. Returns the dataset's node key. */
function mapDataset(b: Builder, ds: Dataset, prefix: string): string {
  const dsKey = ds.id && IRI.test(ds.id) ? ds.id : `_:${prefix}dataset`;
  const d = b.node(dsKey, 'the dataset', ds.at);
  const at = (e: Located, prop: string) => locate(e, prop);
  b.add(d, RDF_TYPE, [iri(`${DCAT}Dataset`)], ds.at);
  b.add(d, `${DCT}identifier`, ds.id ? [literal(ds.id)] : [], at(ds, 'id'));
  b.add(d, `${DCT}title`, texts(ds.title), at(ds, 'title'));
  b.add(d, `${DCT}description`, texts(ds.description), at(ds, 'description'));
  b.add(d, `${DCAT}keyword`, ds.keywords.filter((k) => k.trim()).map((k) => literal(k)), at(ds, 'keywords'));
  b.add(d, `${DCAT}theme`, ds.themes.map(iriOrLiteral), at(ds, 'themes'));
  agent(b, d, `${DCT}publisher`, ds.publisher, 'publisher', 'the publisher', ds, 'foaf', prefix);
  agent(b, d, `${DCAT}contactPoint`, ds.contactPoint, 'contactPoint', 'the contact point', ds, 'vcard', prefix);
  b.add(d, `${DCT}accessRights`, ds.accessRights ? [iriOrLiteral(ds.accessRights)] : [], at(ds, 'accessRights'));
  if (ds.temporal && (ds.temporal.start || ds.temporal.end)) {
    const p = b.node(`_:${prefix}temporal`, 'the temporal coverage', at(ds, 'temporal'));
    b.add(d, `${DCT}temporal`, [p], at(ds, 'temporal'));
    b.add(p, RDF_TYPE, [iri(`${DCT}PeriodOfTime`)], at(ds, 'temporal'));
    b.add(p, `${DCAT}startDate`, ds.temporal.start ? [dateTerm(ds.temporal.start)] : [], at(ds, 'temporal'));
    b.add(p, `${DCAT}endDate`, ds.temporal.end ? [dateTerm(ds.temporal.end)] : [], at(ds, 'temporal'));
  }
  (ds.spatial ?? []).forEach((s, i) => b.add(d, `${DCT}spatial`, [spatial(b, s, `${prefix}spatial${i + 1}`, at(ds, 'spatial'))], at(ds, 'spatial')));
  b.add(d, `${DCT}accrualPeriodicity`, ds.frequency ? [iriOrLiteral(ds.frequency)] : [], at(ds, 'frequency'));
  b.add(d, `${DCT}issued`, ds.issued ? [dateTerm(ds.issued)] : [], at(ds, 'issued'));
  b.add(d, `${DCT}modified`, ds.modified ? [dateTerm(ds.modified)] : [], at(ds, 'modified'));
  b.add(d, `${DCT}language`, ds.language.map(iriOrLiteral), at(ds, 'language'));
  b.add(d, `${DCT}conformsTo`, ds.conformsTo.map(iriOrLiteral), at(ds, 'conformsTo'));
  b.add(d, `${DCAT}landingPage`, ds.landingPage ? [iriOrLiteral(ds.landingPage)] : [], at(ds, 'landingPage'));
  b.add(d, `${FOAF}page`, ds.documentation.map(iriOrLiteral), at(ds, 'documentation'));
  b.add(d, `${DCATAP}hvdCategory`, ds.hvdCategory.map(iriOrLiteral), at(ds, 'hvdCategory'));
  b.add(d, `${DCATAP}applicableLegislation`, ds.applicableLegislation.map(iriOrLiteral), at(ds, 'applicableLegislation'));
  ds.distributions.forEach((dist, i) => b.add(d, `${DCAT}distribution`, [distribution(b, dist, i, ds, prefix)], dist.at));
  return dsKey;
}

function distribution(b: Builder, dist: Distribution, i: number, ds: Dataset, prefix: string): RdfTerm {
  const key = dist.id && IRI.test(dist.id) ? dist.id : `_:${prefix}distribution${i + 1}`;
  const n = b.node(key, `distribution ${i + 1}`, dist.at);
  const at = (prop: string) => locate(dist, prop);
  b.add(n, RDF_TYPE, [iri(`${DCAT}Distribution`)], dist.at);
  b.add(n, `${DCT}title`, texts(dist.title), at('title'));
  b.add(n, `${DCT}description`, texts(dist.description), at('description'));
  b.add(n, `${DCAT}accessURL`, dist.accessURL ? [iriOrLiteral(dist.accessURL)] : [], at('accessURL'));
  b.add(n, `${DCAT}downloadURL`, dist.downloadURL ? [iriOrLiteral(dist.downloadURL)] : [], at('downloadURL'));
  b.add(n, `${DCT}format`, dist.format ? [iriOrLiteral(dist.format)] : [], at('format'));
  b.add(n, `${DCAT}mediaType`, dist.mediaType ? [iriOrLiteral(dist.mediaType)] : [], at('mediaType'));
  // ckanext-dcat gives each distribution the dataset's licence when it has none of its own.
  const licence = dist.licence ?? ds.licence;
  b.add(n, `${DCT}license`, licence ? [licenceTerm(licence)] : [], dist.licence ? at('licence') : locate(ds, 'licence'));
  if (dist.byteSize !== undefined) b.add(n, `${DCAT}byteSize`, [{ kind: 'literal', value: String(dist.byteSize), datatype: `${XSD}nonNegativeInteger` }], at('byteSize'));
  b.add(n, `${DCT}issued`, dist.issued ? [dateTerm(dist.issued)] : [], at('issued'));
  b.add(n, `${DCT}modified`, dist.modified ? [dateTerm(dist.modified)] : [], at('modified'));
  b.add(n, `${DCT}conformsTo`, (dist.conformsTo ?? []).map(iriOrLiteral), at('conformsTo'));
  b.add(n, `${DCAT}accessService`, dist.accessService ? [iriOrLiteral(dist.accessService)] : [], at('accessService'));
  return n;
}

/** The licence's EU licence IRI, else its URL or IRI as written, else the id or title as a literal. */
function licenceTerm(l: NonNullable<Dataset['licence']>): RdfTerm {
  if (l.euUri) return iri(l.euUri);
  for (const v of [l.url, l.raw]) if (v && IRI.test(v.trim())) return iri(v.trim());
  return literal(l.raw);
}

/** foaf:Agent (publisher) or vcard:Kind (contact point); an IRI node when the agent has one. */
function agent(b: Builder, subject: RdfTerm, predicate: string, a: Agent | undefined, prop: string, name: string, ds: Dataset, style: 'foaf' | 'vcard', prefix: string): void {
  if (!a || ![a.name, a.email, a.url, a.uri].some((v) => v?.trim())) return;
  const where = locate(ds, prop);
  const key = a.uri && IRI.test(a.uri) ? a.uri : `_:${prefix}${prop}`;
  const n = b.node(key, name, where);
  b.add(subject, predicate, [n], where);
  const email = a.email?.trim() ? [iri(a.email.trim().startsWith('mailto:') ? a.email.trim() : `mailto:${a.email.trim()}`)] : [];
  const url = a.url?.trim() ? [iriOrLiteral(a.url)] : [];
  const names = a.name?.trim() ? [literal(a.name)] : [];
  if (style === 'foaf') {
    b.add(n, RDF_TYPE, [iri(`${FOAF}Agent`)], where);
    b.add(n, `${FOAF}name`, names, where);
    b.add(n, `${FOAF}mbox`, email, where);
    b.add(n, `${FOAF}homepage`, url, where);
  } else {
    b.add(n, RDF_TYPE, [iri(`${VCARD}Kind`)], where);
    b.add(n, `${VCARD}fn`, names, where);
    b.add(n, `${VCARD}hasEmail`, email, where);
    b.add(n, `${VCARD}hasURL`, url, where);
  }
}

/** An IRI; a GeoJSON geometry as a dct:Location with locn:geometry; a place name as a dct:Location with skos:prefLabel. */
function spatial(b: Builder, value: string, label: string, where: SourceLocation): RdfTerm {
  if (IRI.test(value.trim())) return iri(value.trim());
  const n = b.node(`_:${label}`, 'the spatial coverage', where);
  b.add(n, RDF_TYPE, [iri(`${DCT}Location`)], where);
  if (value.trim().startsWith('{')) b.add(n, `${LOCN}geometry`, [{ kind: 'literal', value, datatype: 'http://www.opengis.net/ont/geosparql#geoJSONLiteral' }], where);
  else b.add(n, `${SKOS}prefLabel`, [literal(value)], where);
  return n;
}
