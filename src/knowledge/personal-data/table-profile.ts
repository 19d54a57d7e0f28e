/**
 * What the header of a table says about its rows: which columns name people, which are
 * quasi-identifiers, which may be counts, whether the rows are organisations or places.
 * Pure function of the header; rules confirm with values (see counts.ts, value-scan.ts).
 */
import { classifyHeader, type HeaderCategory } from './headers.js';
import { specialCategoryOfHeader, type SpecialCategory } from './special-categories.js';
import { words } from './text.js';
import { looksLikeFullDate } from './value-shapes.js';
import { beNiss } from './identifiers/be-niss.js';
import { nlBsn } from './identifiers/nl-bsn.js';
import { frNir } from './identifiers/fr-nir.js';
import { luMatricule } from './identifiers/lu-matricule.js';
import { iban } from './identifiers/iban.js';
import { paymentCard } from './identifiers/payment-card.js';
import { email, phone } from './contact.js';
import { ipAddress } from './network.js';

const VALUE_SHAPES = [beNiss, nlBsn, frNir, luMatricule, iban, paymentCard, email, phone, ipAddress];

/**
 * A first row that holds values, not names (a file without header): an identifier, an e-mail
 * address, a phone number or a full date in a header cell. Its cells must then never be shown
 * as column names, and its columns are known by position only.
 */
export function headerLooksLikeData(header: readonly string[]): boolean {
  return header.some((h) => {
    const t = h.trim();
    return t !== '' && (looksLikeFullDate(t) || VALUE_SHAPES.some((d) => d.shape(t, false) !== undefined));
  });
}

export interface ColumnRole {
  /** 0-based position in the row. */
  index: number;
  /** Header text, or the 1-based position when the header cell is empty (as in locations). */
  name: string;
  category?: HeaderCategory;
  special?: SpecialCategory;
  /** Header words, compounds split. */
  words: string[];
}

/** Quasi-identifier groups (k-anonymity): two different groups can single a person out. */
export type QuasiGroup = 'birth' | 'sex' | 'geography' | 'nationality';

const QUASI_GROUP: Partial<Record<HeaderCategory, QuasiGroup>> = {
  'birth-date': 'birth',
  'birth-year': 'birth',
  age: 'birth',
  'age-band': 'birth',
  sex: 'sex',
  postcode: 'geography',
  locality: 'geography',
  'birth-place': 'geography',
  nationality: 'nationality',
};

/** Columns whose header alone says the rows are about identified people. */
const PERSON_CATEGORIES = new Set<HeaderCategory>(['first-name', 'last-name', 'full-name', 'birth-date', 'national-id']);

/** Fine geography: small areas where small counts single people out. */
const FINE_GEOGRAPHY = new Set<HeaderCategory>(['postcode', 'locality', 'address', 'coordinates', 'latitude', 'longitude']);

/** Counted things that are not people (`retweetCount`, `nombre de véhicules`): no disclosure risk. */
const NOT_PEOPLE_COUNTED = new Set([
  'tweet', 'tweets', 'retweet', 'retweets', 'like', 'likes', 'view', 'views', 'vue', 'vues', 'download', 'downloads',
  'telechargement', 'telechargements', 'visit', 'visits', 'visite', 'visites', 'bezoek', 'bezoeken', 'page', 'pages',
  'click', 'clicks', 'clic', 'clics', 'vehicle', 'vehicles', 'vehicule', 'vehicules', 'voertuig', 'voertuigen',
  'fahrzeug', 'fahrzeuge', 'car', 'cars', 'voiture', 'voitures', 'km', 'kilometre', 'kilometres', 'euro', 'euros',
  'eur', 'amount', 'montant', 'bedrag', 'betrag', 'item', 'items', 'article', 'articles', 'product', 'products',
  'dataset', 'datasets', 'file', 'files', 'fichier', 'fichiers', 'word', 'words', 'mot', 'mots', 'tree', 'trees',
  'arbre', 'arbres', 'boom', 'bomen', 'baum', 'baume', 'bike', 'bikes', 'velo', 'velos', 'fiets', 'fietsen',
  'trip', 'trips', 'trajet', 'trajets', 'flight', 'flights', 'vol', 'vols', 'building', 'buildings', 'batiment',
  'batiments', 'gebouw', 'gebouwen', 'dwelling', 'dwellings', 'logement', 'logements', 'woning', 'woningen',
  'room', 'rooms', 'chambre', 'chambres', 'bed', 'beds', 'lit', 'lits', 'bedden', 'seat', 'seats', 'place', 'places',
  'plaatsen', 'hectare', 'hectares', 'tonne', 'tonnes', 'ton', 'kwh', 'mwh', 'litre', 'litres', 'liter',
]);

export interface TableProfile {
  /** The header row holds data (see headerLooksLikeData): columns are known by position only. */
  headerIsData: boolean;
  columns: ColumnRole[];
  /** Columns of the given categories. */
  of(...categories: HeaderCategory[]): ColumnRole[];
  /** A column names people directly (names, birth date, national number). */
  namesPeople: boolean;
  /** A column names an organisation or place and none names people: rows are not people. */
  organisationRows: boolean;
  /** Columns whose header says "count" (to be confirmed by numeric values). */
  countCandidates: ColumnRole[];
  /** Quasi-identifier columns with their group. */
  quasiIdentifiers: { column: ColumnRole; group: QuasiGroup }[];
  /** Distinct quasi-identifier groups present. */
  quasiGroups: Set<QuasiGroup>;
  /** Columns at a fine geographic level (postcode, municipality, address, coordinates). */
  fineGeography: ColumnRole[];
  /** Columns about a GDPR special category, by header. */
  special: ColumnRole[];
}

/** The display name of column `index`: its header, or its 1-based position when blank. */
export function columnName(header: readonly string[], index: number): string {
  const h = header[index]?.replace(/^\uFEFF+/, '').trim();
  return h ? h : String(index + 1);
}

export function profileTable(header: readonly string[]): TableProfile {
  const headerIsData = headerLooksLikeData(header);
  if (headerIsData) header = header.map(() => '');
  const columns: ColumnRole[] = header.map((h, index) => {
    const cls = classifyHeader(h);
    const special = specialCategoryOfHeader(h);
    return {
      index,
      name: columnName(header, index),
      words: cls?.words ?? words(h),
      ...(cls ? { category: cls.category } : {}),
      ...(special ? { special } : {}),
    };
  });
  const of = (...cats: HeaderCategory[]) => columns.filter((c) => c.category && cats.includes(c.category));
  const namesPeople = columns.some((c) => c.category && PERSON_CATEGORIES.has(c.category));
  const quasiIdentifiers = columns.flatMap((column) => {
    const group = column.category && QUASI_GROUP[column.category];
    return group ? [{ column, group }] : [];
  });
  return {
    headerIsData,
    columns,
    of,
    namesPeople,
    organisationRows: !namesPeople && of('organisation').length > 0,
    countCandidates: of('count').filter((c) => !c.words.some((w) => NOT_PEOPLE_COUNTED.has(w))),
    quasiIdentifiers,
    quasiGroups: new Set(quasiIdentifiers.map((q) => q.group)),
    fineGeography: columns.filter((c) => c.category && FINE_GEOGRAPHY.has(c.category)),
    special: columns.filter((c) => c.special),
  };
}

/**
 * Whether the rows of a table are individual people: no count column (then rows are cells of
 * an aggregate), not a list of organisations or places, and either a column naming people or
 * quasi-identifiers of at least two kinds (birth date + sex, age + postcode...).
 */
export function isPersonLevel(profile: TableProfile, hasCountColumn: boolean): boolean {
  if (hasCountColumn || profile.organisationRows) return false;
  return profile.namesPeople || profile.quasiGroups.size >= 2;
}
