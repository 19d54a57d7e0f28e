import { describe, it, expect } from 'vitest';
import { lintReport, allFindings, brief } from '../helpers/lint.js';

const dir = 'fixtures/rules';

/** Findings of one rule on some inputs, reduced to what the rule guarantees. */
async function findings(ruleId: string, inputs: string[]) {
  return allFindings(await lintReport(inputs.map((i) => `${dir}/${i}`)), ruleId).map(brief);
}

describe('licence/licence-missing', () => {
  it('reports uncovered distributions when the dataset has no licence', async () => {
    expect(await findings('licence/licence-missing', ['licence-missing/dataset.yaml'])).toEqual([
      {
        ruleId: 'licence/licence-missing',
        messageId: 'distributionMissing',
        severity: 'error',
        location: { file: `${dir}/licence-missing/dataset.yaml`, pointer: '/distributions/1', line: 12, column: 5 },
      },
    ]);
  });

  it('points at an empty CKAN license_id', async () => {
    expect(await findings('licence/licence-missing', ['licence-missing/package.json'])).toEqual([
      {
        ruleId: 'licence/licence-missing',
        messageId: 'missing',
        severity: 'error',
        location: { file: `${dir}/licence-missing/package.json`, pointer: '/license_id', line: 5, column: 3 },
      },
    ]);
  });

  it('accepts a licence stated on every distribution', async () => {
    expect(await findings('licence/licence-missing', ['licence-missing/covered.json'])).toEqual([]);
  });
});

describe('metadata/title-missing', () => {
  it('reports a blank title at its position', async () => {
    expect(await findings('metadata/title-missing', ['title-missing/package.json'])).toEqual([
      {
        ruleId: 'metadata/title-missing',
        messageId: 'missing',
        severity: 'error',
        location: { file: `${dir}/title-missing/package.json`, pointer: '/title', line: 3, column: 3 },
      },
    ]);
  });
});

describe('metadata/description-missing and description-too-short', () => {
  it('reports a missing description, and only that', async () => {
    const report = await lintReport([`${dir}/description/missing.yaml`]);
    expect(allFindings(report, 'metadata/description-missing').map(brief)).toEqual([
      {
        ruleId: 'metadata/description-missing',
        messageId: 'missing',
        severity: 'error',
        // no description key at all: the dataset itself (the document root)
        location: { file: `${dir}/description/missing.yaml`, pointer: '', line: 1, column: 1 },
      },
    ]);
    expect(allFindings(report, 'metadata/description-too-short')).toEqual([]);
  });

  it('reports a udata description of 28 characters with its length', async () => {
    const [f] = allFindings(await lintReport([`${dir}/description/short.json`]), 'metadata/description-too-short');
    expect(brief(f!)).toEqual({
      ruleId: 'metadata/description-too-short',
      messageId: 'tooShort',
      severity: 'warning',
      location: { file: `${dir}/description/short.json`, pointer: '/description', line: 3, column: 3 },
    });
    expect(f!.data).toEqual({ length: 28, minLength: 101 });
    expect(f!.message).toBe('the description has 28 characters; at least 101 are expected');
  });

  it('counts the longest language of a multilingual description', async () => {
    expect(await findings('metadata/description-too-short', ['description/multilingual.json'])).toEqual([]);
  });

  it('honours the minLength option', async () => {
    const dir2 = `${dir}/description`;
    const report = await lintReport([`${dir2}/multilingual.json`], { configFile: 'fixtures/rules/description/strict-length.yaml' });
    const [f] = allFindings(report, 'metadata/description-too-short');
    expect(f?.data).toEqual({ length: 119, minLength: 200 });
  });
});

describe('metadata/keywords-missing', () => {
  it('treats blank keywords as none', async () => {
    expect(await findings('metadata/keywords-missing', ['keywords-missing/dataset.yaml'])).toEqual([
      {
        ruleId: 'metadata/keywords-missing',
        messageId: 'missing',
        severity: 'warning',
        location: { file: `${dir}/keywords-missing/dataset.yaml`, pointer: '/keywords', line: 6, column: 1 },
      },
    ]);
  });
});

describe('distribution/no-distributions', () => {
  it('reports an empty resources list', async () => {
    expect(await findings('distribution/no-distributions', ['no-distributions/package.json'])).toEqual([
      {
        ruleId: 'distribution/no-distributions',
        messageId: 'none',
        severity: 'error',
        location: { file: `${dir}/no-distributions/package.json`, pointer: '/resources', line: 7, column: 3 },
      },
    ]);
  });
});

describe('data/file-missing', () => {
  it('reports a missing file and a folder, not the file that exists', async () => {
    const found = await findings('data/file-missing', ['file-missing/dataset.yaml']);
    expect(found).toEqual([
      {
        ruleId: 'data/file-missing',
        messageId: 'missing',
        severity: 'error',
        location: { file: `${dir}/file-missing/dataset.yaml`, pointer: '/distributions/1/path', line: 11, column: 5 },
      },
      {
        ruleId: 'data/file-missing',
        messageId: 'notAFile',
        severity: 'error',
        location: { file: `${dir}/file-missing/dataset.yaml`, pointer: '/distributions/2/path', line: 13, column: 5 },
      },
    ]);
  });
});
