/**
 * Masks for values that have no detector of their own (names, dates, addresses, coordinates,
 * free text). Every finding about a suspected personal value shows one of these, never the
 * value: enough for the publisher to recognise the column, not enough to learn anything.
 */

/** `Jan Peeters` → `J*** P***`: the initial of each word. */
export function maskName(value: string): string {
  return value
    .trim()
    .split(/\s+/)
    .map((w) => (w ? `${[...w][0]}***` : w))
    .join(' ');
}

/** `1985-07-30` → `1985-**-**`, `30/07/1985` → `**\/**\/1985`: the year only. */
export function maskDate(value: string): string {
  return value.trim().replace(/\d+/g, (d) => (d.length === 4 ? d : '*'.repeat(d.length)));
}

/** `Rue de la Loi 16` → `R*** ** ** *** **`: the first letter, then the shape of the words. */
export function maskText(value: string): string {
  const t = value.trim();
  if (t === '') return t;
  const [first, ...rest] = [...t];
  return first + rest.map((c) => (/[\p{L}\p{N}]/u.test(c) ? '*' : c)).join('').replace(/\*{4,}/g, '***');
}

/** `50.846789` → `50.84**`: two decimals (about 1 km), the rest hidden. */
export function maskCoordinate(value: string): string {
  return value.trim().replace(/(-?\d+[.,]\d{1,2})\d+/g, (_, kept: string) => `${kept}**`);
}
