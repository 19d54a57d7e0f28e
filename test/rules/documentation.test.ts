import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { lintReport, allFindings, brief, FIXTURES } from '../helpers/lint.js';
import { isCodeName, registerOfColumn } from '../../src/knowledge/documentation.js';

const dir = (name: string) => path.join(FIXTURES, 'documentation', name);
const rel = (p: string) => `fixtures/documentation/${p}`;

async function documentation(input: string, presets = ['netherlands']) {
  const report = await lintReport([dir(input)], { presets });
  return allFindings(report).filter((f) => f.ruleId.startsWith('documentation/'));
}

describe('documentation/* (fixtures/documentation)', () => {
  it('undocumented: a CSV with no column documentation, no data model, register codes and no relation', async () => {
    const findings = await documentation('undocumented');
    const file = rel('undocumented/package.json');
    expect(findings.map(brief)).toEqual([
      { ruleId: 'documentation/data-model-missing', messageId: 'missing', severity: 'info', location: { file, pointer: '', line: 1, column: 1 } },
      { ruleId: 'documentation/related-datasets-missing', messageId: 'unrelated', severity: 'info', location: { file, pointer: '', line: 1, column: 1 } },
      { ruleId: 'documentation/columns-undocumented', messageId: 'undocumented', severity: 'warning', location: { file, pointer: '/resources/0', line: 8, column: 5 } },
    ]);
    expect(findings[1]!.message).toBe(
      'columns "kvk_nummer", "gemeentecode" hold identifiers of the Dutch trade register (KvK) and the CBS area codes (gemeente, wijk, buurt), but the dataset names no related dataset (dct:relation, dct:source or a foreign key)',
    );
  });

  it('codes: fields without descriptions, code names without labels, no concept links; `sources` is a relation', async () => {
    const findings = await documentation('codes');
    const at = { file: rel('codes/datapackage.json'), pointer: '/resources/0/schema', line: 11, column: 7 };
    expect(findings.map(brief)).toEqual([
      { ruleId: 'documentation/column-descriptions-missing', messageId: 'noDescription', severity: 'warning', location: at },
      { ruleId: 'documentation/column-descriptions-missing', messageId: 'codeNames', severity: 'warning', location: at },
      { ruleId: 'documentation/concept-links-missing', messageId: 'none', severity: 'info', location: at },
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'distribution 1: 3 of 4 documented columns have no description ("VAR_07", "BEV_M", "BEV_V")',
      'distribution 1: columns named with codes have no label (title) saying what they are: "VAR_07", "BEV_V"',
      'distribution 1: none of its 4 documented columns links to a concept (rdfType, propertyUrl) and no vocabulary is named in conformsTo',
    ]);
  });

  it('documented: descriptions, titles, rdfType and a foreign key to another resource: nothing to report', async () => {
    expect(await documentation('documented')).toEqual([]);
  });

  it('restricted: NON_PUBLIC access or a non-open licence without conditions; dct:rights describes them', async () => {
    const findings = await documentation('restricted');
    const file = rel('restricted/dataset.yaml');
    expect(findings.map(brief)).toEqual([
      { ruleId: 'documentation/reuse-conditions-missing', messageId: 'accessRights', severity: 'warning', location: { file, pointer: '/datasets/0/accessRights', line: 4, column: 5 } },
      { ruleId: 'documentation/reuse-conditions-missing', messageId: 'licence', severity: 'warning', location: { file, pointer: '/datasets/2/licence', line: 17, column: 5 } },
    ]);
  });

  it('only the netherlands preset enables them', async () => {
    expect(await documentation('undocumented', ['recommended'])).toEqual([]);
  });
});

describe('documentation knowledge', () => {
  it.each(['VAR_07', 'V12', 'Q3_1', 'BEV_V', 'GM_CODE', 'C20_F15P', 'pop_h', 'q1', '639-1'])('%s is a code name', (name) => {
    expect(isCodeName(name)).toBe(true);
  });
  it.each(['naam', 'NAAM', 'postcode', 'jaar2020', 'Aantal inwoners', 'id', 'bedrag_euro', 'gemeente', 'city-or-town', 'Gm_code'])('%s is not', (name) => {
    expect(isCodeName(name)).toBe(false);
  });
  it('names the register of identifier columns, ignoring case, accents and separators', () => {
    expect(registerOfColumn('KvK-nummer')).toBe('the Dutch trade register (KvK)');
    expect(registerOfColumn('Numéro d’entreprise')).toBe('the Belgian Crossroads Bank for Enterprises (KBO/BCE)');
    expect(registerOfColumn('SIRET')).toBe('the French company register (SIRENE)');
    expect(registerOfColumn('CD_REFNIS')).toBe('the Belgian NIS/INS codes');
    expect(registerOfColumn('naam')).toBeUndefined();
    expect(registerOfColumn('nis_rate')).toBeUndefined();
  });
});
