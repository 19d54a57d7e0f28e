import { createRequire } from 'node:module';
import type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';
import { words } from './text.js';
import { DIGITS, type ValueDetector } from './detector.js';

/**
 * Mailboxes of a role, a team or a service rather than a person (`info@`, `opendata@`,
 * `secretariaat@`): publishing them is the point of contact data, not a privacy problem.
 */
const ROLE_MAILBOXES = new Set([
  'info', 'infos', 'information', 'contact', 'contacts', 'kontakt', 'admin', 'administration', 'support', 'helpdesk',
  'help', 'hilfe', 'aide', 'webmaster', 'postmaster', 'hostmaster', 'noreply', 'no', 'donotreply', 'opendata', 'open',
  'data', 'donnees', 'gegevens', 'daten', 'secretariat', 'secretariaat', 'sekretariat', 'accueil', 'onthaal',
  'empfang', 'reception', 'communication', 'communicatie', 'kommunikation', 'press', 'presse', 'pers', 'media',
  'sales', 'vente', 'verkoop', 'office', 'bureau', 'buro', 'mail', 'hello', 'hallo', 'bonjour', 'team', 'service',
  'services', 'dienst', 'dpo', 'privacy', 'gdpr', 'rgpd', 'avg', 'dsgvo', 'datenschutz', 'legal', 'jobs', 'hr', 'rh',
  'abuse', 'billing', 'facturation', 'facturatie', 'compta', 'comptabilite', 'boekhouding', 'marketing',
  'newsletter', 'events', 'evenements', 'inscription', 'inscriptions', 'direction', 'directie', 'zentrale',
  'verwaltung', 'poststelle', 'mairie', 'commune', 'gemeente', 'gemeinde', 'stad', 'ville', 'bibliotheek',
  'bibliotheque', 'library', 'museum', 'musee', 'ombudsman', 'mediateur', 'klachten', 'plaintes', 'feedback',
  'statistics', 'statistique', 'statistiek', 'statistik', 'gis', 'geo', 'it', 'ict', 'ti', 'security', 'securite',
]);

/** Whether the local part of an address names a role or service (`info`, `open-data`, `secretariat.rh`). */
export function isRoleMailbox(local: string): boolean {
  const first = words(local)[0];
  return first === undefined || ROLE_MAILBOXES.has(first);
}

const EMAIL = /^([A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]{2,59}))$/;

/** A syntactically valid e-mail address of a person (role mailboxes excluded). */
export function personalEmail(address: string): boolean {
  const m = EMAIL.exec(address);
  return !!m && m[1]!.length <= 64 && !isRoleMailbox(m[1]!);
}

export const email: ValueDetector = {
  kind: 'email',
  label: 'e-mail address',
  checkDigits: false,
  shape(text) {
    const t = text.trim().replace(/^mailto:/i, '');
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t) ? t : undefined;
  },
  valid: personalEmail,
  /** `j***@***.be`: the first letter and the top-level domain. */
  mask(address) {
    const at = address.lastIndexOf('@');
    const tld = address.slice(address.lastIndexOf('.') + 1);
    return `${address.slice(0, Math.min(1, at))}***@***.${tld}`;
  },
  // The lookbehind starts a match only where a local part starts: without it every position of a
  // long run of letters before an `@` was a start, each rescanning the run (quadratic).
  inText: /(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24}/g,
  inTextMark: '@',
};

/** Countries whose national formats are tried for numbers written without a country code. */
export const PHONE_REGIONS: readonly CountryCode[] = ['BE', 'NL', 'FR', 'LU', 'DE'];

/**
 * The last number parsed. Phone and mobile-phone test the same candidates one after the other
 * (and mask the ones they keep): parsing is most of their cost, so each is parsed once.
 */
let lastParsed: { compact: string; number: PhoneNumber | undefined } | undefined;

/** The number as libphonenumber (full metadata) reads it, when valid in one of the regions. */
export function parsePhone(compact: string): PhoneNumber | undefined {
  if (lastParsed?.compact !== compact) lastParsed = { compact, number: parseValid(compact) };
  return lastParsed.number;
}

type ParsePhone = typeof import('libphonenumber-js/max').parsePhoneNumberFromString;
let parsePhoneNumber: ParsePhone | undefined;

/**
 * libphonenumber with its full metadata (~100 modules, tens of milliseconds and megabytes) is
 * required at the first candidate number, not when a run imports the rules: a run without
 * personal-data rules, or on data without phone-like values, never loads it.
 */
function parsePhoneNumberFromString(text: string, region?: CountryCode): PhoneNumber | undefined {
  parsePhoneNumber ??= (createRequire(import.meta.url)('libphonenumber-js/max') as { parsePhoneNumberFromString: ParsePhone }).parsePhoneNumberFromString;
  return region ? parsePhoneNumber(text, region) : parsePhoneNumber(text);
}

function parseValid(compact: string): PhoneNumber | undefined {
  if (compact.startsWith('+')) {
    const p = parsePhoneNumberFromString(compact);
    return p?.isValid() ? p : undefined;
  }
  for (const region of PHONE_REGIONS) {
    const p = parsePhoneNumberFromString(compact, region);
    if (p?.isValid()) return p;
  }
  return undefined;
}

const DATE_LIKE = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/;

export const phone: ValueDetector = {
  kind: 'phone',
  label: 'phone number',
  checkDigits: false,
  shape(text, inKindColumn) {
    const t = text.trim().replace(/^tel:/i, '');
    if (!/^(\+|00)?[\d\s().\/-]+$/.test(t) || DATE_LIKE.test(t) || /^\d+[.,]\d+$/.test(t)) return undefined;
    const digits = t.replace(/\D/g, '');
    if (digits.length < 8 || digits.length > 15) return undefined;
    const international = /^(\+|00)/.test(t);
    // A bare digit string is a phone number only in a phone column; elsewhere it must be written
    // like one: with a country code, or a trunk 0, separators and at least 9 digits.
    if (!inKindColumn && !international && !(t.startsWith('0') && /[\s().\/-]/.test(t) && digits.length >= 9)) return undefined;
    return international ? '+' + digits.replace(/^00/, '') : digits;
  },
  valid: (compact) => parsePhone(compact) !== undefined,
  /** `+32 *******56`: the country code and the last two digits. */
  mask(compact) {
    const p = parsePhone(compact);
    const national = p ? String(p.nationalNumber) : compact.replace(/^\+/, '');
    const hidden = '*'.repeat(Math.max(0, national.length - 2)) + national.slice(-2);
    return p ? `+${p.countryCallingCode} ${hidden}` : hidden;
  },
  // Not inside another number (`85.07.30-033.28`, an IBAN): no digit, letter, dot or dash around.
  inText: /(?<![\w.\/-])(?:\+|00|0)\d[\d ().\/-]{6,18}\d(?![\w\/-]|\.\d)/g,
  inTextSpan: { chars: `${DIGITS}+ ()./-`, min: 9 },
};

const MOBILE_TYPES = new Set(['MOBILE', 'PAGER', 'PERSONAL_NUMBER']);

/**
 * A mobile phone number: outside files about people, a landline is most often an office's or
 * a school's, a mobile number most often a person's.
 */
export const mobilePhone: ValueDetector = {
  ...phone,
  kind: 'mobile-phone',
  label: 'mobile phone number',
  valid: (compact) => MOBILE_TYPES.has(parsePhone(compact)?.getType() ?? ''),
};
