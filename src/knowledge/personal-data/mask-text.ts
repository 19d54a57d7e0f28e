/**
 * The one masking function for text that reaches a report: every string that comes from a data
 * file or a descriptor (column names, cell values, titles, ids, file names and paths, extras
 * keys, JSON pointers) goes through `maskPersonalData` before it is shown. It finds the values
 * the personal-data detectors recognise — e-mail addresses, phone numbers, IBANs, national
 * numbers, payment cards, IP addresses, distinctive licence plates — anywhere in the text and
 * replaces each with the detector's own mask (`m***@***.be`, `BE** **** **** **34`,
 * `85.07.30-***-**`); everything else is left as it was, so `email`, `year` or `Men` stay
 * readable and a path keeps its folders and extension.
 *
 * A value is masked when it passes the detector's test (check digits, numbering plans) — the same
 * test that makes a personal-data finding an error — so ordinary numbers and codes stay readable.
 * IBANs need only their ISO 13616 checksum here, not the BBAN structure the finding needs: hiding
 * a string no bank could issue costs nothing, missing a real account from an outdated format leaks.
 * Masks are never recognised again: masking twice gives the same text.
 */
import { isRoleMailbox, email, phone } from './contact.js';
import { looksLikeFullDate } from './value-shapes.js';
import type { ValueDetector } from './detector.js';
import { beNiss } from './identifiers/be-niss.js';
import { nlBsn } from './identifiers/nl-bsn.js';
import { frNir } from './identifiers/fr-nir.js';
import { luMatricule } from './identifiers/lu-matricule.js';
import { iban, ibanChecksumValid, IBAN_LENGTHS } from './identifiers/iban.js';
import { paymentCard } from './identifiers/payment-card.js';
import { ipAddress } from './network.js';
import { licencePlate } from './licence-plate.js';

/** Detectors tried on each number found in text, most specific first. */
const NUMBER_DETECTORS: readonly ValueDetector[] = [beNiss, frNir, luMatricule, nlBsn, paymentCard, ipAddress, phone];

/**
 * Numbers tested per string before the rest is masked unchecked: a pathological value (200 KiB
 * of `00 00 00…`) costs a bounded amount of work and still leaks nothing.
 */
const CHECK_BUDGET = 2000;

// Cheap tests that say a kind may be present: most strings are short and hold none
// (`/distributions/0`, `row 12`), and skip every pass.
const MAY_HOLD_ANY = /[\d@:]/;
const MAY_HOLD_IBAN = /[A-Za-z]{2}\d{2}/;
const MAY_HOLD_CORSICAN_NIR = /\d ?2[ABab] ?\d/;
const MAY_HOLD_PLATE = /[A-Z]-\d|\d-[A-Z]/;
const MAY_HOLD_IPV6 = /:[0-9A-Fa-f]*:/;
const MAY_HOLD_NUMBER = /\d[\d\s.\/()+-]{5,}\d/;

/**
 * Recent results: a report repeats the same paths, columns and messages many times. Bounded
 * (cleared when full) and only for short strings.
 */
const recent = new Map<string, string>();
const RECENT_MAX = 4096;

/** The text with every recognised personal value replaced by its mask. */
export function maskPersonalData(text: string): string {
  if (!MAY_HOLD_ANY.test(text)) return text; // every kind has a digit, an @ or (IPv6) colons
  const known = recent.get(text);
  if (known !== undefined) return known;
  // Masking one value can free another glued to it (a national number written before an IBAN:
  // once masked, the IBAN stands alone), so passes repeat until nothing changes (bounded).
  let out = text;
  for (let pass = 0; pass < 4; pass++) {
    const next = maskOnce(out);
    if (next === out) break;
    out = next;
  }
  if (text.length <= 256) {
    if (recent.size >= RECENT_MAX) recent.clear();
    recent.set(text, out);
  }
  return out;
}

function maskOnce(text: string): string {
  let out = text;
  if (out.includes('@')) out = maskEmails(out);
  if (MAY_HOLD_IBAN.test(out)) out = maskIbans(out);
  if (MAY_HOLD_CORSICAN_NIR.test(out)) out = maskCorsicanNirs(out);
  if (MAY_HOLD_PLATE.test(out)) out = maskPlates(out);
  if (MAY_HOLD_IPV6.test(out)) out = maskIpv6(out);
  if (MAY_HOLD_NUMBER.test(out)) out = maskNumbers(out);
  return out;
}

/**
 * Every string inside `value` (objects, arrays, and object keys) through `maskPersonalData`:
 * a report part masked as a whole, so a field added later cannot be forgotten. Plain objects
 * and arrays in which nothing needs a mask are returned as they are (a report part is nearly
 * always clean: copying every part showed in catalogue profiles); any other object is copied
 * into a plain one, as before.
 */
export function maskStrings<T>(value: T): T {
  if (typeof value === 'string') return maskPersonalData(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const masked = maskStrings(v);
      if (out) out.push(masked);
      else if (masked !== v) (out = value.slice(0, i)).push(masked);
    }
    return (out ?? value) as T;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  const source = value as Record<string, unknown>;
  if (proto === Object.prototype || proto === null) {
    // A plain object (every part of a report): its keys walked in place, no list of them.
    let out: Record<string, unknown> | undefined;
    for (const k in source) {
      if (!hasOwn.call(source, k)) continue;
      const v = source[k];
      const mk = maskPersonalData(k);
      const mv = maskStrings(v);
      if (!out && (mk !== k || mv !== v)) {
        out = {};
        for (const j in source) {
          if (j === k) break;
          if (hasOwn.call(source, j)) out[j] = source[j]; // unchanged so far
        }
      }
      if (out) out[mk] = mv;
    }
    return (out ?? value) as T;
  }
  const keys = Object.keys(source);
  let out: Record<string, unknown> | undefined = {};
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = source[k];
    const mk = maskPersonalData(k);
    const mv = maskStrings(v);
    if (!out && (mk !== k || mv !== v)) {
      out = {};
      for (let j = 0; j < i; j++) out[keys[j]!] = source[keys[j]!]; // unchanged so far
    }
    if (out) out[mk] = mv;
  }
  return (out ?? value) as T;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** The detector's mask when `candidate` has its shape and passes its test. */
function shapedMask(d: ValueDetector, candidate: string, inKindColumn = false): string | undefined {
  const compact = d.shape(candidate, inKindColumn);
  return compact !== undefined && d.valid(compact) ? d.mask(compact) : undefined;
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses, found from each `@` outwards (linear, whatever the text).

const LOCAL_CHAR = /[\p{L}\p{N}._%+'!#$&*=?^`{|}~-]/u;
const DOMAIN_CHAR = /[\p{L}\p{N}.-]/u;
/** Extensions after an address in a file name (`louise@example.be.csv`): kept, not part of the domain. */
const FILE_EXTENSIONS = new Set(
  'csv tsv txt json jsonl ndjson geojson jsonld xml rdf ttl nt n3 nq trig yaml yml xls xlsx ods zip gz bz2 parquet pdf doc docx odt html htm shp kml gpkg'.split(' '),
);

function maskEmails(text: string): string {
  let out = '';
  let done = 0; // text before this index is in `out`
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > done && at - start < 64 && LOCAL_CHAR.test(text[start - 1]!)) start--;
    while (text[start] === '.') start++;
    let end = at + 1;
    while (end < text.length && end - at < 254 && DOMAIN_CHAR.test(text[end]!)) end++;
    const address = emailIn(text.slice(start, at), text.slice(at + 1, end));
    if (!address) continue;
    out += text.slice(done, start) + address.mask;
    done = at + 1 + address.domainLength;
  }
  return out + text.slice(done);
}

/** The address `local@domain…` starts, when it is a person's: its mask and how much of the domain it uses. */
function emailIn(local: string, domainText: string): { mask: string; domainLength: number } | undefined {
  if (local === '' || isRoleMailbox(local)) return undefined;
  const labels = domainText.replace(/[.-]+$/, '').split('.');
  while (labels.length > 2 && FILE_EXTENSIONS.has(labels.at(-1)!.toLowerCase())) labels.pop();
  // The top-level domain is letters: `example.be-export` ends at `be`.
  const tld = /^\p{L}{2,24}/u.exec(labels.at(-1) ?? '')?.[0];
  if (labels.length < 2 || !tld || labels.slice(0, -1).some((l) => l === '')) return undefined;
  const domain = [...labels.slice(0, -1), tld].join('.');
  return { mask: email.mask(`${local}@${domain}`), domainLength: domain.length };
}

// ---------------------------------------------------------------------------------------------
// IBANs: the country's length of characters from a country code and two digits.

const IBAN_START = /(?<![\p{L}\p{N}])([A-Za-z]{2})\d{2}/gu;

function maskIbans(text: string): string {
  let out = '';
  let done = 0;
  for (const m of text.matchAll(IBAN_START)) {
    if (m.index < done) continue;
    const found = ibanAt(text, m.index, IBAN_LENGTHS[m[1]!.toUpperCase()]);
    if (!found) continue;
    out += text.slice(done, m.index) + found.mask;
    done = found.end;
  }
  return out + text.slice(done);
}

/** The IBAN of `length` characters (single spaces allowed between them) starting at `start`. */
function ibanAt(text: string, start: number, length: number | undefined): { mask: string; end: number } | undefined {
  if (!length) return undefined;
  let end = start;
  let compact = '';
  while (end < text.length && compact.length < length) {
    const c = text[end]!;
    if (/[A-Za-z0-9]/.test(c)) compact += c.toUpperCase();
    else if (!(c === ' ' && /[A-Za-z0-9]/.test(text[end + 1] ?? ''))) break;
    end++;
  }
  if (compact.length !== length || /[\p{L}\p{N}]/u.test(text[end] ?? '') || !ibanChecksumValid(compact)) return undefined;
  return { mask: iban.mask(compact), end };
}

// ---------------------------------------------------------------------------------------------
// Numbers: runs of digits and the separators people type (`+32 475 12 34 56`, `85.07.30-033.28`).

/** French NIRs of people born in Corsica (`2A`/`2B`): the only identifier with letters inside. */
const CORSICAN_NIR = /(?<![\p{L}\p{N}])[1-478] ?\d{2} ?\d{2} ?2[ABab] ?\d{3} ?\d{3}(?: ?\d{2})?(?![\p{L}\p{N}])/gu;

function maskCorsicanNirs(text: string): string {
  return text.replace(CORSICAN_NIR, (m) => shapedMask(frNir, m) ?? m);
}

/** Belgian and French plates since 2010/2009: distinctive enough anywhere in text. */
const PLATE = /(?<![\p{L}\p{N}-])(?:[1-9]-[A-Z]{3}-\d{3}|[A-HJ-NP-TV-Z]{2}-\d{3}-[A-HJ-NP-TV-Z]{2})(?![\p{L}\p{N}-])/gu;

function maskPlates(text: string): string {
  return text.replace(PLATE, (m) => licencePlate.mask(m));
}

const IPV6 = /(?<![\p{L}\p{N}:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\p{L}\p{N}:])/gu;

function maskIpv6(text: string): string {
  // `http://[2001:db8::1]/`: a server's address in a URL is not a person's.
  return text.replace(IPV6, (m, offset: number) => (text[offset - 1] === '[' ? m : (shapedMask(ipAddress, m) ?? m)));
}

const NUMBER_RUN = /[+(]?\d[\d\s.\/()+-]*/g;
const LETTER = /\p{L}/u;

/** Where the run's digits end: `/\D+$/` would rescan a long run of spaces from each of its positions. */
function lastDigitEnd(run: string): number {
  let end = run.length;
  while (end > 0 && (run.charCodeAt(end - 1) < 48 || run.charCodeAt(end - 1) > 57)) end--;
  return end;
}

function maskNumbers(text: string): string {
  const budget = { left: CHECK_BUDGET };
  return text.replace(NUMBER_RUN, (run: string, offset: number) => {
    if (run.length < 7) return run; // shorter than any kind (`1.1.1.1`, 8-digit numbers)
    const number = run.slice(0, lastDigitEnd(run));
    // Glued to a word (`id0470987654`), a bare 0… string is a code, not a phone number.
    const where: RunContext = {
      free: !LETTER.test(text[offset - 1] ?? '') && !LETTER.test(text[offset + number.length] ?? ''),
      // `http://127.0.0.1:8080/`: a server's address in a URL is not a person's.
      urlHost: text.slice(Math.max(0, offset - 3), offset) === '://',
    };
    return maskRun(number, where, budget) + run.slice(number.length);
  });
}

/** Where a run of digits stands: alone (not glued to a word), or as the host of a URL. */
interface RunContext {
  free: boolean;
  urlHost: boolean;
}

/**
 * Masks the personal numbers in one run. The run is cut into pieces at spaces and slashes; the
 * longest sequences of pieces are tried first (`2023 0470 98 76 54` is a year and a phone).
 */
function maskRun(run: string, where: RunContext, budget: { left: number }): string {
  const digits = run.replace(/\D/g, '').length;
  if (digits < 8 && !/^\d{1,3}(\.\d{1,3}){3}/.test(run)) return run;
  const pieces = [...run.matchAll(/[^\s\/]+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  let out = '';
  let done = 0;
  for (let i = 0; i < pieces.length; ) {
    let found = false;
    for (let j = Math.min(pieces.length, i + 8); j > i; j--) {
      const start = pieces[i]!.start;
      const end = pieces[j - 1]!.end;
      const candidate = run.slice(start, end);
      if (candidate.replace(/\D/g, '').length > 19 || !worthTesting(candidate)) continue;
      if (budget.left-- <= 0) return out + run.slice(done).replace(/\d/g, '*'); // unchecked: hidden
      const masked = maskNumber(candidate, where);
      if (masked === undefined) continue;
      out += run.slice(done, start) + masked;
      done = end;
      i = j;
      found = true;
      break;
    }
    if (!found) i++;
  }
  return out + run.slice(done);
}

const worthTesting = (c: string) => c.replace(/\D/g, '').length >= 8 || /^\d{1,3}(\.\d{1,3}){3}$/.test(c);

/**
 * The mask of a number when a detector recognises it. Phone numbers and IP addresses are
 * written standing alone: glued to a word (`id0470987654`, `bce0-4071-9504` in a UUID, `v1.2.3.4`)
 * they are codes; and a sequence holding a calendar date (`04/18/2017 - 18`) is a date.
 */
function maskNumber(candidate: string, { free, urlHost }: RunContext): string | undefined {
  const dated = holdsDate(candidate);
  for (const d of NUMBER_DETECTORS) {
    if ((d === ipAddress || d === phone) && (!free || urlHost || dated)) continue;
    if (d === nlBsn && looksLikeFullDate(candidate)) continue; // 20230130 is a date, not a BSN
    const masked = shapedMask(d, candidate);
    if (masked !== undefined) return masked;
  }
  // A bare digit string with a trunk 0 (`0470987654`) is a phone number when it stands alone.
  if (free && !dated && /^0[\d\s.\/()-]+$/.test(candidate)) return shapedMask(phone, candidate, true);
  return undefined;
}

/** A date with a four-digit year and a valid day and month: `18/04/2017`, `2017-04-18`. */
const DATE_IN_TEXT = /(?<!\d)(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d{2}|(?:19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2})(?!\d)/g;

const holdsDate = (text: string) => [...text.matchAll(DATE_IN_TEXT)].some((m) => looksLikeFullDate(m[0]));
