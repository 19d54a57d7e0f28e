import { defineRule, locate } from '../../src/engine/rule-api.js';
import { parseChecksum } from '../../src/knowledge/checksum.js';
import { tableProfile, type Distribution, type SourceLocation } from '../../src/model/index.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'data/stats-mismatch',
    family: 'data',
    description: 'The size, checksum, row count or field count a distribution declares does not match its data file.',
    rationale:
      'Declared sizes and checksums let reusers verify a download and mirrors detect a changed file; declared counts are checked by pipelines. ' +
      'A wrong value means the metadata describes another version of the file (or a truncated copy). DCAT-AP dcat:byteSize, spdx:checksum; ' +
      'Frictionless `bytes`, `hash` and frictionless-py `rows`/`fields` (v5) or `stats` (v4). Frictionless: `byte-count`, `hash-count`, `row-count`, `field-count`; csvlint: none.',
    severity: 'error',
    presets: ['recommended'],
    needsRows: true,
    equivalents: { frictionless: { bytes: ['byte-count'], hash: ['hash-count'], hashUnreadable: ['hash-count'], rows: ['row-count'], fields: ['field-count'] } },
    messages: {
      bytes: 'the distribution declares {{declared}} bytes, the file has {{actual}}',
      hash: 'the declared {{algorithm}} checksum is {{declared}}, the file’s is {{actual}}',
      hashUnreadable: 'the declared checksum "{{value}}" cannot be checked: {{reason}}',
      hashNotChecked: 'the declared {{algorithm}} checksum was not checked: the {{reader}} reader does not stream the whole file',
      rows: 'the distribution declares {{declared}} rows, the file has {{actual}} (after the header)',
      fields: 'the distribution declares {{declared}} fields, the file has {{actual}} columns',
    },
  },
  create(context) {
    return {
      distribution(dist) {
        if (dist.localBytes === undefined) return; // no local file: nothing to compare with
        if (dist.byteSize !== undefined && dist.byteSize !== dist.localBytes) {
          context.report({ messageId: 'bytes', data: { declared: dist.byteSize, actual: dist.localBytes }, location: locate(dist, 'byteSize') });
        }
        const declared = dist.checksum === undefined ? undefined : parseChecksum(dist.checksum);
        if (declared && !declared.ok) context.report({ messageId: 'hashUnreadable', data: { value: dist.checksum!, reason: declared.reason }, location: locate(dist, 'checksum'), severity: 'info' });
      },
      endTable(table, summary, dist) {
        const declared = dist.checksum === undefined ? undefined : parseChecksum(dist.checksum);
        if (declared?.ok && summary.digest) {
          if (summary.digest.hex !== declared.hex) context.report({ messageId: 'hash', data: { algorithm: declared.algorithm, declared: declared.hex, actual: summary.digest.hex }, location: locate(dist, 'checksum') });
        } else if (declared?.ok && dist.localBytes !== undefined) {
          context.report({ messageId: 'hashNotChecked', data: { algorithm: declared.algorithm, reader: table.reader }, location: locate(dist, 'checksum'), severity: 'info' });
        }
        const profile = tableProfile(summary);
        if (!profile) return;
        const rows = declaredCount(dist, 'rows');
        if (rows && rows.value !== profile.dataRows) context.report({ messageId: 'rows', data: { declared: rows.value, actual: profile.dataRows }, location: rows.location });
        const width = table.header.length || profile.columns.length;
        const fields = declaredCount(dist, 'fields');
        if (fields && fields.value !== width) context.report({ messageId: 'fields', data: { declared: fields.value, actual: width }, location: fields.location });
      },
    };
  },
});

/**
 * A declared row or field count: frictionless-py v5 writes it on the resource (`rows`, `fields`),
 * v4 under `stats`; both land in extras, as the model has no property for them.
 */
function declaredCount(dist: Distribution, key: 'rows' | 'fields'): { value: number; location: SourceLocation } | undefined {
  const top = dist.extras[key];
  if (typeof top === 'number') return { value: top, location: locate(dist, `extras.${key}`) };
  const stats = dist.extras.stats;
  const value = typeof stats === 'object' && stats !== null ? (stats as Record<string, unknown>)[key] : undefined;
  return typeof value === 'number' ? { value, location: statsLocation(dist, key) } : undefined;
}

/** Where `stats.<key>` is written in the descriptor. */
function statsLocation(dist: Distribution, key: string): SourceLocation {
  const at = dist.locations['extras.stats'];
  return at?.pointer === undefined ? locate(dist, 'extras.stats') : { ...at, pointer: `${at.pointer}/${key}` };
}
