import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allFindings, lintReport } from '../helpers/lint.js';

const AFS = 'fixtures/corpus/dcat-ap/ckanext-dcat__dataset_afs.ttl';
const ALL = ['dcat-ap/mandatory=error', 'dcat-ap/recommended=warning', 'dcat-ap/controlled-vocabulary=error', 'dcat-ap/hvd=error'];

/** rule, message id, severity, line, column, predicate (local name) of each dcat-ap finding. */
async function findings(file: string, rules: string[]) {
  const report = await lintReport([file], { presets: ['recommended'], rules });
  return allFindings(report)
    .filter((f) => f.ruleId.startsWith('dcat-ap/'))
    .map((f) => [f.ruleId, f.messageId, f.severity, f.location.line, f.location.column, f.location.predicate?.replace(/.*[#/]/, '') ?? '']);
}

describe('dcat-ap/* rules on a real DCAT file (ckanext-dcat dataset_afs.ttl)', () => {
  it('report each SHACL result once, at the statement of the focus node (or the node), with the shape severity', async () => {
    expect(await findings(AFS, ALL)).toEqual([
      // The dataset (line 7): HVD properties, the API (a complex path: located at the node), recommended ones.
      ['dcat-ap/hvd', 'minCount', 'error', 7, 1, 'hvdCategory'],
      ['dcat-ap/hvd', 'minCount', 'error', 7, 1, 'applicableLegislation'],
      ['dcat-ap/hvd', 'minCount', 'error', 7, 1, ''],
      ['dcat-ap/recommended', 'minCount', 'warning', 7, 1, 'contactPoint'],
      ['dcat-ap/recommended', 'minCount', 'warning', 7, 1, 'spatial'],
      ['dcat-ap/recommended', 'minCount', 'warning', 7, 1, 'temporal'],
      ['dcat-ap/recommended', 'minCount', 'warning', 7, 1, 'theme'],
      // Dates as plain literals: the date checks the sh:shape → sh:node patch brings to life.
      ['dcat-ap/mandatory', 'node', 'error', 12, 5, 'issued'],
      ['dcat-ap/mandatory', 'node', 'error', 13, 5, 'modified'],
      // A blank-node publisher where the vocabulary shape wants an IRI (sh:Warning under an error rule).
      ['dcat-ap/controlled-vocabulary', 'nodeKind', 'warning', 14, 5, 'publisher'],
      // First distribution (line 19): no access URL; a literal licence and download URL.
      ['dcat-ap/hvd', 'minCount', 'error', 19, 24, 'applicableLegislation'],
      ['dcat-ap/mandatory', 'minCount', 'error', 19, 24, 'accessURL'],
      ['dcat-ap/recommended', 'minCount', 'warning', 19, 24, 'description'],
      ['dcat-ap/recommended', 'minCount', 'warning', 19, 24, 'availability'],
      ['dcat-ap/controlled-vocabulary', 'nodeKind', 'error', 20, 26, 'format'],
      ['dcat-ap/mandatory', 'nodeKind', 'error', 23, 26, 'license'],
      ['dcat-ap/mandatory', 'nodeKind', 'error', 25, 26, 'downloadURL'],
      // Second distribution (line 27): a literal access URL.
      ['dcat-ap/hvd', 'minCount', 'error', 27, 24, 'applicableLegislation'],
      ['dcat-ap/recommended', 'minCount', 'warning', 27, 24, 'description'],
      ['dcat-ap/recommended', 'minCount', 'warning', 27, 24, 'availability'],
      ['dcat-ap/controlled-vocabulary', 'nodeKind', 'error', 28, 26, 'format'],
      ['dcat-ap/mandatory', 'nodeKind', 'error', 31, 26, 'license'],
      ['dcat-ap/mandatory', 'nodeKind', 'error', 33, 26, 'accessURL'],
      ['dcat-ap/mandatory', 'nodeKind', 'error', 36, 5, 'landingPage'],
    ]);
  }, 60_000);

  it('report a missing property once when several profiles require it', async () => {
    // dcat:accessURL of the first distribution is mandatory in DCAT-AP and in DCAT-AP HVD.
    const accessUrl = (await findings(AFS, ALL)).filter(([, m, , line, , p]) => m === 'minCount' && line === 19 && p === 'accessURL');
    expect(accessUrl).toEqual([['dcat-ap/mandatory', 'minCount', 'error', 19, 24, 'accessURL']]);
    // Without the core shapes the HVD profile reports it.
    const hvdOnly = (await findings(AFS, ['dcat-ap/hvd=error'])).filter(([, m, , line, , p]) => m === 'minCount' && line === 19 && p === 'accessURL');
    expect(hvdOnly).toEqual([['dcat-ap/hvd', 'minCount', 'error', 19, 24, 'accessURL']]);
  }, 60_000);

  it('cap each finding at the configured severity', async () => {
    const capped = await findings(AFS, ['dcat-ap/mandatory=warning']);
    expect(new Set(capped.map(([, , s]) => s))).toEqual(new Set(['warning']));
    expect(capped).toHaveLength(8);
  }, 60_000);

  it('need no SHACL engine when no dcat-ap rule is enabled', async () => {
    expect(await findings(AFS, [])).toEqual([]);
  });
});

describe('dcat-ap/nl and dcat-ap/nl-recommended: the Dutch profile (DCAT-AP-NL 3.0)', () => {
  it('report what DCAT-AP-NL adds to DCAT-AP, on the same real file', async () => {
    expect(await findings(AFS, ['dcat-ap/nl=error', 'dcat-ap/nl-recommended=warning'])).toEqual([
      ['dcat-ap/nl', 'minCount', 'error', 7, 1, 'accessRights'],
      ['dcat-ap/nl', 'minCount', 'error', 7, 1, 'contactPoint'],
      ['dcat-ap/nl', 'minCount', 'error', 7, 1, 'creator'],
      ['dcat-ap/nl', 'minCount', 'error', 7, 1, 'theme'],
      ['dcat-ap/nl-recommended', 'minCount', 'warning', 7, 1, 'conformsTo'],
      ['dcat-ap/nl-recommended', 'minCount', 'warning', 7, 1, 'page'],
      ['dcat-ap/nl-recommended', 'minCount', 'warning', 7, 1, 'language'],
      ['dcat-ap/nl-recommended', 'minCount', 'warning', 19, 24, 'accessService'],
      ['dcat-ap/nl-recommended', 'minCount', 'warning', 19, 24, 'language'],
      ['dcat-ap/nl-recommended', 'minCount', 'warning', 19, 24, 'conformsTo'],
      ['dcat-ap/nl-recommended', 'minCount', 'warning', 27, 24, 'accessService'],
      ['dcat-ap/nl-recommended', 'minCount', 'warning', 27, 24, 'downloadURL'],
      ['dcat-ap/nl-recommended', 'minCount', 'warning', 27, 24, 'language'],
      ['dcat-ap/nl-recommended', 'minCount', 'warning', 27, 24, 'conformsTo'],
    ]);
  }, 60_000);

  it('report a property DCAT-AP recommends and DCAT-AP-NL requires once, as the Dutch error', async () => {
    const both = await findings(AFS, ['dcat-ap/recommended=warning', 'dcat-ap/nl=error']);
    const at = (p: string) => both.filter(([, , , line, , pred]) => line === 7 && pred === p);
    expect(at('contactPoint')).toEqual([['dcat-ap/nl', 'minCount', 'error', 7, 1, 'contactPoint']]);
    expect(at('theme')).toEqual([['dcat-ap/nl', 'minCount', 'error', 7, 1, 'theme']]);
    // What only DCAT-AP recommends stays its warning.
    expect(at('spatial')).toEqual([['dcat-ap/recommended', 'minCount', 'warning', 7, 1, 'spatial']]);
  }, 60_000);
});

describe('the vendored shapes', () => {
  it('differ from the published shapes.ttl only by the documented sh:shape → sh:node patch', () => {
    const original = readFileSync('schemas/shacl/dcat-ap-3.0.1/original/shapes.ttl', 'utf8');
    const patched = readFileSync('schemas/shacl/dcat-ap-3.0.1/shapes.ttl', 'utf8');
    expect(original.match(/sh:shape /g)).toHaveLength(5);
    expect(patched).toBe(original.replace(/sh:shape :DateOrDateTimeDataType_Shape/g, 'sh:node :DateOrDateTimeDataType_Shape'));
  });
});
