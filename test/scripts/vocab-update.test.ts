import { mkdtempSync, readFileSync, copyFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVocabulary } from '../../src/shacl/vocabularies.js';
import { conceptCodes, header, vocabularyText } from '../../scripts/vocab-update.mjs';

// `npm run vocab:update` is never run in tests (it needs the network); its parts are, on a real
// EU Vocabularies table (fixtures/eu-vocabularies/SOURCES.md).
const download = readFileSync('fixtures/eu-vocabularies/data-theme-skos-ap-act.ttl', 'utf8');
const bundled = readFileSync('schemas/shacl/vocabularies/data-theme.txt', 'utf8');

describe('npm run vocab:update', () => {
  it('reads the concepts of the table from its SKOS download, and only those', async () => {
    const { scheme, pattern } = header(bundled);
    expect(scheme).toBe('http://publications.europa.eu/resource/authority/data-theme');
    const codes = await conceptCodes(download, scheme, pattern, { turtle: true });
    expect(codes).toEqual(['AGRI', 'ECON', 'EDUC', 'ENER', 'ENVI', 'GOVE', 'HEAL', 'INTR', 'JUST', 'OP_DATPRO', 'REGI', 'SOCI', 'TECH', 'TRAN']);
    // Another scheme's concepts (the download also names label types, statuses, use contexts) are not taken.
    expect(await conceptCodes(download, 'http://publications.europa.eu/resource/authority/concept-status', 'http://publications.europa.eu/resource/authority/concept-status/<code>', { turtle: true })).toEqual([]);
  });

  it('writes a file that odlint reads back as the same table', async () => {
    const { scheme, pattern } = header(bundled);
    const codes = await conceptCodes(download, scheme, pattern, { turtle: true });
    const text = vocabularyText(scheme, pattern, codes, 'data-theme.ttl (EU Vocabularies download)', '2026-12-05');
    expect(parseVocabulary(text)).toEqual(parseVocabulary(bundled));
  });

  it('updates the files from a directory of downloads, keeping a table it has no download for', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-vocab-'));
    try {
      copyFileSync('fixtures/eu-vocabularies/data-theme-skos-ap-act.ttl', path.join(dir, 'data-theme.ttl'));
      const { execa } = await import('execa');
      const run = await execa('node', ['scripts/vocab-update.mjs', '--from', dir, '--dry-run'], { reject: false });
      expect(run.stdout).toContain('data-theme.txt: 14 concepts (dry run, not written)');
      expect(run.stderr).toMatch(/file-type\.txt: no file-type\.rdf or \.ttl in .*; kept as is/);
      expect(run.exitCode).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
