/**
 * What a column header says about its column, in English, French, Dutch and German.
 *
 * A header is cut into words (see text.ts); Dutch and German compounds are also split at known
 * heads (`geboortedatum` → `geboorte` + `datum`, `schoolnaam` → `school` + `naam`). A pattern
 * matches when all its words are among the header's words, so `nom_commune` never matches by
 * substring. The most specific pattern wins (most words), then the category listed first.
 * Names of organisations, places and things (`nom_commune`, `straatnaam`, `street_name`,
 * `naam_gemeente`, `naam instelling`) are not person names: those words exclude name
 * categories, and a bare `name`/`nom`/`naam` stays ambiguous until the table says otherwise.
 */
import { contentWords, STOPWORDS, words } from './text.js';

export type HeaderCategory =
  | 'count'
  | 'national-id'
  | 'bank-account'
  | 'payment-card'
  | 'email'
  | 'phone'
  | 'ip-address'
  | 'birth-date'
  | 'birth-place'
  | 'birth-year'
  | 'age-band'
  | 'age'
  | 'first-name'
  | 'last-name'
  | 'full-name'
  | 'licence-plate'
  | 'nationality'
  | 'postcode'
  | 'address'
  | 'coordinates'
  | 'latitude'
  | 'longitude'
  | 'sex'
  | 'locality'
  | 'region'
  | 'organisation'
  | 'free-text'
  | 'name';

/** Patterns per category, in priority order (earlier wins a tie in specificity). */
const VOCABULARY: [HeaderCategory, string[]][] = [
  ['count', [
    'count', 'counts', 'total', 'totals', 'totaal', 'totaux', 'gesamt', 'insgesamt', 'summe', 'anzahl', 'aantal',
    'nombre', 'nb', 'nbr', 'effectif', 'effectifs', 'frequency', 'frequence', 'freq', 'occurrences',
    'population', 'bevolking', 'bevolkerung', 'inwoners', 'habitants', 'einwohner',
  ]],
  ['national-id', [
    'niss', 'inss', 'insz', 'rrn', 'rijksregisternummer', 'rijksregister', 'registre national', 'numero national',
    'national number', 'nationalregisternummer', 'nationalregister', 'bisnummer', 'bis nummer', 'numero bis', 'bis number',
    'bsn', 'burgerservicenummer', 'sofinummer', 'sofi nummer', 'nir', 'securite sociale', 'numero insee', 'numero secu',
    'ssn', 'social security', 'social security number', 'matricule', 'numero identification', 'identifiant national',
    'national id', 'national identification', 'identification number', 'personal id', 'personal number',
    'persoonsnummer', 'steuer id', 'steuerid', 'steueridentifikationsnummer', 'idnr', 'sozialversicherungsnummer',
    'rentenversicherungsnummer', 'personalausweisnummer', 'personalausweis', 'identity card', 'id card',
    'carte identite', 'identiteitskaart', 'passport', 'passeport', 'paspoort', 'reisepass', 'eid',
  ]],
  ['bank-account', [
    'iban', 'bank account', 'account number', 'numero compte', 'compte bancaire', 'rib', 'rekeningnummer',
    'bankrekening', 'bankrekeningnummer', 'kontonummer', 'bankverbindung', 'bankkonto',
  ]],
  ['payment-card', [
    'card number', 'credit card', 'carte bancaire', 'numero carte', 'carte credit', 'kaartnummer', 'kredietkaart',
    'bankkaart', 'kreditkarte', 'kartennummer', 'pan',
  ]],
  ['email', [
    'email', 'e mail', 'mail', 'courriel', 'mel', 'emailadres', 'mailadres', 'adresse electronique', 'mbox', 'emails',
    'e mailadres', 'mailadresse', 'emailadresse',
  ]],
  ['phone', [
    'phone', 'telephone', 'tel', 'gsm', 'mobile', 'portable', 'cellphone', 'telefoon', 'telefoonnummer', 'mobiel',
    'telefon', 'telefonnummer', 'handy', 'mobilnummer', 'fax', 'phone number', 'numero telephone',
  ]],
  ['ip-address', ['ip', 'ip address', 'adresse ip', 'ipadres', 'ip adres', 'ip adresse', 'ipv4', 'ipv6', 'remote addr']],
  ['birth-date', [
    'birth date', 'birthdate', 'date birth', 'dob', 'birthday', 'date naissance', 'naissance', 'ne le', 'nee le',
    'geboortedatum', 'geboorte datum', 'geboren', 'geboortedag', 'geburtsdatum', 'geburtstag', 'geboren am',
  ]],
  ['birth-place', [
    'birth place', 'birthplace', 'place birth', 'lieu naissance', 'commune naissance', 'pays naissance',
    'country birth', 'geboorteplaats', 'geboorteland', 'geburtsort', 'geburtsland',
  ]],
  ['birth-year', [
    'birth year', 'year birth', 'annee naissance', 'geboortejaar', 'geburtsjahr', 'jahrgang', 'yob',
  ]],
  ['age-band', [
    'age group', 'age band', 'age class', 'age range', 'tranche age', 'classe age', 'groupe age', 'leeftijdsklasse',
    'leeftijdsgroep', 'leeftijdscategorie', 'leeftijd klasse', 'leeftijd groep', 'altersgruppe', 'altersklasse',
  ]],
  ['age', ['age', 'ages', 'leeftijd', 'alter', 'lebensalter']],
  ['first-name', [
    'first name', 'firstname', 'given name', 'forename', 'prenom', 'prenoms', 'voornaam', 'voornamen', 'roepnaam',
    'vorname', 'vornamen', 'rufname',
  ]],
  ['last-name', [
    'last name', 'lastname', 'surname', 'family name', 'nom famille', 'nom naissance', 'nom usage', 'nom patronymique',
    'achternaam', 'familienaam', 'geslachtsnaam', 'nachname', 'familienname', 'zuname', 'geburtsname',
  ]],
  ['full-name', [
    'full name', 'fullname', 'nom complet', 'volledige naam', 'vollstandiger name', 'person name', 'nom personne',
    'naam persoon', 'personenname',
  ]],
  ['licence-plate', [
    'licence plate', 'license plate', 'number plate', 'plaque immatriculation', 'immatriculation', 'numero plaque',
    'nummerplaat', 'kenteken', 'kentekenplaat', 'kennzeichen', 'autokennzeichen', 'nummernschild',
  ]],
  ['nationality', ['nationality', 'nationalite', 'nationaliteit', 'staatsangehorigkeit', 'nationalitat', 'citizenship']],
  ['postcode', [
    'postcode', 'post code', 'postal code', 'code postal', 'cp', 'zip', 'zipcode', 'zip code', 'postnummer',
    'postleitzahl', 'plz', 'npa', 'codepostal',
  ]],
  ['address', [
    'address', 'adresse', 'adres', 'anschrift', 'domicile', 'woonadres', 'wohnadresse', 'street', 'rue', 'straat',
    'straatnaam', 'strasse', 'strassenname', 'huisnummer', 'hausnummer', 'house number', 'numero rue', 'voie',
    'street address', 'adresse postale', 'wohnanschrift',
  ]],
  ['free-text', [
    'comment', 'comments', 'commentaire', 'commentaires', 'remarque', 'remarques', 'remark', 'remarks', 'observation',
    'observations', 'opmerking', 'opmerkingen', 'bemerkung', 'bemerkungen', 'kommentar', 'anmerkung', 'anmerkungen',
    'note', 'notes', 'notities', 'toelichting', 'motif', 'motivation', 'reden', 'grund', 'message', 'bericht',
    'nachricht', 'texte', 'text', 'tekst', 'details', 'description', 'beschrijving', 'omschrijving', 'beschreibung',
    'verbatim', 'free text', 'texte libre', 'vrije tekst', 'freitext', 'klacht', 'plainte', 'complaint', 'beschwerde',
  ]],
  ['coordinates', ['coordinates', 'coordonnees', 'coordinaten', 'koordinaten', 'geopoint', 'geo point', 'latlon', 'lat lon', 'lat lng', 'gps']],
  ['latitude', ['latitude', 'lat', 'breedtegraad', 'breitengrad', 'breite']],
  ['longitude', ['longitude', 'lon', 'lng', 'long', 'lengtegraad', 'langengrad', 'lange']],
  ['sex', ['sex', 'sexe', 'gender', 'genre', 'geslacht', 'geschlecht']],
  ['locality', [
    'commune', 'communes', 'gemeente', 'gemeinde', 'municipality', 'municipalite', 'ville', 'city', 'town', 'village',
    'locality', 'localite', 'woonplaats', 'wohnort', 'plaats', 'ort', 'secteur statistique', 'statistische sector',
    'sector', 'wijk', 'buurt', 'quartier', 'iris', 'stadtteil', 'ortsteil', 'refnis', 'code ins', 'code nis', 'niscode',
    'nis code', 'code insee', 'code commune', 'gemeentecode', 'gemeindeschlussel', 'lieu domicile', 'residence',
  ]],
  ['region', [
    'province', 'provincie', 'provinz', 'region', 'regio', 'gewest', 'country', 'pays', 'land', 'state', 'bundesland',
    'departement', 'arrondissement', 'district', 'canton', 'kanton', 'nuts', 'sprachregion', 'region linguistique',
    'taalgebied', 'continent',
  ]],
  ['organisation', [] /* filled from ORGANISATION_WORDS below */],
  ['name', ['name', 'names', 'nom', 'noms', 'naam', 'namen']],
];

/** The rows of a table with such a column are organisations or places, not people. */
const ORGANISATION_WORDS = [
  'school', 'schools', 'ecole', 'ecoles', 'etablissement', 'instelling', 'inrichting', 'schule', 'college', 'lycee',
  'universite', 'university', 'universiteit', 'organisation', 'organization', 'organisatie', 'organisme', 'entreprise',
  'enterprise', 'company', 'companies', 'societe', 'bedrijf', 'onderneming', 'firma', 'firmen', 'firm', 'unternehmen',
  'business', 'commerce', 'handelsnaam', 'vereniging', 'association', 'asbl', 'vzw', 'verein', 'club', 'office',
  'bureau', 'agency', 'agence', 'agentschap', 'administration', 'ministere', 'ministerie', 'ministerium', 'institution',
  'institut', 'instituut', 'hopital', 'hospital', 'ziekenhuis', 'krankenhaus', 'clinique', 'clinic', 'pharmacie',
  'apotheek', 'apotheke', 'creche', 'kinderdagverblijf', 'kita', 'library', 'bibliotheque', 'bibliotheek', 'museum',
  'musee', 'theatre', 'theater', 'hotel', 'restaurant', 'shop', 'magasin', 'winkel', 'store', 'operator',
  'operateur', 'exploitant', 'manufacturer', 'fabricant', 'fabrikant', 'hersteller', 'provider', 'fournisseur',
  'leverancier', 'anbieter', 'bank', 'banque', 'foundation', 'fondation', 'stichting', 'stiftung', 'station', 'gare',
  'arret', 'halte', 'haltestelle', 'parking', 'stade', 'stadium', 'sporthal', 'piscine', 'zwembad', 'centre', 'center',
  'centrum', 'zentrum', 'kerk', 'eglise', 'kirche', 'church', 'publisher', 'editeur', 'uitgever', 'verlag',
  'denomination', 'raison sociale', 'etablissements', 'instellingen', 'kbo', 'bce', 'siren', 'siret', 'ondernemingsnummer',
];

/** Words that make a "name" column the name of something other than a person. */
const NOT_A_PERSON = new Set([
  ...ORGANISATION_WORDS.flatMap(contentWords),
  // places
  'commune', 'communes', 'gemeente', 'gemeinde', 'municipality', 'municipalite', 'ville', 'stad', 'stadt', 'city',
  'town', 'village', 'dorp', 'dorf', 'locality', 'localite', 'plaats', 'ort', 'country', 'pays', 'land', 'staat',
  'state', 'region', 'regio', 'gewest', 'province', 'provincie', 'provinz', 'departement', 'arrondissement', 'district',
  'canton', 'kanton', 'quartier', 'wijk', 'buurt', 'stadtteil', 'sector', 'secteur', 'zone', 'street', 'rue', 'straat',
  'strasse', 'strassen', 'avenue', 'laan', 'weg', 'place', 'plein', 'platz', 'lieu', 'location', 'locatie', 'site',
  'river', 'riviere', 'rivier', 'fluss', 'lake', 'lac', 'meer', 'mountain', 'berg', 'island', 'ile', 'eiland', 'insel',
  'forest', 'foret', 'bos', 'wald', 'area', 'territoire', 'territory', 'route', 'lijn', 'ligne', 'line', 'bus', 'tram',
  'metro', 'park', 'parc', 'voie',
  // things
  'product', 'produit', 'artikel', 'article', 'item', 'file', 'fichier', 'bestand', 'datei', 'dataset', 'document',
  'layer', 'couche', 'laag', 'field', 'champ', 'veld', 'feld', 'column', 'colonne', 'kolom', 'spalte', 'table',
  'tabel', 'tabelle', 'variable', 'indicator', 'indicateur', 'category', 'categorie', 'type', 'soort', 'species',
  'espece', 'animal', 'dier', 'tier', 'plant', 'plante', 'brand', 'marque', 'merk', 'marke', 'model', 'modele',
  'software', 'application', 'app', 'project', 'projet', 'projekt', 'programme', 'program', 'event', 'evenement',
  'festival', 'course', 'cours', 'cursus', 'kurs', 'formation', 'opleiding', 'ausbildung', 'language', 'langue',
  'taal', 'sprache', 'currency', 'devise', 'munt', 'wahrung', 'unit', 'unite', 'eenheid', 'einheit', 'element',
  'substance', 'stof', 'stoff', 'medicament', 'geneesmiddel', 'maladie', 'ziekte', 'krankheit', 'disease', 'color',
  'couleur', 'kleur', 'farbe', 'award', 'prix', 'prijs', 'label', 'licence', 'license', 'format', 'role', 'fonction',
  'functie', 'funktion', 'title', 'titre', 'titel', 'team', 'equipe', 'ploeg', 'mannschaft', 'party', 'parti',
  'partij', 'partei', 'list', 'liste', 'lijst', 'service', 'dienst', 'department', 'afdeling', 'abteilung', 'host',
  'server', 'domain', 'domaine', 'domein', 'tag', 'theme', 'thema', 'topic', 'sujet', 'onderwerp', 'native', 'endonym',
  'scientific', 'scientifique', 'wetenschappelijke', 'latin', 'latijnse', 'vernacular', 'common',
]);

/** Words that make a bare "name" column a person's name (`nom_patient`, `klantnaam`, `name of applicant`). */
export const PERSON_WORDS = new Set([
  'patient', 'patients', 'client', 'clients', 'klant', 'kunde', 'customer', 'employee', 'employe', 'werknemer',
  'medewerker', 'mitarbeiter', 'personnel', 'personeel', 'staff', 'agent', 'ambtenaar', 'beamter', 'fonctionnaire',
  'eleve', 'leerling', 'schuler', 'pupil', 'student', 'etudiant', 'studierende', 'applicant', 'candidat', 'kandidaat',
  'kandidat', 'demandeur', 'aanvrager', 'antragsteller', 'beneficiaire', 'begunstigde', 'beneficiary', 'person',
  'personne', 'persoon', 'contactpersoon', 'contactpersoonsnaam', 'author', 'auteur', 'owner', 'proprietaire',
  'eigenaar', 'eigentumer', 'titulaire', 'houder', 'inhaber', 'holder', 'medecin', 'arts', 'arzt', 'doctor', 'dokter',
  'elu', 'mandataire', 'verkozene', 'deputy', 'depute', 'member', 'membre', 'lid', 'mitglied', 'user', 'utilisateur',
  'gebruiker', 'benutzer', 'citizen', 'citoyen', 'burger', 'resident', 'habitant', 'bewoner', 'child', 'enfant',
  'kind', 'parent', 'ouder', 'mother', 'mere', 'moeder', 'mutter', 'father', 'pere', 'vader', 'vater', 'spouse',
  'conjoint', 'echtgenoot', 'echtgenote', 'partner', 'victim', 'victime', 'slachtoffer', 'opfer', 'suspect',
  'verdachte', 'driver', 'conducteur', 'bestuurder', 'fahrer', 'dirigeant', 'manager', 'gerant', 'zaakvoerder',
  'geschaftsfuhrer', 'representant', 'vertegenwoordiger', 'signataire', 'ondertekenaar', 'deceased', 'defunt',
  'overledene', 'verstorbener', 'donor', 'donneur', 'borrower', 'emprunteur', 'tenant', 'locataire', 'huurder',
  'mieter', 'landlord', 'bailleur', 'verhuurder', 'vermieter', 'voter', 'electeur', 'kiezer', 'wahler', 'athlete',
  'sporter', 'speler', 'joueur', 'player', 'spieler', 'artist', 'artiste', 'kunstenaar', 'kunstler', 'winner',
  'laureat', 'laureaat', 'gewinner', 'recipient', 'ontvanger', 'empfanger', 'destinataire', 'sender', 'expediteur',
  'afzender', 'absender', 'respondent', 'deelnemer', 'participant', 'teilnehmer', 'volunteer', 'benevole',
  'vrijwilliger', 'contact', 'responsable', 'verantwoordelijke', 'gestorbene', 'requerant', 'plaignant', 'klager',
]);

/** Compound heads at which Dutch and German words are split (`klantnaam`, `Geburtsort`, `tweetid`). */
const COMPOUND_HEADS = [
  'naam', 'name', 'nummer', 'datum', 'dag', 'jaar', 'jahr', 'plaats', 'ort', 'adres', 'adresse', 'code', 'id',
  'gemeente', 'gemeinde', 'straat', 'strasse', 'region', 'zahl', 'anzahl', 'aantal', 'count', 'leeftijd', 'alter',
  'klasse', 'categorie', 'groep', 'gruppe', 'land', 'telefoon', 'telefon', 'kaart', 'karte', 'nr',
];

/** Header words, with Dutch/German compounds also split at a known head (linking -s/-n dropped). */
export function headerWords(header: string): string[] {
  const out = new Set<string>();
  for (const w of words(header)) {
    out.add(w);
    for (const head of COMPOUND_HEADS) {
      if (w.length >= head.length + 3 && w.endsWith(head)) {
        const prefix = w.slice(0, -head.length);
        out.add(head);
        out.add(prefix);
        if (/[sn]$/.test(prefix)) out.add(prefix.slice(0, -1));
        break;
      }
    }
  }
  return [...out].filter((w) => !STOPWORDS.has(w));
}

interface Pattern {
  category: HeaderCategory;
  words: string[];
  priority: number;
}

const PATTERNS: Pattern[] = VOCABULARY.flatMap(([category, phrases], priority) =>
  (category === 'organisation' ? ORGANISATION_WORDS : phrases).map((p) => ({ category, words: contentWords(p), priority })),
);

/** Words that, beside a first-name word, make the column a full name. */
const SURNAME_WORDS = new Set([
  ...VOCABULARY.find(([c]) => c === 'name')![1],
  ...VOCABULARY.find(([c]) => c === 'last-name')![1].filter((p) => !p.includes(' ')),
]);

/** People counted, as a column name on its own (`births`, `naissances`, `leerlingen`): a count column. */
const PEOPLE_COUNTED = new Set([
  'births', 'naissances', 'geboorten', 'geburten', 'deaths', 'deces', 'overlijdens', 'sterbefalle', 'todesfalle',
  'cases', 'cas', 'gevallen', 'falle', 'patients', 'patienten', 'eleves', 'leerlingen', 'schuler', 'pupils',
  'students', 'etudiants', 'studenten', 'persons', 'personnes', 'personen', 'people', 'individus', 'individuals',
  'households', 'menages', 'huishoudens', 'haushalte', 'beneficiaires', 'begunstigden', 'unemployed', 'chomeurs',
  'werklozen', 'arbeitslose', 'employees', 'salaries', 'werknemers', 'beschaftigte', 'victims', 'victimes',
  'slachtoffers', 'opfer', 'deelnemers', 'participants', 'teilnehmer', 'inhabitants', 'residents', 'bewoners',
]);

const NAME_CATEGORIES = new Set<HeaderCategory>(['first-name', 'last-name', 'full-name', 'name']);
const COUNT_WORDS = new Set(VOCABULARY.find(([c]) => c === 'count')![1].flatMap(contentWords));

export interface HeaderClass {
  category: HeaderCategory;
  /** The header's words (compounds split), for further checks by rules. */
  words: string[];
}

/**
 * The category a column header names, if any. `count` needs the count word first or last
 * (`nombre_naissances`, `retweetCount`), so that `Nombre prénoms déclarés` is a count of
 * first names, not a first-name column.
 */
export function classifyHeader(header: string): HeaderClass | undefined {
  const ws = headerWords(header);
  if (ws.length === 0) return undefined;
  const raw = words(header);
  if (raw[0] === 'number' && raw[1] === 'of') return { category: 'count', words: ws }; // "number" alone is not a count
  const present = new Set(ws);
  const plain = raw.filter((w) => !STOPWORDS.has(w));
  // `age_deces` is an age, not a count of deaths: people counted only as the whole header.
  if (plain.length === 1 && PEOPLE_COUNTED.has(plain[0]!)) return { category: 'count', words: ws };
  let best: Pattern | undefined;
  for (const p of PATTERNS) {
    if (!p.words.every((w) => present.has(w))) continue;
    if (p.category === 'count' && !(COUNT_WORDS.has(plain[0]!) || COUNT_WORDS.has(plain.at(-1)!))) continue;
    if ((NAME_CATEGORIES.has(p.category) || p.category === 'address') && ws.some((w) => NOT_A_PERSON.has(w) && !p.words.includes(w))) continue;
    if (!best || p.words.length > best.words.length || (p.words.length === best.words.length && p.priority < best.priority)) best = p;
  }
  if (!best) return undefined;
  let category = best.category;
  // A bare "name" qualified by a person (`nom_patient`, `klantnaam`) is a person's name.
  if (category === 'name' && ws.some((w) => PERSON_WORDS.has(w))) category = 'full-name';
  // A first name and a (last) name written as separate words: `nom_prenom`, `Naam en voornaam`.
  if (category === 'first-name' && plain.some((w) => SURNAME_WORDS.has(w) && !best.words.includes(w))) category = 'full-name';
  return { category, words: ws };
}
