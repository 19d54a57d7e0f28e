import { describe, it, expect } from 'vitest';
import { userPattern } from '../../src/knowledge/user-pattern.js';
import { castCell } from '../../src/knowledge/table-schema.js';
import { normaliseLicence } from '../../src/knowledge/licences.js';
import { maskPersonalData } from '../../src/knowledge/personal-data/mask-text.js';
import { email } from '../../src/knowledge/personal-data/contact.js';
import { schemeById, categoryIn } from '../../src/knowledge/gender/schemes.js';

// Issue 18: regular expressions that backtracked for minutes on hostile values. Each input below
// took from seconds to hours before; the tests check the answers (vitest's timeout catches a hang).
const SPACES = ' '.repeat(200 * 1024);

describe('user regular expressions run by RE2', () => {
  it('"(a+)+" on 31 "a"s and a "!" does not match, at once; anchored to the whole value', () => {
    const re = userPattern('(a+)+');
    expect(re.ok && [re.matches(`${'a'.repeat(31)}!`), re.matches('aaa'), re.matches('baaa')]).toEqual([false, true, false]);
  });

  it('a pattern RE2 cannot run in linear time is refused with the reason', () => {
    expect(userPattern('(a)\\1')).toEqual({ ok: false, reason: 'invalid escape sequence: `\\1`' });
    expect(userPattern('(?=a)a')).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid or unsupported Perl syntax/) });
    expect(userPattern('[0-9]{5}').ok).toBe(true);
  });

  it('date formats from a schema are RE2 too: `%d` × 24 on 40 digits and an "x"', () => {
    expect(castCell({ name: 'd', type: 'date', format: '%d'.repeat(24) }, `${'1'.repeat(40)}x`).ok).toBe(false);
    expect(castCell({ name: 'd', type: 'date', format: '%d/%m/%Y' }, '04/12/2026').ok).toBe(true);
    // `%z` is one alternative inside the format, not the whole pattern's: a lone "Z" is no datetime.
    expect(castCell({ name: 'd', type: 'datetime', format: '%Y-%m-%dT%H:%M%z' }, '2026-12-04T10:30Z').ok).toBe(true);
    expect(castCell({ name: 'd', type: 'datetime', format: '%Y-%m-%dT%H:%M%z' }, 'Z').ok).toBe(false);
  });
});

describe('built-in regular expressions on untrusted text stay linear', () => {
  it('sex codes: a bilingual label is split on its separator, a cell of spaces is no label', () => {
    const fr = schemeById('text-fr')!;
    expect(categoryIn(fr, `F${SPACES}x`)).toBeUndefined();
    expect(categoryIn(fr, `Femmes${SPACES}/ Vrouwen`)).toBe('female');
  });

  it('licences: a value of spaces before a parenthesis; the parenthesised acronym still names the licence', () => {
    expect(normaliseLicence({ raw: `${SPACES}(x` }).openness).toBe('unknown');
    expect(normaliseLicence({ raw: 'Open Database License (ODbL)' }).entry?.id).toBe('ODbL-1.0');
  });

  it('e-mail addresses in text: a long run of letters before an "@"', () => {
    expect(`${'a'.repeat(200 * 1024)}@`.match(email.inText!)).toBeNull();
    expect('write to jan.peeters@example.be today'.match(email.inText!)).toEqual(['jan.peeters@example.be']);
  });

  it('masking: a number run with 200 KiB of spaces inside', () => {
    expect(maskPersonalData(`1${SPACES}1`)).toBe(`1${SPACES}1`);
    expect(maskPersonalData('call 0470 12 34 56')).not.toContain('0470 12 34 56');
  });
});
