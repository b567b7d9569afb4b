// Monotonicity properties across rules: a worse input never gives a better result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradeIcans, type IcansInput } from './cart/icans';
import { chimerismCategory } from './engraftment/graftFailure';
import { fev1Score, skinBsaScore } from './gvhd/chronic';
import { stageLiver, stageSkin } from './gvhd/acute';
import { computeEbmtScore, type EbmtInput } from './scores/ebmt';
import { checkDin } from './isbt128/din';

const pair = (arb: fc.Arbitrary<number>): fc.Arbitrary<[number, number]> =>
  fc.tuple(arb, arb).map(([a, b]) => (a <= b ? [a, b] : [b, a]));

describe('monotone rules', () => {
  it('ICANS in children: a higher CAPD never lowers the grade', () => {
    const child: IcansInput = {
      ageYears: 6,
      ice: null,
      capd: 0,
      consciousness: 'normal',
      seizure: 'none',
      motor: 'none',
      cerebralEdema: 'none',
    };
    fc.assert(
      fc.property(
        pair(fc.integer({ min: 0, max: 32 })),
        ([lo, hi]) => gradeIcans({ ...child, capd: lo }).grade <= gradeIcans({ ...child, capd: hi }).grade
      )
    );
  });
  it('MAGIC skin and liver stages rise with BSA and bilirubin', () => {
    fc.assert(
      fc.property(
        pair(fc.double({ min: 0, max: 100, noNaN: true })),
        fc.boolean(),
        ([lo, hi], b) => stageSkin(lo, b)[0] <= stageSkin(hi, b)[0]
      )
    );
    fc.assert(
      fc.property(
        pair(fc.double({ min: 0, max: 40, noNaN: true })),
        ([lo, hi]) => stageLiver(lo)[0] <= stageLiver(hi)[0]
      )
    );
  });
  it('NIH lung score rises as FEV1 falls; skin score rises with BSA', () => {
    fc.assert(
      fc.property(pair(fc.double({ min: 0, max: 150, noNaN: true })), ([lo, hi]) => fev1Score(hi) <= fev1Score(lo))
    );
    fc.assert(
      fc.property(
        pair(fc.double({ min: 0, max: 100, noNaN: true })),
        ([lo, hi]) => skinBsaScore(lo) <= skinBsaScore(hi)
      )
    );
  });
  it('chimerism category never improves as % donor falls (both schemes)', () => {
    const order = ['loss-of-graft', 'mixed', 'full-donor'];
    for (const scheme of ['astct-2021', 'cibmtr-80'] as const) {
      fc.assert(
        fc.property(pair(fc.double({ min: 0, max: 100, noNaN: true })), ([lo, hi]) => {
          const a = order.indexOf(chimerismCategory({ donorPercent: lo }, { scheme }).category);
          const b = order.indexOf(chimerismCategory({ donorPercent: hi }, { scheme }).category);
          return a <= b;
        })
      );
    }
  });
  it('EBMT score never falls with age or time from diagnosis', () => {
    const base: EbmtInput = {
      transplantType: 'allogeneic',
      ageYears: 30,
      diseaseStage: 'intermediate',
      firstCompleteRemission: false,
      monthsFromDiagnosis: 6,
      donorType: 'unrelated',
      donorSex: 'female',
      recipientSex: 'male',
    };
    fc.assert(
      fc.property(
        pair(fc.double({ min: 0, max: 90, noNaN: true })),
        pair(fc.double({ min: 0, max: 240, noNaN: true })),
        ([a1, a2], [m1, m2]) => {
          const lo = computeEbmtScore({ ...base, ageYears: a1, monthsFromDiagnosis: m1 }).score;
          const hi = computeEbmtScore({ ...base, ageYears: a2, monthsFromDiagnosis: m2 }).score;
          return lo <= hi;
        }
      )
    );
  });
  it('DIN check character round-trips: DIN + its K is valid, any other K is not', () => {
    const digits = fc.array(fc.constantFrom(...'0123456789'), { minLength: 12, maxLength: 12 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ123456789'), digits, (first, rest) => {
        const din = first + rest;
        const k = checkDin({ din }).checkCharacter!;
        expect(checkDin({ din: din + k }).valid).toBe(true);
        const other = k === '0' ? '1' : '0';
        expect(checkDin({ din: din + other }).valid).toBe(false);
      })
    );
  });
});
