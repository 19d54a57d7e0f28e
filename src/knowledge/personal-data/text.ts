/**
 * Text normalisation shared by header classification and vocabulary matching: lower case, no
 * accents, German ß/ligatures spelled out, words split on punctuation, spaces, camelCase and
 * letter/digit boundaries. Matching works on whole tokens, never on substrings, so
 * `nom_commune` is the tokens `nom` + `commune` and `straatnaam` stays one word.
 */

/** Lower-cased, accent-free text (`Prénom` → `prenom`, `Straße` → `strasse`). */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/æ/gi, 'ae')
    .replace(/œ/gi, 'oe')
    .toLowerCase();
}

/** Words of a header or phrase: `dateDeNaissance` → `date de naissance`, `e-mail_2` → `e mail 2`. */
export function words(text: string): string[] {
  const spaced = text
    .replace(/^\uFEFF+/, '')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\d)/gu, '$1 $2')
    .replace(/(\d)(\p{L})/gu, '$1 $2');
  return fold(spaced)
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** Function words ignored when matching phrases, in EN/FR/NL/DE. */
export const STOPWORDS = new Set([
  'a', 'an', 'the', 'of', 'and', 'or', 'in', 'at', 'for', 'by', 'per', 'to',
  'de', 'du', 'des', 'd', 'la', 'le', 'les', 'l', 'et', 'ou', 'au', 'aux', 'par', 'pour', 'en', 'sur',
  'van', 'der', 'den', 'het', 'een', 'op', 'voor', 'per', 'te',
  'von', 'vom', 'dem', 'die', 'das', 'und', 'im', 'am', 'zum', 'zur', 'fur',
]);

/** Tokens of a phrase without function words: the unit of vocabulary matching. */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => !STOPWORDS.has(w));
}
