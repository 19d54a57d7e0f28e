import { existsSync, readFileSync } from 'node:fs';
import type { Severity } from '../model/index.js';
import type { RuleMeta } from '../engine/rule-api.js';
import { ruleDocsPath } from '../engine/registry.js';
import type { DatasetReport, Finding } from '../model/index.js';
import { defineFormatter } from './types.js';
import { Fingerprints, hostPath, ruleHelpUri, visible } from './_findings.js';
import { pathToFileURL } from 'node:url';
import { Spill } from './_spill.js';
import { indented } from './json.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * GitHub code scanning rejects a run of more than 25,000 results ("SARIF support for code
 * scanning", limits): past it, errors are kept first, then warnings, then notes.
 */
export const MAX_SARIF_RESULTS = 25_000;

interface SpilledResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: unknown[];
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
}

/**
 * SARIF 2.1.0 (OASIS), as GitHub code scanning accepts it: upload with github/codeql-action/upload-sarif.
 * The rule list (only rules with results, sorted) precedes the results and each result names its
 * rule's index, so results are spilled as they come and written at the end.
 */
const sarif = defineFormatter({
  name: 'sarif',
  description: 'SARIF 2.1.0 for GitHub code scanning and other SARIF viewers',
  extension: '.sarif',
  open({ quiet, rules, version, cwd, basePath }, write) {
    const fingerprints = new Fingerprints();
    const spill = new Spill();
    const ruleIdsSeen = new Set<string>();
    const byLevel = { error: 0, warning: 0, note: 0 };
    const each = (findings: Finding[], dataset?: DatasetReport) => {
      for (const finding of findings) {
        const fingerprint = fingerprints.of(finding);
        if (!visible(quiet)(finding)) continue;
        ruleIdsSeen.add(finding.ruleId);
        const result: SpilledResult = {
          ruleId: finding.ruleId,
          level: LEVEL[finding.severity],
          message: { text: finding.message },
          locations: [location(finding, dataset?.title ?? dataset?.id, hostPath(finding.location.file, { cwd, ...(basePath ? { basePath } : {}) }))],
          partialFingerprints: { 'odlint/v1': fingerprint },
          properties: {
            messageId: finding.messageId,
            ...(dataset ? { dataset: dataset.id } : {}),
            ...pick(finding.location, ['pointer', 'row', 'field', 'sheet', 'cell', 'subject', 'predicate']),
          },
        };
        byLevel[result.level as keyof typeof byLevel]++;
        spill.push(JSON.stringify(result) + '\n');
      }
    };
    return {
      dataset: (d) => each(d.findings, d),
      file: (f) => each(f.findings),
      end() {
        const ruleIds = [...ruleIdsSeen].sort();
        const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
        // What fits GitHub's limit, by level; the rest is said in a notification.
        const quota = { ...byLevel };
        let room = MAX_SARIF_RESULTS;
        for (const level of ['error', 'warning', 'note'] as const) {
          quota[level] = Math.min(byLevel[level], room);
          room -= quota[level];
        }
        const total = byLevel.error + byLevel.warning + byLevel.note;
        const omitted = total - Math.min(total, MAX_SARIF_RESULTS);
        const capped = omitted
          ? {
              invocations: [
                {
                  executionSuccessful: true,
                  toolExecutionNotifications: [
                    {
                      level: 'warning',
                      message: {
                        text: `${omitted} results were left out: GitHub code scanning accepts at most ${MAX_SARIF_RESULTS} results per run. Errors were kept first, then warnings, then notes; the JSON report (-f json) has every finding.`,
                      },
                    },
                  ],
                },
              ],
              properties: { 'odlint/omittedResults': omitted },
            }
          : {};
        const log = {
          $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
          version: '2.1.0',
          runs: [
            {
              tool: {
                driver: {
                  name: 'odlint',
                  version,
                  semanticVersion: version,
                  informationUri: 'https://github.com/odlint/odlint',
                  rules: ruleIds.map((id) => ruleDescriptor(id, rules.get(id))),
                },
              },
              originalUriBaseIds: { SRCROOT: { description: { text: 'The folder result paths are relative to: --base-path (the repository root), else the directory odlint ran in.' } } },
              columnKind: 'unicodeCodePoints',
              ...capped,
              results: [],
            },
          ],
        };
        const [before, after] = indented(log, '').split('"results": []');
        write(before + '"results": [');
        let first = true;
        for (const line of spill.lines()) {
          const { ruleId, level, ...rest } = JSON.parse(line) as SpilledResult;
          if (quota[level as keyof typeof quota]-- <= 0) continue;
          write(`${first ? '' : ','}\n        ${indented({ ruleId, ruleIndex: ruleIndex.get(ruleId)!, level, ...rest }, '        ')}`);
          first = false;
        }
        write((first ? ']' : '\n      ]') + after + '\n');
      },
    };
  },
});
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

/**
 * A SARIF location: the artifact relative to SRCROOT (the --base-path folder, else the working
 * directory; a file outside it gets an absolute file: URI); a region when the line is known (a
 * data-file finding: the line its row starts on; the row itself is in the result's properties).
 */
function location(f: Finding, dataset: string | undefined, artifact: { path: string; outside: boolean }) {
  const { line, column } = f.location;
  const startLine = line;
  const uri = !artifact.outside ? { uri: encodeURI(artifact.path), uriBaseId: 'SRCROOT' } : { uri: /^https?:/i.test(artifact.path) ? artifact.path : pathToFileURL(artifact.path).href };
  return {
    physicalLocation: {
      artifactLocation: uri,
      ...(startLine !== undefined ? { region: { startLine, ...(line !== undefined && column !== undefined ? { startColumn: column } : {}) } } : {}),
    },
    ...(dataset ? { logicalLocations: [{ name: dataset, kind: 'object' }] } : {}),
  };
}

function pick<T extends object, K extends keyof T>(obj: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => obj[k] !== undefined).map((k) => [k, obj[k]])) as Partial<Pick<T, K>>;
}
