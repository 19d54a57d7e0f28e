/**
 * The licence facts the scores need, delegated to the licence knowledge base
 * (src/knowledge/licences.ts). Formats: src/knowledge/formats.ts; frequencies, access rights and
 * other DCAT-AP vocabularies: src/knowledge/dcat-ap.ts (shared with the metadata rules).
 */
import type { Licence, Openness } from '../model/index.js';
import { normaliseLicence } from '../knowledge/licences.js';

// ---------------------------------------------------------------------------------------------
// Licences

/** Openness of a licence, as the licence normaliser (src/knowledge/licences.ts) judged it at load. */
export function licenceOpenness(licence: Licence | undefined): Openness {
  return licence?.openness ?? 'unknown';
}

/**
 * MQA "licence from vocabulary": a licence the knowledge base recognises (an SPDX id or
 * expression, an EU licence-table entry, a versioned CKAN id). Placeholders such as
 * `notspecified` and generic `other-open` declarations name no licence.
 */
export function knownLicence(licence: Licence | undefined): boolean {
  if (!licence) return false;
  const kind = normaliseLicence(licence).kind;
  return kind === 'recognised' || kind === 'expression';
}
