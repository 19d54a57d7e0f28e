import { describe, it, expect } from 'vitest';
import { iban, ibanChecksumValid, ibanValid } from '../../src/knowledge/personal-data/index.js';
import { maskPersonalData } from '../../src/knowledge/personal-data/mask-text.js';
import { prng } from '../helpers/prng.js';
import path from 'node:path';
import { lintReport, allFindings, brief, FIXTURES } from '../helpers/lint.js';

/** Written here, independently of src: the IBAN of a BBAN with correct ISO 13616 check digits. */
function withIbanCheck(country: string, bban: string): string {
  const numeric = (bban + country + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let r = 0;
  for (const d of numeric) r = (r * 10 + Number(d)) % 97;
  return country + String(98 - r).padStart(2, '0') + bban;
}

const digits = (random: () => number, n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

// Valid: the SWIFT IBAN registry's examples (old and current editions) and the national
// specimens they quote. Invalid: each breaks one thing, most of them keeping a correct IBAN
// checksum (`withIbanCheck`), so only the BBAN's structure can reject them.
describe('IBAN per country', () => {
  it.each([
    ['BE', 'BE68539007547034'],
    ['BE', 'BE71096123456769'],
    ['NL', 'NL91ABNA0417164300'],
    ['FR', 'FR1420041010050500013M02606'],
    ['FR', 'FR7630006000011234567890189'],
    ['LU', 'LU280019400644750000'],
    ['DE', 'DE89370400440532013000'],
    ['DE', 'DE75512108001245126199'],
    ['ES', 'ES9121000418450200051332'],
    ['IT', 'IT60X0542811101000000123456'],
    ['PT', 'PT50000201231234567890154'],
    ['AT', 'AT611904300234573201'],
    ['CH', 'CH9300762011623852957'],
    ['GB', 'GB29NWBK60161331926819'],
    ['MC', 'MC5811222000010123456789030'],
  ])('%s: accepts %s', (_country, value) => {
    expect(ibanValid(value)).toBe(true);
  });

  it.each([
    ['BE', withIbanCheck('BE', '539007547035'), 'national mod 97 check digits wrong (34 expected)'],
    ['BE', 'BE68539007547035', 'IBAN check digits wrong'],
    ['BE', 'BE685390075470', 'too short for Belgium'],
    ['NL', withIbanCheck('NL', '1BNA0417164300'), 'a digit where the bank code has letters'],
    ['NL', 'NL91ABNA0417164301', 'IBAN check digits wrong'],
    ['FR', withIbanCheck('FR', '20041010050500013M02607'), 'RIB key wrong (06 expected)'],
    ['FR', 'FR1420041010050500013M02607', 'IBAN check digits wrong'],
    ['LU', withIbanCheck('LU', 'A019400644750000'), 'a letter in the numeric bank code'],
    ['LU', 'LU280019400644750001', 'IBAN check digits wrong'],
    ['DE', withIbanCheck('DE', '37040044053201300A'), 'a letter in the all-digit BBAN'],
    ['DE', 'DE89370400440532013001', 'IBAN check digits wrong'],
    ['ES', withIbanCheck('ES', '21000418460200051332'), 'national control digits wrong'],
    ['PT', withIbanCheck('PT', '000201231234567890155'), 'NIB check digits wrong'],
    ['XX', withIbanCheck('XX', '539007547034'), 'no such country'],
  ])('%s: rejects %s (%s)', (_country, value) => {
    expect(ibanValid(value)).toBe(false);
  });

  it('the invalid ones above with a correct IBAN checksum really have one', () => {
    expect(ibanChecksumValid(withIbanCheck('BE', '539007547035'))).toBe(true);
    expect(ibanChecksumValid(withIbanCheck('FR', '20041010050500013M02607'))).toBe(true);
    expect(ibanChecksumValid(withIbanCheck('DE', '37040044053201300A'))).toBe(true);
  });
});

describe('IBAN: generated sets', () => {
  it('rejects all of 450 checksum-valid IBANs whose Belgian BBAN has wrong national check digits', () => {
    const random = prng(15);
    const impossible: string[] = [];
    while (impossible.length < 450) {
      const base = digits(random, 10);
      const right = Number(base) % 97 || 97;
      const check = Math.floor(random() * 100);
      if (check !== right) impossible.push(withIbanCheck('BE', base + String(check).padStart(2, '0')));
    }
    expect(impossible.filter((v) => !ibanChecksumValid(v))).toEqual([]);
    expect(impossible.filter((v) => ibanValid(v))).toEqual([]);
  });

  it('accepts all of 450 Belgian IBANs with correct national check digits (97 when the remainder is 0)', () => {
    const random = prng(16);
    const possible = Array.from({ length: 450 }, (_, i) => {
      const base = i === 0 ? '0000000097' : digits(random, 10); // remainder 0: the check digits are 97
      return withIbanCheck('BE', base + String(Number(base) % 97 || 97).padStart(2, '0'));
    });
    expect(possible.filter((v) => !ibanValid(v))).toEqual([]);
  });

  it('accepts German IBANs whatever their check digits (02 to 98)', () => {
    const random = prng(17);
    const german = Array.from({ length: 400 }, () => withIbanCheck('DE', digits(random, 18)));
    expect(new Set(german.map((v) => v.slice(2, 4))).size).toBeGreaterThan(90);
    expect(german.filter((v) => !ibanValid(v))).toEqual([]);
  });
});

describe('IBAN: detector and masking', () => {
  it('the detector reports only possible IBANs, grouped or not', () => {
    expect(iban.valid(iban.shape('BE71 0961 2345 6769', true)!)).toBe(true);
    expect(iban.valid(iban.shape(withIbanCheck('BE', '539007547035'), true)!)).toBe(false);
  });

  it('masking still hides a checksum-valid IBAN with an impossible BBAN (hiding too much leaks nothing)', () => {
    const odd = withIbanCheck('BE', '539007547035');
    expect(maskPersonalData(`virement sur ${odd} reçu`)).toBe(`virement sur ${iban.mask(odd)} reçu`);
    expect(maskPersonalData('virement sur BE68 5390 0754 7034 reçu')).toBe('virement sur BE** **** **** **34 reçu');
  });
});

describe('personal-data/iban: the publisher\'s own accounts (fixtures/personal-data/organisation-iban)', () => {
  const dir = path.join(FIXTURES, 'personal-data', 'organisation-iban');
  const rel = (f: string) => `fixtures/personal-data/organisation-iban/${f}`;
  const ibanFindings = async (input: string, configFile?: string) =>
    allFindings(await lintReport([path.join(dir, input)], configFile ? { configFile: path.join(dir, configFile) } : {}), 'personal-data/iban').map(brief);

  it('a column of IBANs the metadata states as the publisher\'s is info; people\'s accounts beside them stay an error', async () => {
    expect(await ibanFindings('dataset.yaml')).toEqual([
      { ruleId: 'personal-data/iban', messageId: 'organisation', severity: 'info', location: { file: rel('data/tarifs.csv'), row: 2, line: 2, field: 'compte_iban' } },
      { ruleId: 'personal-data/iban', messageId: 'validated', severity: 'error', location: { file: rel('data/remboursements.csv'), row: 2, line: 2, field: 'compte_credite' } },
      { ruleId: 'personal-data/iban', messageId: 'organisation', severity: 'info', location: { file: rel('data/remboursements.csv'), row: 2, line: 2, field: 'compte_debite' } },
    ]);
  });

  it('without the metadata the same file is an error, unless the `organisationIbans` option lists the account', async () => {
    expect((await ibanFindings('data/tarifs.csv')).map((f) => f.messageId)).toEqual(['validated']);
    expect((await ibanFindings('data/tarifs.csv', 'odlint.config.yaml')).map((f) => [f.messageId, f.severity])).toEqual([['organisation', 'info']]);
  });
});
