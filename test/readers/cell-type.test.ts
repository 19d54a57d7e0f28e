import { describe, it, expect } from 'vitest';
import { classifyCell, dateShape, isUnsafeInteger, ISO_DATETIME, resolveDatePattern, TYPE_NAMES } from '../../src/readers/cell-type.js';

const type = (s: string) => TYPE_NAMES[classifyCell(s)];

describe('classifyCell', () => {
  it.each([
    ['42', 'integer'],
    ['-7', 'integer'],
    ['007', 'integer'],
    ['3.14', 'number'],
    ['.5', 'number'],
    ['-1e-3', 'number'],
    ['6.02E23', 'number'],
    ['3,5', 'decimal-comma'],
    ['1 234', 'grouped-number'],
    ['1.234.567', 'grouped-number'],
    ['1,234.50', 'grouped-number'],
    ['1.234,5', 'grouped-number'],
    ['true', 'boolean'],
    ['FALSE', 'boolean'],
    ['2023-01-31', 'date'],
    ['2023-01', 'date'],
    ['2023-01-31T10:15:00Z', 'datetime'],
    ['2023-01-31 10:15:00+01:00', 'datetime'],
    ['31/12/2020', 'date-other'],
    ['12.31.20', 'text'], // 2-digit year with dots: a version number as likely as a date
    ['1.5.2020', 'date-other'],
    ['2020/12/31', 'date-other'],
    ['NA', 'null'],
    ['n.d.', 'null'],
    ['-', 'null'],
    ['2023-13-01', 'text'],
    ['1,5 km', 'text'],
    ['+32 2 123 45 67', 'text'],
    ['B-1000', 'text'],
    ['Ixelles', 'text'],
  ])('%s is %s', (value, expected) => {
    expect(type(value)).toBe(expected);
  });
});

describe('non-ISO dates', () => {
  it('tells day/month order when a value shows it', () => {
    expect(dateShape('31/12/2020')).toEqual({ shape: 'NN/NN/YYYY', firstOver12: true, secondOver12: false });
    expect(resolveDatePattern('NN/NN/YYYY', true, false)).toBe('DD/MM/YYYY');
    expect(resolveDatePattern('NN/NN/YYYY', false, true)).toBe('MM/DD/YYYY');
    expect(resolveDatePattern('NN.NN.YYYY hh:mm', false, false)).toBe('NN.NN.YYYY hh:mm');
    expect(dateShape('13/13/2020')).toBeUndefined();
  });
});

describe('isUnsafeInteger', () => {
  it('compares with 2^53 - 1 = 9007199254740991', () => {
    expect(isUnsafeInteger('9007199254740991')).toBe(false);
    expect(isUnsafeInteger('9007199254740992')).toBe(true);
    expect(isUnsafeInteger('-969925573829259264')).toBe(true);
    expect(isUnsafeInteger('0000000000000000012')).toBe(false);
  });
});

describe('ISO date-times, read by char codes', () => {
  it('are exactly what the ISO_DATETIME pattern matches, for every mix of separator, time and zone', () => {
    const seps = ['T', ' ', 't', 'x', '', 'TT'];
    const times = ['12:15', '1:15', '12:1', '12:15:00', '12:15:0', '12:15:00.5', '12:15:00.', '12:15:00.123456', '12:15.5', '12:15:00:00', '12-15', '', '12:15:00.5.5', 'ab:cd'];
    const zones = ['', 'Z', 'z', 'ZZ', '+01', '-0530', '+05:30', '+05:3', '+5', '+01:', 'Z1', '+0100Z', ' ', '+01:00:00', '-01:0', '+0', '+123'];
    let datetimes = 0;
    for (const sep of seps) {
      for (const time of times) {
        for (const zone of zones) {
          const s = `2023-01-31${sep}${time}${zone}`;
          const expected = ISO_DATETIME.test(s);
          if (expected) datetimes++;
          expect(type(s) === 'datetime', s).toBe(expected);
        }
      }
    }
    expect(datetimes).toBeGreaterThan(30); // both ways: many match, many do not
  });
});
