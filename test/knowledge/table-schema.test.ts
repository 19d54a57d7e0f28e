import { describe, it, expect } from 'vitest';
import { brokenConstraint, castCell, fieldColumns } from '../../src/knowledge/table-schema.js';
import type { TableSchemaField } from '../../src/model/index.js';

const ok = (field: Partial<TableSchemaField>, value: string) => castCell({ name: 'x', ...field }, value).ok;

describe('castCell (Frictionless types)', () => {
  it('integers and numbers, with decimal and group characters and bare numbers', () => {
    expect([ok({ type: 'integer' }, '-12'), ok({ type: 'integer' }, '1.5'), ok({ type: 'integer' }, '2O23')]).toEqual([true, false, false]);
    expect([ok({ type: 'number' }, '1.5e3'), ok({ type: 'number' }, 'NaN'), ok({ type: 'number' }, '1,5')]).toEqual([true, true, false]);
    expect(ok({ type: 'number', decimalChar: ',', groupChar: ' ' }, '1 234,5')).toBe(true);
    expect(ok({ type: 'number', bareNumber: false }, '12.5 %')).toBe(true);
  });
  it('booleans with custom true/false values', () => {
    expect([ok({ type: 'boolean' }, 'TRUE'), ok({ type: 'boolean' }, 'yes'), ok({ type: 'boolean', trueValues: ['yes'] }, 'yes')]).toEqual([true, false, true]);
  });
  it('dates: ISO by default, a strptime pattern, or any', () => {
    expect([ok({ type: 'date' }, '2023-02-28'), ok({ type: 'date' }, '28/02/2023')]).toEqual([true, false]);
    expect(ok({ type: 'date', format: '%d/%m/%Y' }, '28/02/2023')).toBe(true);
    expect(ok({ type: 'date', format: 'any' }, '28/02/2023')).toBe(true);
    expect([ok({ type: 'datetime' }, '2023-02-28T10:00:00Z'), ok({ type: 'year' }, '2023'), ok({ type: 'yearmonth' }, '2023-13')]).toEqual([true, true, false]);
    expect([ok({ type: 'duration' }, 'P1Y2M'), ok({ type: 'time' }, '25:00:00')]).toEqual([true, false]);
  });
  it('strings with formats, geopoints, JSON objects and arrays; unknown types accept anything', () => {
    expect([ok({ type: 'string', format: 'email' }, 'a@b.be'), ok({ type: 'string', format: 'email' }, 'ab.be')]).toEqual([true, false]);
    expect([ok({ type: 'geopoint' }, '4.35, 50.85'), ok({ type: 'geopoint' }, '150000, 170000')]).toEqual([true, false]);
    expect([ok({ type: 'object' }, '{"a":1}'), ok({ type: 'array' }, '{"a":1}')]).toEqual([true, false]);
    expect(ok({ type: 'mystery' }, 'anything')).toBe(true);
  });
});

describe('brokenConstraint', () => {
  const f = (type: string, constraints: Record<string, unknown>): TableSchemaField => ({ name: 'x', type, constraints });
  it('checks ranges on typed values, lengths, patterns and enums', () => {
    expect(brokenConstraint(f('integer', { minimum: 0 }), '-1', -1)).toBe('minimum');
    expect(brokenConstraint(f('integer', { maximum: '100' }), '101', 101)).toBe('maximum');
    expect(brokenConstraint(f('date', { minimum: '2020-01-01' }), '2019-12-31', '2019-12-31')).toBe('minimum');
    expect(brokenConstraint(f('string', { maxLength: 3 }), 'abcd', 'abcd')).toBe('maxLength');
    expect(brokenConstraint(f('string', { pattern: '[0-9]{4}' }), '1000', '1000')).toBeUndefined();
    expect(brokenConstraint(f('string', { pattern: '[0-9]{4}' }), '10000', '10000')).toBe('pattern');
    expect(brokenConstraint(f('integer', { enum: [1, 2] }), '3', 3)).toBe('enum');
    expect(brokenConstraint(f('string', { pattern: '(' }), 'x', 'x')).toBeUndefined(); // invalid pattern: not a data error
  });
});

describe('fieldColumns', () => {
  it('matches fields by name, else by position, never stealing a named column', () => {
    const schema = { fields: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] };
    expect(fieldColumns(schema, ['b', 'a', 'z'])).toEqual([1, 0, 2]);
    expect(fieldColumns(schema, ['a', 'c'])).toEqual([0, undefined, 1]);
    expect(fieldColumns(schema, [])).toEqual([0, 1, 2]);
  });
});
