import { describe, it, expect } from 'vitest';
import {
  classifyHeader,
  headerWords,
  isPersonLevel,
  profileTable,
  specialCategoryOfHeader,
  specialCategoryOfValue,
  specialCategoriesInText,
  words,
} from '../../src/knowledge/personal-data/index.js';

const category = (h: string) => classifyHeader(h)?.category;

describe('header words', () => {
  it('splits on punctuation, spaces, camelCase and digits, without accents', () => {
    expect(words('dateDeNaissance')).toEqual(['date', 'de', 'naissance']);
    expect(words('Nombre prénoms déclarés')).toEqual(['nombre', 'prenoms', 'declares']);
    expect(words('e-mail_2')).toEqual(['e', 'mail', '2']);
    expect(words('\uFEFF\uFEFFAnnée')).toEqual(['annee']);
    expect(words('Straße')).toEqual(['strasse']);
  });

  it('splits Dutch and German compounds at known heads', () => {
    expect(headerWords('klantnaam')).toEqual(['klantnaam', 'naam', 'klant']);
    expect(headerWords('Geburtsdatum')).toEqual(['geburtsdatum', 'datum', 'geburts', 'geburt']);
  });
});

describe('classifyHeader', () => {
  it.each([
    // person names, in four languages
    ['first_name', 'first-name'], ['Prénom', 'first-name'], ['voornaam', 'first-name'], ['Vorname', 'first-name'],
    ['lastName', 'last-name'], ['nom_de_famille', 'last-name'], ['achternaam', 'last-name'], ['Nachname', 'last-name'],
    ['geslachtsnaam', 'last-name'], ['FullName', 'full-name'], ['nom_prenom', 'full-name'], ['Naam en voornaam', 'full-name'],
    ['nom_patient', 'full-name'], ['klantnaam', 'full-name'], ['nom', 'name'], ['Name', 'name'],
    // birth, age, sex
    ['date_de_naissance', 'birth-date'], ['geboortedatum', 'birth-date'], ['Geburtsdatum', 'birth-date'], ['DOB', 'birth-date'],
    ['lieu de naissance', 'birth-place'], ['Geburtsort', 'birth-place'], ['annee_naissance', 'birth-year'],
    ['leeftijd', 'age'], ['Alter', 'age'], ['tranche_age', 'age-band'], ['Altersgruppe', 'age-band'],
    ['Sexe', 'sex'], ['geslacht', 'sex'], ['Code Genre', 'sex'],
    // contact and identifiers
    ['adresse', 'address'], ['straatnaam', 'address'], ['street_name', 'address'], ['Hausnummer', 'address'],
    ['code_postal', 'postcode'], ['postnummer', 'postcode'], ['PLZ', 'postcode'],
    ['telephone', 'phone'], ['GSM', 'phone'], ['Telefonnummer', 'phone'],
    ['e-mail', 'email'], ['adresse_email', 'email'], ['courriel', 'email'], ['mbox', 'email'],
    ['rijksregisternummer', 'national-id'], ['numero_registre_national', 'national-id'], ['BSN', 'national-id'],
    ['numero_securite_sociale', 'national-id'], ['matricule', 'national-id'],
    ['IBAN', 'bank-account'], ['rekeningnummer', 'bank-account'], ['numero_carte', 'payment-card'],
    ['adresse IP', 'ip-address'], ['nationalité', 'nationality'], ['kenteken', 'licence-plate'],
    ['commentaire', 'free-text'], ['opmerkingen', 'free-text'],
    // geography, organisations, counts
    ['fusiegemeente', 'locality'], ['lieu de domicile', 'locality'], ['Région Linguistique', 'region'], ['Sprachregion', 'region'],
    ['Nombre', 'count'], ['Nombre prénoms déclarés', 'count'], ['Totaal', 'count'], ['Number of births', 'count'], ['retweetCount', 'count'],
    ['naam instelling', 'organisation'], ['schoolnaam', 'organisation'], ['nom_ecole', 'organisation'], ['Office', 'organisation'],
  ])('%s → %s', (header, expected) => {
    expect(category(header)).toBe(expected);
  });

  it.each([
    ['nom_commune', 'locality'],
    ['naam_gemeente', 'locality'],
    ['Country Name', 'region'],
    ['street_name', 'address'],
    ['ISO language name', undefined],
    ['Native name (endonym)', undefined],
    ['atomic number', undefined],
    ['Annee', undefined],
    ['N°', undefined],
    ['contactPoint', undefined],
  ])('false friend %s is not a person name (→ %s)', (header, expected) => {
    expect(category(header)).toBe(expected);
  });
});

describe('profileTable and isPersonLevel', () => {
  it('sees aggregates of first names as aggregates', () => {
    const swiss = profileTable(['Année', 'Code Région Linguistique', 'Région Linguistique', 'Sprachregion', 'Code Genre', 'Genre', 'Gender', 'Prénom', 'Nombre']);
    expect(swiss.countCandidates.map((c) => c.name)).toEqual(['Nombre']);
    expect(isPersonLevel(swiss, true)).toBe(false);
    expect(isPersonLevel(swiss, false)).toBe(true); // without its count column, a list of first names would be person-level
  });

  it('sees lists of schools as organisations, even with a bare "nom", an address and a postcode', () => {
    expect(isPersonLevel(profileTable(['nummer_instelling', 'naam instelling', 'adres', 'fusiegemeente', 'postnummer', 'Totaal']), false)).toBe(false);
    expect(isPersonLevel(profileTable(['nom', 'adresse', 'code_postal', 'x', 'y', 'niveau']), false)).toBe(false);
  });

  it('needs a person column or two kinds of quasi-identifiers', () => {
    expect(isPersonLevel(profileTable(['nom', 'prenom', 'ecole']), false)).toBe(true);
    expect(isPersonLevel(profileTable(['age', 'sexe', 'commune', 'diagnostic']), false)).toBe(true);
    expect(isPersonLevel(profileTable(['commune', 'code_postal', 'valeur']), false)).toBe(false);
  });

  it('does not count things that are not people (retweets) as a count column', () => {
    expect(profileTable(['tweetid', 'retweetCount']).countCandidates).toEqual([]);
  });
});

describe('GDPR special categories', () => {
  it('recognises headers in four languages', () => {
    expect(specialCategoryOfHeader('godsdienst')).toBe('religion');
    expect(specialCategoryOfHeader('diagnostic_principal')).toBe('health');
    expect(specialCategoryOfHeader('Gesundheitszustand')).toBe('health');
    expect(specialCategoryOfHeader('origine ethnique')).toBe('ethnic-origin');
    expect(specialCategoryOfHeader('vakbond')).toBe('trade-union');
    expect(specialCategoryOfHeader('orientation sexuelle')).toBe('sexual-orientation');
    expect(specialCategoryOfHeader('casier judiciaire')).toBe('criminal');
    expect(specialCategoryOfHeader('Geschlecht')).toBeUndefined();
  });

  it('recognises category values and topics in titles', () => {
    expect(specialCategoryOfValue('Musulman')).toBe('religion');
    expect(specialCategoryOfValue('homoseksueel')).toBe('sexual-orientation');
    expect(specialCategoryOfValue('diabète')).toBe('health');
    expect(specialCategoryOfValue('Bruxelles')).toBeUndefined();
    expect(specialCategoriesInText('Causes de décès par commune (santé publique)')).toEqual(['health']);
  });
});
