import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDin } from './din';
import { MOD37_CHARSET, mod37_2 } from './mod37';
import { checkCoi, checkProductCode } from './productCode';

/** Weighted form from the Red Book: S = Σ v·2^n (n from the right, starting at 1); (38 − S mod 37) mod 37. */
function weighted(din: string): number {
  let s = 0n;
  [...din].forEach((c, i) => {
    s += BigInt(MOD37_CHARSET.indexOf(c)) * 2n ** BigInt(din.length - i);
  });
  return Number((38n - (s % 37n)) % 37n);
}

describe('ISO/IEC 7064 MOD 37-2', () => {
  it('Red Book worked example: G123498654321 -> H, flag 77', () => {
    expect(mod37_2('G123498654321')).toBe(17);
    expect(weighted('G123498654321')).toBe(17);
    const s = [...'G123498654321'].reduce((acc, c, i) => acc + MOD37_CHARSET.indexOf(c) * 2 ** (13 - i), 0);
    expect(s).toBe(148_354);
    expect(s % 37).toBe(21);
    const r = checkDin({ din: 'G123498654321' });
    expect(r).toMatchObject({
      valid: true,
      checkCharacter: 'H',
      checkFlag: '77',
      fin: 'G1234',
      year: '98',
      sequence: '654321',
    });
  });
  it.each([
    ['A999921123456', '3', '63'],
    ['A999921123457', '1', '61'],
    ['W000012345678', 'Y', '94'],
  ])('%s -> %s, flag %s', (din, k, flag) => {
    expect(checkDin({ din })).toMatchObject({ valid: true, checkCharacter: k, checkFlag: flag });
  });
  it('iterative form equals the weighted form', () => {
    const ch = fc.constantFrom(...MOD37_CHARSET.slice(0, 36));
    fc.assert(
      fc.property(fc.array(ch, { minLength: 13, maxLength: 13 }), (a) => mod37_2(a.join('')) === weighted(a.join('')))
    );
  });
  it('detects every single-character substitution', () => {
    const base = 'A999921123456';
    const k = mod37_2(base);
    for (let i = 0; i < base.length; i++) {
      for (const c of '0123456789') {
        if (c === base[i]) continue;
        expect(mod37_2(base.slice(0, i) + c + base.slice(i + 1))).not.toBe(k);
      }
    }
  });
});

describe('DIN structure', () => {
  it('accepts eye-readable, keyboard-check and bar-code forms', () => {
    expect(checkDin({ din: 'A9999 21 123456' }).valid).toBe(true);
    expect(checkDin({ din: 'A999921123456 3' }).valid).toBe(true);
    expect(checkDin({ din: 'A9999211234564' })).toMatchObject({ valid: false, checkCharacter: '3' });
    expect(checkDin({ din: '=A99992112345600' }).valid).toBe(true);
    expect(checkDin({ din: '=A99992112345663' }).valid).toBe(true);
    expect(checkDin({ din: '=A99992112345664' }).valid).toBe(false);
  });
  it.each([
    ['O999921123456', 'letter O not allowed first'],
    ['0999921123456', 'digit 0 not allowed first'],
    ['A99A921123456', 'last 2 FIN characters are numeric'],
    ['A9999211234567', 'wrong length with bad check'],
    ['A99992112345', 'too short'],
    ['a999921123456', 'lower case'],
    ['A9999211234X6', 'sequence is numeric'],
  ])('rejects %s (%s)', (din) => {
    expect(checkDin({ din }).valid).toBe(false);
  });
  it('returns null check character when it cannot be computed', () => {
    expect(checkDin({ din: 'abc' }).checkCharacter).toBeNull();
  });
});

describe('product code and CoI', () => {
  it('ST-001 Figure 3 sample S1295 4 A0', () => {
    expect(checkProductCode({ productCode: 'S1295 4 A0' })).toMatchObject({
      valid: true,
      productDescriptionCode: 'S1295',
      family: 'cellular therapy',
      collectionType: '4',
      collectionTypeMeaning: 'designated',
      division: 'A0',
    });
    expect(checkProductCode({ productCode: '=<E0398V00' }).valid).toBe(true);
    expect(checkProductCode({ productCode: 'S1295VAb' }).division).toBe('Ab');
    expect(checkProductCode({ productCode: 'T1234000' })).toMatchObject({
      valid: true,
      division: '000',
      collectionType: null,
    });
  });
  it.each(['S1295 4 a0', 'S12954A', 'Z12954A0', 'S1295?A0', 'T12340A0', 'S12954AB'])('rejects %s', (productCode) => {
    expect(checkProductCode({ productCode }).valid).toBe(false);
  });
  it('CoI identifier structure', () => {
    expect(checkCoi({ coi: 'CHA999923AB12C4' })).toMatchObject({
      valid: true,
      fin: 'A9999',
      year: '23',
      sequence: 'AB12C4',
    });
    expect(checkCoi({ coi: '&/CHA999923000001' }).valid).toBe(true);
    expect(checkCoi({ coi: 'CXA999923AB12C4' }).valid).toBe(false);
    expect(checkCoi({ coi: 'CHA999923AB12C' }).valid).toBe(false);
    expect(checkCoi({ coi: 'CHA99992Xab12c4' }).valid).toBe(false);
  });
});
