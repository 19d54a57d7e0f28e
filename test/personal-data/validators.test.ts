import { describe, it, expect } from 'vitest';
import {
  beNiss,
  nlBsn,
  frNir,
  luMatricule,
  iban,
  paymentCard,
  email,
  phone,
  ipAddress,
  licencePlate,
  nissValid,
  bsnValid,
  nirValid,
  matriculeValid,
  ibanValid,
  cardValid,
  luhnCheckDigit,
  verhoeffCheckDigit,
  parsePoint,
  decimalsOf,
  maskName,
  maskDate,
  maskText,
  maskCoordinate,
  looksLikeFullDate,
  looksLikePersonName,
  looksLikeStreetAddress,
  type ValueDetector,
} from '../../src/knowledge/personal-data/index.js';

/** What a detector makes of a cell: its compact form, whether it is valid, and its mask. */
function detect(d: ValueDetector, text: string, inKindColumn = true) {
  const compact = d.shape(text, inKindColumn);
  return compact === undefined ? undefined : { compact, valid: d.valid(compact), masked: d.mask(compact) };
}

// Valid examples are published ones (the IBZ / CBSS documentation examples quoted by
// python-stdnum, the socrates test suite for Luxembourg, the ECBS IBAN registry examples,
// the card schemes' test numbers); invalid ones differ by their check digits only.
describe('Belgian national register number (NISS) and BIS number', () => {
  it.each([
    ['85.07.30-033.28', '85073003328'], // born 1985
    ['85 07 30 033 28', '85073003328'],
    ['17 07 30 033 84', '17073003384'], // born 2017: check over "2" + 9 digits
    ['98.47.28-997.65', '98472899765'], // BIS, month + 40 (sex known)
    ['01 49 07 001 85', '01490700185'], // BIS, month + 40, born 2001
  ])('accepts %s', (text, compact) => {
    expect(detect(beNiss, text)).toMatchObject({ compact, valid: true });
  });

  it.each(['85.07.30-033.29', '17 07 30 033 85', '98.47.28-997.66', '12345678901'])('rejects %s (wrong check digits)', (text) => {
    expect(detect(beNiss, text)?.valid).toBe(false);
  });

  it('checks the month (BIS +20/+40 only) and the calendar date behind the check digits', () => {
    // Correct mod-97 check digits, impossible months/days:
    const withCheck = (nine: string) => nine + String(97 - (Number(nine) % 97)).padStart(2, '0');
    expect(nissValid(withCheck('851330033'))).toBe(false); // month 13
    expect(nissValid(withCheck('853330033'))).toBe(false); // month 33 (neither +20 nor +40)
    expect(nissValid(withCheck('850230033'))).toBe(false); // 30 February
    expect(nissValid(withCheck('852730033'))).toBe(true); // BIS +20: July
    expect(nissValid(withCheck('850000033'))).toBe(true); // birth date unknown
  });

  it('masks all but the birth date', () => {
    expect(detect(beNiss, '85.07.30-033.28')?.masked).toBe('85.07.30-***-**');
  });

  it('finds only the written form with separators in free text', () => {
    expect('Dossier 85.07.30-033.28 clos'.match(beNiss.inText!)).toEqual(['85.07.30-033.28']);
    expect('commande 85073003328'.match(beNiss.inText!)).toBeNull();
  });
});

describe('Dutch citizen service number (BSN)', () => {
  it.each(['111222333', '123456782', '1234.56.782', '123 456 782'])('accepts %s (11-proef)', (text) => {
    expect(detect(nlBsn, text)?.valid).toBe(true);
  });
  it.each(['111222334', '123456783', '123456789', '000000000'])('rejects %s', (text) => {
    expect(detect(nlBsn, text)?.valid).toBe(false);
  });
  it('pads 8 digits (a lost leading zero) and masks all but the last two digits', () => {
    expect(detect(nlBsn, '12345672')).toMatchObject({ compact: '012345672', valid: bsnValid('012345672'), masked: '*******72' });
  });
});

describe('French social security number (NIR)', () => {
  it.each([
    ['2 95 10 99 126 111 93', '295109912611193'],
    ['253072B07300470', '253072B07300470'], // Corsica: 2B read as 18
    ['253072A07300443', '253072A07300443'], // Corsica: 2A read as 19
  ])('accepts %s', (text, compact) => {
    expect(detect(frNir, text)).toMatchObject({ compact, valid: true });
  });
  it.each(['295109912611199', '253072B07300471', '253072A07300444'])('rejects %s (wrong key)', (text) => {
    expect(detect(frNir, text)?.valid).toBe(false);
  });
  it('does not take 2C for a department, and treats a number without key as shape only', () => {
    expect(detect(frNir, '253072C07300443')).toBeUndefined();
    expect(detect(frNir, '2951099126111')).toMatchObject({ valid: false, masked: '2 95 10 ** *** ***' });
    expect(nirValid('295109912611193')).toBe(true);
  });
});

describe('Luxembourg national identification number (matricule)', () => {
  it.each(['1983081246785', '2003042581939', '1971110258749', '2012051469331', '1994092874550', '198-308-124-6785'])(
    'accepts %s (Luhn digit 12 and Verhoeff digit 13 over the first 11)',
    (text) => {
      expect(detect(luMatricule, text)?.valid).toBe(true);
    },
  );
  it.each([
    '1983081246786', // Verhoeff digit off
    '1983081246795', // Luhn digit off
    '1994789587182', // impossible date
    '2000060500127', // Verhoeff computed over 12 digits (a different, wrong reading of the rule)
  ])('rejects %s', (text) => {
    expect(detect(luMatricule, text)?.valid).toBe(false);
  });
  it('computes the two check digits like the published tables', () => {
    expect(luhnCheckDigit('19830812467')).toBe(8);
    expect(verhoeffCheckDigit('19830812467')).toBe(5);
    expect(verhoeffCheckDigit('236')).toBe(3); // Verhoeff's own example
    expect(matriculeValid('1983081246785')).toBe(true);
  });
});

describe('IBAN', () => {
  it.each([
    ['BE68 5390 0754 7034', 'BE** **** **** **34'],
    ['NL91ABNA0417164300', 'NL** **** **** **** 00'],
    ['LU28 0019 4006 4475 0000', 'LU** **** **** **** **00'],
    ['FR14 2004 1010 0505 0001 3M02 606', 'FR** **** **** **** **** **** *06'],
    ['DE89 3704 0044 0532 0130 00', 'DE** **** **** **** **** 00'],
    ['IBAN BE68539007547034', 'BE** **** **** **34'],
  ])('accepts %s and masks it as %s', (text, masked) => {
    expect(detect(iban, text)).toMatchObject({ valid: true, masked });
  });
  it.each([
    'BE68 5390 0754 7035', // check digits off
    'BE69 5390 0754 7034',
    'BE68 5390 0754 70341', // wrong length for Belgium
    'XX68 5390 0754 7034', // unknown country
  ])('rejects %s', (text) => {
    expect(ibanValid(iban.shape(text, true) ?? '')).toBe(false);
  });
});

describe('payment card number', () => {
  it.each(['4111 1111 1111 1111', '5555555555554444', '2223 0031 2200 3222', '378282246310005', '6703 4444 4444 4449'])('accepts %s', (text) => {
    expect(detect(paymentCard, text)?.valid).toBe(true);
  });
  it.each(['4111 1111 1111 1112', '5555555555554445', '378282246310006'])('rejects %s (Luhn)', (text) => {
    expect(detect(paymentCard, text)?.valid).toBe(false);
  });
  it('needs a scheme prefix and length, and shows only the last four digits', () => {
    expect(detect(paymentCard, '970944097019187200')).toBeUndefined(); // a tweet id
    expect(cardValid('1111111111111111')).toBe(false);
    expect(detect(paymentCard, '4111 1111 1111 1111')?.masked).toBe('**** **** **** 1111');
  });
  it('takes 14 bare digits (a SIRET passes Luhn too) for a card only in a card column', () => {
    // 38047555800058: a SIRET of the SCDL subventions examples; prefix 38 and 14 digits are Diners Club's.
    expect(detect(paymentCard, '38047555800058', false)).toBeUndefined();
    expect(detect(paymentCard, '38047555800058', true)?.valid).toBe(true);
    expect(detect(paymentCard, '3804 755580 0058', false)?.valid).toBe(true);
  });
});

describe('e-mail address', () => {
  it('accepts addresses of people and masks them', () => {
    expect(detect(email, 'jan.peeters@telenet.be')).toEqual({ compact: 'jan.peeters@telenet.be', valid: true, masked: 'j***@***.be' });
    expect(detect(email, 'mailto:Marie.Dubois@example.fr')?.valid).toBe(true);
  });
  it('does not count role mailboxes or malformed addresses as personal', () => {
    for (const a of ['info@stad.brussels', 'opendata@gov.lu', 'open-data@lux.lu', 'secretariaat@gemeente.nl', 'no-reply@x.de']) {
      expect(detect(email, a)?.valid, a).toBe(false);
    }
    expect(detect(email, 'jan..peeters@telenet.be')?.valid).toBe(false);
    expect(detect(email, 'jan@localhost')).toBeUndefined();
  });
});

describe('phone number (libphonenumber, BE/NL/FR/LU/DE)', () => {
  it.each([
    ['0470 12 34 56', '+32 *******56'],
    ['+32 2 511 22 33', '+32 ******33'],
    ['06-12345678', '+31 *******78'],
    ['01 42 68 53 00', '+33 *******00'],
    ['+352 621 123 456', '+352 *******56'],
    ['+49 30 12345678', '+49 ********78'],
  ])('accepts %s', (text, masked) => {
    expect(detect(phone, text, false)).toMatchObject({ valid: true, masked });
  });
  it('rejects numbers outside the numbering plans', () => {
    expect(detect(phone, '+32 0000 00 00 00', false)?.valid).toBe(false);
    expect(detect(phone, '+33 9 99 99 99 99 99', false)?.valid).toBe(false);
  });
  it('takes a bare digit string for a phone number only in a phone column; never a date or a decimal', () => {
    expect(detect(phone, '0470123456', false)).toBeUndefined();
    expect(detect(phone, '0470123456', true)?.valid).toBe(true);
    expect(detect(phone, '01/02/2013', true)).toBeUndefined();
    expect(detect(phone, '0.12345678', true)).toBeUndefined();
  });
});

describe('IP address', () => {
  it('accepts IPv4 and IPv6 addresses and keeps only the network part', () => {
    expect(detect(ipAddress, '192.168.1.20')).toEqual({ compact: '192.168.1.20', valid: true, masked: '192.168.*.*' });
    expect(detect(ipAddress, '2001:db8::8a2e:370:7334')).toMatchObject({ valid: true, masked: '2001:db8:*' });
  });
  it('rejects impossible addresses and times', () => {
    expect(detect(ipAddress, '256.1.1.1')?.valid).toBe(false);
    expect(detect(ipAddress, '12:30:00')?.valid).toBe(false);
    expect(detect(ipAddress, '1.2.3')).toBeUndefined();
  });
});

describe('licence plate', () => {
  it('recognises distinctive formats anywhere and others only in a plate column', () => {
    expect(detect(licencePlate, '1-ABC-123', false)).toMatchObject({ valid: true, masked: '1-***-***' });
    expect(detect(licencePlate, 'AB-123-CD', false)?.valid).toBe(true);
    expect(detect(licencePlate, '12-ABC-3', false)).toBeUndefined();
    expect(detect(licencePlate, '12-ABC-3', true)?.valid).toBe(true);
  });
});

describe('coordinates', () => {
  it('reads points in one cell and their precision', () => {
    expect(parsePoint('50.846612, 4.352432')).toEqual({ lat: 50.846612, lon: 4.352432, decimals: 6 });
    expect(parsePoint('POINT (4.3524 50.8466)')).toEqual({ lat: 50.8466, lon: 4.3524, decimals: 4 });
    expect(parsePoint('{"lon": 151.2660, "lat": -27.1944}')).toEqual({ lat: -27.1944, lon: 151.266, decimals: 4 });
    expect(parsePoint('95.1, 4.3')).toBeUndefined();
    expect(decimalsOf('4,35')).toBe(2);
  });
});

describe('masks and value shapes', () => {
  it('never shows more than an initial, a year or two decimals', () => {
    expect(maskName('Jan Van den Berg')).toBe('J*** V*** d*** B***');
    expect(maskDate('1985-07-30')).toBe('1985-**-**');
    expect(maskDate('30/07/1985')).toBe('**/**/1985');
    expect(maskText('Rue de la Loi 16')).toBe('R** ** ** *** **');
    expect(maskCoordinate('50.846612, 4.352432')).toBe('50.84**, 4.35**');
  });
  it('tells names, full dates and street addresses from other values', () => {
    expect(['Jan', "d'Hondt", 'VAN DEN BERG', 'Zoé'].every(looksLikePersonName)).toBe(true);
    expect(['J', 'GO! basisschool', 'A1', ''].some(looksLikePersonName)).toBe(false);
    // Organisations (SCDL nomAttribuant/nomBeneficiaire): the first word, or a legal form at the end.
    expect(['Région Bretagne', 'Association Les Petits Débrouillards', 'Gemeente Utrecht', 'Voorbeeld BV', 'Ferme du Val SARL'].some(looksLikePersonName)).toBe(false);
    expect(['Maria de Sá', 'Jean Régis', 'Anne Ville'].every(looksLikePersonName)).toBe(true);
    expect(['1985-07-30', '30/07/1985', '30.07.85', '19850730', '1985-07-30T00:00:00'].every(looksLikeFullDate)).toBe(true);
    expect(['1985', '07/1985', '2013-13-01', 'hier'].some(looksLikeFullDate)).toBe(false);
    expect(['Rue de la Loi 16', '12 rue des Lilas', 'Kerkstraat 4 bus 2'].every(looksLikeStreetAddress)).toBe(true);
    expect(['Bruxelles', '1000'].some(looksLikeStreetAddress)).toBe(false);
  });
});
