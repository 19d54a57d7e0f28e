import { describe, it, expect } from 'vitest';
import { agentStated, isIsoDate, knownFrequency, present } from '../../src/knowledge/dcat-ap.js';

describe('isIsoDate', () => {
  it.each(['2024', '2024-03', '2024-03-15', '2024-03-15T08:00:00Z', '2024-03-15T08:00:00.123456', '2024-03-15 08:00:00', '2024-03-15T08:00+01:00', '2020-01-01/2020-12-31', 'R/P1D', 'P1Y2M'])(
    'accepts %s',
    (v) => expect(isIsoDate(v)).toBe(true),
  );
  it.each(['06/05/2009', '31.12.2023', 'yesterday', '2024-13-01', '2024-02-32', '15 March 2024', '20240315x', ''])('rejects %s', (v) =>
    expect(isIsoDate(v)).toBe(false),
  );
});

describe('knownFrequency', () => {
  // udata 12 (October 2025) added the rest of the EU table: notPlanned, severalTimesADay, quadrennial…
  it.each(['http://publications.europa.eu/resource/authority/frequency/ANNUAL', 'ANNUAL', 'annual', 'http://purl.org/cld/freq/weekly', 'R/P1Y', 'R/PT1H', 'irregular',
    'notPlanned', 'http://publications.europa.eu/resource/authority/frequency/NOT_PLANNED', 'severalTimesADay', 'QUADRENNIAL', '12HRS', 'fourTimesADay'])(
    'knows %s',
    (v) => expect(knownFrequency(v)).toBe(true),
  );
  it.each(['every now and then', 'OP_DATPRO', 'R/P', 'P1Y'])('does not know %s', (v) => expect(knownFrequency(v)).toBe(false));
});

describe('presence', () => {
  it('counts blank strings and lists of blanks as absent', () => {
    expect([present(''), present('  '), present([]), present(['', ' ']), present(undefined), present(null)]).toEqual([false, false, false, false, false, false]);
    expect([present('x'), present(['', 'x']), present(0)]).toEqual([true, true, true]);
    expect([agentStated(undefined), agentStated({}), agentStated({ name: ' ' }), agentStated({ email: 'a@example.org' })]).toEqual([false, false, false, true]);
  });
});
