/**
 * A deterministic generator of a person-level CSV for the personal-data tests: fictitious people
 * with names, birth dates, sex, postcode, home address and coordinates, and identifiers that
 * pass (or, with `breakCheckDigits`, fail) their check digits: Belgian NISS, Dutch BSN, French
 * NIR, Luxembourg matricule, IBAN; plus e-mail, phone, religion and a free-text note.
 *
 * The check digits are computed here from the published algorithms, independently of
 * src/knowledge (whose validators the unit tests anchor on published examples).
 */

/** mulberry32: a tiny seeded PRNG, so the file is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = {
  M: ['Jan', 'Pieter', 'Luc', 'Mohamed', 'Thomas', 'Lucas', 'Jean', 'Marc', 'Daan', 'Lars', 'Noah', 'Hugo'],
  F: ['Marie', 'Anna', 'Sofie', 'Fatima', 'Emma', 'Julie', 'Lotte', 'Léa', 'Chloé', 'Sanne', 'Nathalie', 'Inès'],
};
const LAST = ['Peeters', 'Janssens', 'Maes', 'Dubois', 'Lambert', 'De Vries', 'Van den Berg', 'Schmit', 'Muller', 'Weber', 'Martin', 'Bernard', 'Wagner', 'El Amrani', 'Claes'];
const STREETS = ['Kerkstraat', 'Rue de la Station', 'Stationsstraat', 'Grand-Rue', 'Dorpsstraat', 'Rue du Moulin', 'Hauptstraße'];
const POSTCODES = ['1000', '1050', '1180', '2000', '9000', '4000', '5000'];
const RELIGIONS = ['catholique', 'musulman', 'protestant', 'athée', 'juif', 'orthodoxe'];
const DOMAINS = ['telenet.be', 'skynet.be', 'gmail.com', 'ziggo.nl', 'orange.fr', 'pt.lu', 'web.de'];

export interface Person {
  firstName: string;
  lastName: string;
  birthDate: string;
  sex: 'M' | 'F';
  postcode: string;
  address: string;
  niss: string;
  bsn: string;
  nir: string;
  matricule: string;
  iban: string;
  email: string;
  phone: string;
  religion: string;
  lat: string;
  lon: string;
  note: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Remainder of a long digit string modulo m. */
function mod(digits: string, m: number): number {
  let r = 0;
  for (const d of digits) r = (r * 10 + Number(d)) % m;
  return r;
}

function nissOf(year: number, month: number, day: number, counter: number): string {
  const body = `${pad(year % 100, 2)}${pad(month, 2)}${pad(day, 2)}${pad(counter, 3)}`;
  const check = 97 - mod((year >= 2000 ? '2' : '') + body, 97);
  return body + pad(check, 2);
}

function bsnOf(random: () => number): string {
  for (;;) {
    const eight = Array.from({ length: 8 }, (_, i) => (i === 0 ? 1 + Math.floor(random() * 9) : Math.floor(random() * 10)));
    const sum = eight.reduce((s, d, i) => s + d * (9 - i), 0);
    const last = sum % 11; // 9 weights sum − last ≡ 0 (mod 11)
    if (last < 10) return eight.join('') + last;
  }
}

function nirOf(sex: 'M' | 'F', year: number, month: number, dept: string, commune: number, order: number): string {
  const body = `${sex === 'M' ? 1 : 2}${pad(year % 100, 2)}${pad(month, 2)}${dept}${pad(commune, 3)}${pad(order, 3)}`;
  const numeric = body.replace('2A', '19').replace('2B', '18');
  return body + pad(97 - mod(numeric, 97), 2);
}

function luhnDigit(digits: string): number {
  let sum = 0;
  [...digits].reverse().forEach((c, i) => {
    let d = Number(c) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  });
  return (10 - (sum % 10)) % 10;
}

// Verhoeff tables (dihedral group D5), as published by J. Verhoeff (1969).
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1], [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1], [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

function verhoeffDigit(digits: string): number {
  let c = 0;
  [...digits].reverse().forEach((d, i) => (c = D[c]![P[(i + 1) % 8]![Number(d)]!]!));
  return INV[c]!;
}

function matriculeOf(year: number, month: number, day: number, counter: number): string {
  const body = `${year}${pad(month, 2)}${pad(day, 2)}${pad(counter, 3)}`;
  return body + luhnDigit(body) + verhoeffDigit(body);
}

function ibanOf(country: string, bban: string): string {
  const numeric = (bban + country + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return country + pad(98 - mod(numeric, 97), 2) + bban;
}

function bbanOf(country: 'BE' | 'NL' | 'LU' | 'DE', random: () => number): string {
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  switch (country) {
    case 'BE': {
      const ten = digits(10);
      const check = mod(ten, 97) || 97; // Belgian account check: first 10 digits mod 97
      return ten + pad(check, 2);
    }
    case 'NL':
      return 'ABNA' + digits(10);
    case 'LU':
      return '001' + digits(13);
    case 'DE':
      return digits(18);
  }
}

const group4 = (s: string) => s.replace(/(.{4})(?=.)/g, '$1 ');
const ascii = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z]+/g, '');

function phoneOf(i: number, random: () => number): string {
  const d = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  switch (i % 4) {
    case 0:
      return `+32 47${d(1)} ${d(2)} ${d(2)} ${d(2)}`; // Belgian mobile
    case 1:
      return `06-1${d(7)}`; // Dutch mobile
    case 2:
      return `06 ${d(2)} ${d(2)} ${d(2)} ${d(2)}`; // French mobile
    default:
      return `+352 621 ${d(3)} ${d(3)}`; // Luxembourg mobile
  }
}

export function generatePeople(count = 60, seed = 20240501): Person[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const people: Person[] = [];
  for (let i = 0; i < count; i++) {
    const sex = random() < 0.5 ? 'M' : 'F';
    const firstName = pick(FIRST[sex]);
    const lastName = pick(LAST);
    const year = 1940 + Math.floor(random() * 66); // 1940–2005: both NISS centuries
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const counter = 2 * (1 + Math.floor(random() * 400)) + (sex === 'M' ? -1 : 0); // odd for men, even for women
    const country = (['BE', 'NL', 'LU', 'DE'] as const)[i % 4]!;
    people.push({
      firstName,
      lastName,
      birthDate: `${year}-${pad(month, 2)}-${pad(day, 2)}`,
      sex,
      postcode: pick(POSTCODES),
      address: `${pick(STREETS)} ${1 + Math.floor(random() * 150)}`,
      niss: nissOf(year, month, day, counter),
      bsn: bsnOf(random),
      nir: nirOf(sex, year, month, pick(['75', '59', '2A', '2B', '13', '67']), 1 + Math.floor(random() * 900), 1 + Math.floor(random() * 999)),
      matricule: matriculeOf(year, month, day, 1 + Math.floor(random() * 998)),
      iban: ibanOf(country, bbanOf(country, random)),
      email: `${ascii(firstName)}.${ascii(lastName)}${i}@${pick(DOMAINS)}`,
      phone: phoneOf(i, random),
      religion: pick(RELIGIONS),
      lat: (50.5 + random() * 0.8).toFixed(6),
      lon: (3.5 + random() * 2).toFixed(6),
      note: i % 3 === 0 ? `Rappeler au ${phoneOf(i + 1, random)} avant vendredi` : i % 3 === 1 ? 'Dossier complet, rien à signaler' : 'Pas de remarque particulière',
    });
  }
  return people;
}

/** Changes every check digit so that no identifier validates any more (forms kept). */
export function breakCheckDigits(p: Person): Person {
  const bump = (s: string, from: number, to: number, m: number) => s.slice(0, from) + pad((Number(s.slice(from, to)) + 1) % m, to - from) + s.slice(to);
  // NISS: both century variants off (the 2000 check differs from the 1900 one by a fixed offset, never by 1).
  const niss = bump(p.niss, 9, 11, 100);
  const nir = bump(p.nir, 13, 15, 100);
  const bsn = bump(p.bsn, 8, 9, 10);
  const matricule = bump(p.matricule, 12, 13, 10);
  const iban = bump(p.iban, 2, 4, 100);
  return { ...p, niss, nir, bsn, matricule, iban };
}

/** The column headers, in four languages as real files mix them. */
export const PEOPLE_HEADER = [
  'voornaam', 'Nachname', 'date_de_naissance', 'geslacht', 'code_postal', 'adresse', 'rijksregisternummer', 'bsn',
  'numero_securite_sociale', 'matricule', 'iban', 'email', 'telefoon', 'godsdienst', 'latitude', 'longitude', 'commentaire',
] as const;

/** How each person is written in the CSV (identifiers in their usual printed forms). */
export function peopleRow(p: Person): string[] {
  const niss = `${p.niss.slice(0, 2)}.${p.niss.slice(2, 4)}.${p.niss.slice(4, 6)}-${p.niss.slice(6, 9)}.${p.niss.slice(9)}`;
  const nir = `${p.nir[0]} ${p.nir.slice(1, 3)} ${p.nir.slice(3, 5)} ${p.nir.slice(5, 7)} ${p.nir.slice(7, 10)} ${p.nir.slice(10, 13)} ${p.nir.slice(13)}`;
  return [
    p.firstName, p.lastName, p.birthDate, p.sex, p.postcode, p.address, niss, p.bsn, nir, p.matricule, group4(p.iban),
    p.email, p.phone, p.religion, p.lat, p.lon, p.note,
  ];
}

const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

export function peopleCsv(people: readonly Person[]): string {
  return [PEOPLE_HEADER.join(','), ...people.map((p) => peopleRow(p).map(quote).join(','))].join('\n') + '\n';
}

/** Every raw identifying value of the people (as written and in compact form), for leak checks. */
export function rawValues(people: readonly Person[]): string[] {
  return people.flatMap((p) => {
    const row = peopleRow(p);
    return [...row.slice(6, 13), p.niss, p.nir, p.iban, p.phone.replace(/\D/g, ''), `${p.firstName} ${p.lastName}`, p.address];
  });
}
