import { existsSync, readFileSync } from 'node:fs';
import type { Finding, Severity } from '../model/index.js';
import type { RuleMeta } from '../engine/rule-api.js';
import { ruleDocsPath } from '../engine/registry.js';
import type { Formatter } from './types.js';
import { reportedFindings, ruleHelpUri, visible } from './_findings.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0 (OASIS), as GitHub code scanning accepts it: upload with github/codeql-action/upload-sarif. */
const sarif: Formatter = {
  name: 'sarif',
  description: 'SARIF 2.1.0 for GitHub code scanning and other SARIF viewers',
  extension: '.sarif',
  format(report, { quiet, rules }) {
    const items = reportedFindings(report).filter(({ finding }) => visible(quiet)(finding));
    const ruleIds = [...new Set(items.map(({ finding }) => finding.ruleId))].sort();
    const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
    const log = {
      $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'odlint',
              version: report.tool.version,
              semanticVersion: report.tool.version,
              informationUri: 'https://github.com/odlint/odlint',
              rules: ruleIds.map((id) => ruleDescriptor(id, rules.get(id))),
            },
          },
          originalUriBaseIds: { SRCROOT: { description: { text: 'The directory odlint ran in; result paths are relative to it.' } } },
          columnKind: 'unicodeCodePoints',
          results: items.map(({ finding, dataset, fingerprint }) => ({
            ruleId: finding.ruleId,
            ruleIndex: ruleIndex.get(finding.ruleId)!,
            level: LEVEL[finding.severity],
            message: { text: finding.message },
            locations: [location(finding, dataset?.title ?? dataset?.id)],
            partialFingerprints: { 'odlint/v1': fingerprint },
            properties: {
              messageId: finding.messageId,
              ...(dataset ? { dataset: dataset.id } : {}),
              ...pick(finding.location, ['pointer', 'row', 'field', 'subject', 'predicate']),
            },
          })),
        },
      ],
    };
    return JSON.stringify(log, null, 2) + '\n';
  },
};
export default sarif;

function ruleDescriptor(id: string, meta: RuleMeta | undefined) {
  const docs = ruleDocsPath(id);
  const markdown = existsSync(docs) ? readFileSync(docs, 'utf8') : undefined;
  const description = meta?.description ?? id;
  return {
    id,
    name: id.split('/').pop()!.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: description },
    fullDescription: { text: meta?.rationale ?? description },
    help: { text: [description, meta?.rationale].filter(Boolean).join('\n\n'), ...(markdown ? { markdown } : {}) },
    helpUri: ruleHelpUri(id),
    ...(meta ? { defaultConfiguration: { level: LEVEL[meta.severity] } } : {}),
    properties: { tags: ['open-data', id.split('/')[0]!] },
  };
}

/** A SARIF location: the artifact relative to SRCROOT; a region when the line (or, for CSV, the row) is known. */
function location(f: Finding, dataset: string | undefined) {
  const { file, line, column, row } = f.location;
  const startLine = line ?? row;
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(file), uriBaseId: 'SRCROOT' },
      ...(startLine !== undefined ? { region: { startLine, ...(line !== undefined && column !== undefined ? { startColumn: column } : {}) } } : {}),
    },
    ...(dataset ? { logicalLocations: [{ name: dataset, kind: 'object' }] } : {}),
  };
}

function pick<T extends object, K extends keyof T>(obj: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => obj[k] !== undefined).map((k) => [k, obj[k]])) as Partial<Pick<T, K>>;
}
