/**
 * Structure documentation (rules/documentation/*): whether a tabular distribution says what its
 * columns are (a Table Schema, CSVW metadata, a data dictionary, a schema it conforms to, the
 * portal's own data dictionary), which concepts they stand for, which registers they refer to,
 * and under which conditions non-open data may be reused. Pure functions of the model.
 */
import type { Dataset, Distribution, SourceLocation, TableSchemaField } from '../model/index.js';
import { effectiveFormat } from './formats.js';

/** Formats whose content is a table of columns. */
const TABULAR = new Set(['csv', 'tsv', 'xls', 'xlsx', 'ods', 'parquet', 'dbf']);

/** Whether the distribution holds a table (by its content, declared format or extension). */
export function isTabular(dist: Distribution): boolean {
  const f = effectiveFormat(dist);
  return f !== undefined && TABULAR.has(f.format.id);
}

/** A column as its documentation describes it. */
export interface DocumentedColumn {
  name: string;
  /** A human label (Table Schema `title`, CSVW `titles`, DataStore `info.label`). */
  label?: string;
  description?: string;
  /** A concept the column stands for (Table Schema `rdfType`, CSVW `propertyUrl`). */
  concept?: string;
}

export type ColumnDocsKind = 'table-schema' | 'ckan-datastore' | 'udata-schema' | 'conforms-to' | 'data-dictionary';

export interface ColumnDocs {
  kind: ColumnDocsKind;
  /** The documented columns, when the documentation is in the metadata itself. */
  columns?: DocumentedColumn[];
  location: SourceLocation;
}

const text = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v.trim() || undefined;
  // Multilingual titles: {"en": "...", "nl": "..."}.
  if (v && typeof v === 'object' && !Array.isArray(v)) return Object.values(v).map(text).find(Boolean);
  if (Array.isArray(v)) return v.map(text).find(Boolean);
  return undefined;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Table Schema (or CSVW column) fields as documented columns. */
function schemaColumns(fields: readonly (TableSchemaField | Record<string, unknown>)[]): DocumentedColumn[] {
  return fields.filter(isObject).map((f) => {
    const name = text(f.name) ?? text(f.id) ?? '';
    const label = text(f.title) ?? text(f.titles);
    const description = text(f.description) ?? text(f['dc:description']);
    const concept = text(f.rdfType) ?? text(f.propertyUrl);
    return { name, ...(label ? { label } : {}), ...(description ? { description } : {}), ...(concept ? { concept } : {}) };
  });
}

/** A Table Schema given as an object or a JSON string (ckanext-validation's resource `schema`). */
function parsedSchema(v: unknown): Record<string, unknown> | undefined {
  if (isObject(v)) return v;
  if (typeof v === 'string' && v.trim().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(v);
      return isObject(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Titles and links of resources and pages that document columns: data dictionaries, codebooks, CSVW metadata. */
const DICTIONARY =
  /data[ _-]?dictionar|dictionnaire des donn|codebook|code ?book|variabelen ?(lijst|beschrijving)|gegevenswoordenboek|datawoordenboek|beschrijving van de (velden|kolommen)|description des (champs|colonnes|variables)|variablenbeschreibung|datensatzbeschreibung|feldbeschreibung|csv-metadata\.json|[-.]metadata\.json$|schema\.json$|tableschema|table schema/i;

function mentionsDictionary(dist: Distribution): boolean {
  const texts = [text(dist.title), dist.downloadURL, dist.accessURL, dist.localRef];
  return texts.some((t) => t !== undefined && DICTIONARY.test(t));
}

/**
 * How the columns of a tabular distribution are documented, the most precise first; undefined
 * when nothing in the metadata documents them.
 */
export function columnDocs(dist: Distribution, ds: Dataset): ColumnDocs | undefined {
  if (dist.schema) return { kind: 'table-schema', columns: schemaColumns(dist.schema.fields), location: dist.locations.schema ?? dist.at };
  // ckanext-validation: the resource's `schema`, inline or as a JSON string.
  const ckanSchema = parsedSchema(dist.extras.schema);
  if (ckanSchema && Array.isArray(ckanSchema.fields)) {
    return { kind: 'table-schema', columns: schemaColumns(ckanSchema.fields as Record<string, unknown>[]), location: dist.locations['extras.schema'] ?? dist.at };
  }
  // CKAN DataStore data dictionary: fields with `info: {label, notes}`.
  const fields = dist.extras.fields;
  if (Array.isArray(fields) && fields.some((f) => isObject(f) && isObject(f.info))) {
    const columns = fields.filter(isObject).filter((f) => f.id !== '_id').map((f): DocumentedColumn => {
      const info = isObject(f.info) ? f.info : {};
      const label = text(info.label);
      const description = text(info.notes);
      return { name: text(f.id) ?? '', ...(label ? { label } : {}), ...(description ? { description } : {}) };
    });
    return { kind: 'ckan-datastore', columns, location: dist.locations['extras.fields'] ?? dist.at };
  }
  // udata: `schema: {name, version}` (or `url`) names a schema of schema.data.gouv.fr.
  const udata = dist.extras.schema;
  if (isObject(udata) && (text(udata.name) || text(udata.url))) return { kind: 'udata-schema', location: dist.locations['extras.schema'] ?? dist.at };
  if (typeof udata === 'string' && /^https?:\/\//.test(udata.trim())) return { kind: 'conforms-to', location: dist.locations['extras.schema'] ?? dist.at };
  if (dist.conformsTo?.length) return { kind: 'conforms-to', location: dist.locations.conformsTo ?? dist.at };
  if (ds.conformsTo.length) return { kind: 'conforms-to', location: ds.locations.conformsTo ?? ds.at };
  const dictionary = ds.distributions.find((d) => d !== dist && mentionsDictionary(d));
  if (dictionary) return { kind: 'data-dictionary', location: dictionary.at };
  if (ds.documentation.some((u) => DICTIONARY.test(u))) return { kind: 'data-dictionary', location: ds.locations.documentation ?? ds.at };
  return undefined;
}

/**
 * Column names that are codes, not words: `VAR_07`, `V12`, `Q3_1`, `BEV_V`, `GM_CODE`, `pop_h`
 * — short parts of letters and digits with a digit, a one-letter part, or (in capitals) a
 * two-letter one. Words (`NAAM`, `postcode`, `jaar2020`, `city-or-town`) are not codes.
 */
export function isCodeName(name: string): boolean {
  const n = name.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9_\-.]*$/.test(n)) return false;
  const parts = n.split(/[_\-.]+/).filter(Boolean);
  if (!parts.every((p) => p.length <= 5)) return false;
  if (/\d/.test(n)) return true;
  const shortest = Math.min(...parts.map((p) => p.length));
  return parts.length > 1 && (shortest === 1 || (shortest === 2 && n === n.toUpperCase()));
}

/** `dct:conformsTo` values that point at a vocabulary or ontology rather than a schema. */
const VOCABULARY = /vocab|ontolog|skos|owl|\/def\/|\/id\/concept|begrip|concept|thesaur|\.ttl$|\.rdf$|\.jsonld$/i;

export function isVocabulary(uri: string): boolean {
  return VOCABULARY.test(uri);
}

// ---------------------------------------------------------------------------------------------
// Registers

/** Identifiers of another register, by normalised column name (lower case, `_` for separators, no accents). */
const REGISTERS: readonly [register: string, pattern: RegExp][] = [
  ['the Dutch trade register (KvK)', /^(kvk|kvk_?(nummer|nr|number))$/],
  ['the Dutch RSIN register', /^rsin$/],
  ['the Dutch addresses and buildings register (BAG)', /^(bag_?(id|nummer)|nummeraanduiding_?id|verblijfsobject_?id|pand_?id|openbare_?ruimte_?id)$/],
  ['the CBS area codes (gemeente, wijk, buurt)', /^(gemeentecode|gm_?code|gwb_?code(_?\d+)?|wijkcode|buurtcode)$/],
  ['the Belgian Crossroads Bank for Enterprises (KBO/BCE)', /^(kbo(_?nummer)?|bce|ondernemingsnummer|numero_?(d_?)?entreprise|enterprise_?number)$/],
  ['the Belgian NIS/INS codes', /^(nis(_?code|5)?|cd_?refnis|refnis|code_?ins|ins_?code)$/],
  ['the French company register (SIRENE)', /^(siren|siret)(_[a-z]+)?$/],
  ['the French official geographic code (COG)', /^(code_?insee|insee_?com|code_?commune_?insee|codgeo|depcom)$/],
  ['the French health establishments register (FINESS)', /^(n_?finess|finess(_?et|_?ej)?|numero_?finess)$/],
  ['the French schools register (UAI)', /^(uai|code_?uai|numero_?uai)$/],
  ['the French associations register (RNA)', /^(rna|id_?rna|numero_?rna)$/],
  ['the Luxembourg trade register (RCS)', /^(rcs|numero_?rcs|rcs_?(number|nummer))$/],
  ['the German official municipality key (AGS/ARS)', /^(ags|ars|gemeindeschluessel|amtlicher_?gemeindeschluessel|regionalschluessel)$/],
  ['the EU NUTS/LAU classification', /^(nuts(_?id|_?code|_?[0-3])?|lau(_?id|_?code)?)$/],
  ['the Global LEI register', /^lei(_?code)?$/],
];

const normaliseName = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/** The register whose identifiers a column of this name holds, if any. */
export function registerOfColumn(name: string): string | undefined {
  const n = normaliseName(name);
  return REGISTERS.find(([, p]) => p.test(n))?.[0];
}

/** Keys (model extras) that relate a dataset to other datasets. */
const RELATION_KEYS = [
  'dct:relation',
  'dct:source',
  'dct:references',
  'dct:requires',
  'dct:isReferencedBy',
  'prov:wasDerivedFrom',
  'dcat:qualifiedRelation',
  'relation',
  'related',
  'related_resource',
  'qualified_relation',
  'source',
  'sources',
  'was_derived_from',
  'references',
];

const stated = (v: unknown): boolean => (Array.isArray(v) ? v.some(stated) : isObject(v) ? Object.keys(v).length > 0 : typeof v === 'string' ? v.trim() !== '' : v != null);

/** Whether the dataset names related datasets: a relation, a source, or a Table Schema foreign key to another resource. */
export function relatesToOtherDatasets(ds: Dataset): boolean {
  if (RELATION_KEYS.some((k) => stated(ds.extras[k]))) return true;
  return ds.distributions.some((d) => {
    const keys = d.schema?.foreignKeys;
    return Array.isArray(keys) && keys.some((k) => isObject(k) && isObject(k.reference) && text(k.reference.resource) !== undefined);
  });
}

// ---------------------------------------------------------------------------------------------
// Reuse conditions of non-open data

const RESTRICTED = /RESTRICTED|NON_PUBLIC|CONFIDENTIAL|SENSITIVE|non[- ]?public|restricted|niet[- ]?(openbaar|publiek)|beperkt|restreint|non communicable|eingeschr[aä]nkt|nicht[- ]?[oö]ffentlich/i;

/** Why access to the dataset is not open: restricted access rights, or a licence that is not open. */
export function notOpenBecause(ds: Dataset): { reason: 'accessRights' | 'licence'; value: string } | undefined {
  if (ds.accessRights && RESTRICTED.test(ds.accessRights)) return { reason: 'accessRights', value: ds.accessRights };
  const licence = ds.licence?.openness === 'not-open' ? ds.licence : ds.distributions.find((d) => d.licence?.openness === 'not-open')?.licence;
  return licence ? { reason: 'licence', value: licence.raw } : undefined;
}

const CONDITIONS = /condition|voorwaarde|terms|nutzungsbedingung|bedingungen|licen[cs]e agreement|data ?sharing agreement|gebruiksrecht|acc[eè]s aux donn|how to (get|request) access|aanvragen|toegang/i;
const POLICY_KEYS = ['odrl:hasPolicy', 'has_policy', 'hasPolicy', 'conditions', 'access_conditions', 'terms_of_use', 'usage_conditions'];

/** Whether the conditions for reuse are described: dct:rights, an ODRL policy, or a page about them. */
export function reuseConditionsStated(ds: Dataset): boolean {
  if (ds.rights?.trim()) return true;
  if (POLICY_KEYS.some((k) => stated(ds.extras[k]))) return true;
  if (ds.documentation.some((u) => CONDITIONS.test(u))) return true;
  return ds.distributions.some((d) => [text(d.title), d.accessURL].some((t) => t !== undefined && CONDITIONS.test(t)));
}
