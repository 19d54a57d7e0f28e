/** The row-constraint formula evaluator: Python semantics on the subset frictionless formulas use, and nothing that runs code. */
import { describe, it, expect } from 'vitest';
import { parseFormula, FormulaError, type FormulaValue } from '../../src/knowledge/row-formula.js';

const run = (formula: string, row: Record<string, FormulaValue> = {}) => parseFormula(formula).test((n) => (Object.hasOwn(row, n) ? row[n] : undefined));

describe('row formulas', () => {
  it('compares and computes like Python', () => {
    expect(run('salary == bonus * 5', { salary: 1000, bonus: 200 })).toBe(true);
    expect(run('salary == bonus * 5', { salary: 1300, bonus: 500 })).toBe(false);
    expect(run('1 < x <= 3', { x: 3 })).toBe(true);
    expect(run('1 < x <= 3', { x: 1 })).toBe(false);
    expect(run('7 // 2 == 3 and -7 // 2 == -4 and -7 % 3 == 2 and 2 ** 3 ** 2 == 512 and -2 ** 2 == -4')).toBe(true);
    expect(run('7 / 2 == 3.5 and 1 == 1.0 and True == 1 and "1" != 1')).toBe(true);
    expect(run("val in ['one', 'two'] and 'ne' in val and val not in ('x',)", { val: 'one' })).toBe(true);
    expect(run('x is None and not x', { x: null })).toBe(true);
    expect(run("(a or 'default') == 'default'", { a: '' })).toBe(true);
    expect(run("'big' if n > 10 else 'small'", { n: 11 })).toBe(true);
    expect(run("int('42') + float('0.5') == 42.5 and str(3) == '3' and len('née') == 3 and abs(-2) == 2")).toBe(true);
    expect(run('min(3, 1, 2) == 1 and max([3, 1, 2]) == 3 and round(2.5) == 2 and round(3.5) == 4 and round(1.234, 2) == 1.23')).toBe(true);
    expect(run("end >= start", { start: '2024-01-01', end: '2024-02-01' })).toBe(true);
  });

  it('raises a FormulaError where Python raises', () => {
    expect(() => run('x * 5 == 1', { x: null })).toThrow("unsupported operand type(s) for *: 'NoneType' and 'int'");
    expect(() => run('x < 5', { x: 'a' })).toThrow("'<' not supported between instances of 'str' and 'int'");
    expect(() => run('1 / 0')).toThrow('division by zero');
    expect(() => run('missing > 0')).toThrow('name "missing" is not defined');
    expect(() => run("'a' * 10 ** 9")).toThrow(FormulaError);
  });

  it('has no way to reach the host: attributes, subscripts on objects, unknown functions and statements are syntax errors', () => {
    for (const formula of ['x.constructor', "x['constructor']", 'constructor()', '__import__("os")', 'eval("1")', 'vars()', 'lambda: 1', 'a = 1', '[c for c in x]', 'x; y', '`x`', 'toString()', 'hasOwnProperty("a")']) {
      expect(() => parseFormula(formula), formula).toThrow(FormulaError);
    }
  });

  it('lists the names a formula reads, and refuses formulas nested too deeply or too long', () => {
    expect(parseFormula('a + b * a > c').names).toEqual(['a', 'b', 'c']);
    expect(() => parseFormula('('.repeat(500) + '1' + ')'.repeat(500))).toThrow('nested too deeply');
    expect(() => parseFormula('1 + '.repeat(5000) + '1')).toThrow('longer than');
  });
});
