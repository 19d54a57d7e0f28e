/**
 * How licence values are compared: names and ids by a loose key (case, accents, spaces and
 * punctuation do not matter), URLs by their meaningful part (no scheme, `www.`, trailing slash,
 * `legalcode`, `deed.fr`, language suffix, query or fragment).
 */

/** Lower case without accents, typographic quotes made plain. */
export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[‐‑‒–—]/g, '-');
}

/**
 * The comparison key of a name or id: "CC-BY 4.0", "cc_by_4_0" and "CC BY v4.0" share `ccby40`;
 * "License"/"Licence" are one word. `+` is kept (GPL-2.0+ is not GPL-2.0).
 */
export function looseKey(s: string): string {
  return fold(s)
    .trim()
    .replace(/^the\s+/, '')
    .replace(/\blicen[cs]e\b/g, 'licence')
    .replace(/\bv(?:ersion)?\.?\s*(?=\d)/g, '')
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9+]/g, '');
}

/** A second, weaker key for names ending in a ".0" version: `ccby40` is also `ccby4`. */
export function shortVersionKey(key: string): string | undefined {
  return /[a-z+]\d0$/.test(key) ? key.slice(0, -1) : undefined;
}

const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+$|^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\/\S*$/i;

/** A value that is a URL (with or without scheme), not a name that contains a slash. */
export function isUrl(s: string): boolean {
  return URL_LIKE.test(s.trim());
}

/** URLs inside free text ("see https://..."). */
export function urlsIn(s: string): string[] {
  return s.match(/(?:https?:\/\/|www\.)[^\s<>"'()[\]{}]+/gi)?.map((u) => u.replace(/[.,;:]+$/, '')) ?? [];
}

/**
 * The comparable part of a licence URL: `https://www.creativecommons.org/licenses/by/4.0/deed.fr`
 * and `http://creativecommons.org/licenses/by/4.0/legalcode` are both `creativecommons.org/licenses/by/4.0`.
 */
export function urlKey(url: string): string {
  let s = fold(url.trim())
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[?#].*$/, '');
  let previous: string;
  do {
    previous = s;
    s = s
      .replace(/\/+$/, '')
      .replace(/\/(?:legalcode|deed)(?:\.[a-z]{2}(?:[-_][a-z]+)?)?$/, '')
      .replace(/\/index\.html?$/, '')
      .replace(/\.html?$/, '')
      .replace(/(\/[^/]+)\.(?:en|fr|nl|de|es|it|pt)$/, '$1');
  } while (s !== previous);
  return s;
}

/** `urlKey` of the parent path, when the last segment is not a version (".../odbl/summary" → ".../odbl"). */
export function parentUrlKey(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  if (slash <= 0 || key.indexOf('/') === slash) return undefined; // keep at least host + one segment
  return /^\d/.test(key.slice(slash + 1)) ? undefined : key.slice(0, slash);
}

const HTML_TAG = /<\/?[a-z][a-z0-9]*(?:\s[^>]*)?>/i;

export function isHtml(s: string): boolean {
  return HTML_TAG.test(s);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** What an HTML fragment says: its link targets, then its text. */
export function htmlParts(s: string): { links: string[]; text: string } {
  const links = [...s.matchAll(/href\s*=\s*["']([^"']+)["']/gi)].map((m) => decodeEntities(m[1]!));
  const text = decodeEntities(s.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return { links, text };
}
