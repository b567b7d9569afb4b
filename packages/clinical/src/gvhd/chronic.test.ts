import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cgvhdGlobalSeverity,
  cgvhdLiverScore,
  cgvhdLungScore,
  cgvhdSkinScore,
  CgvhdSeveritySchema,
  fev1Score,
  skinBsaScore,
  type CgvhdInput,
} from './chronic';

const zero: CgvhdInput = { skin: 0, mouth: 0, eyes: 0, gi: 0, liver: 0, lungs: 0, joints: 0, genital: 0 };
const sev = (over: Partial<CgvhdInput>): string => cgvhdGlobalSeverity({ ...zero, ...over }).severity;

describe('NIH 2014 global severity', () => {
  it.each([
    [{}, 'none'],
    [{ genital: null }, 'none'],
    [{ skin: 1 }, 'mild'],
    [{ skin: 1, mouth: 1 }, 'mild'],
    [{ skin: 1, mouth: 1, eyes: 1 }, 'moderate'],
    [{ skin: 2 }, 'moderate'],
    [{ genital: 2 }, 'moderate'],
    [{ lungs: 1 }, 'moderate'],
    [{ lungs: 2 }, 'severe'],
    [{ lungs: 3 }, 'severe'],
    [{ joints: 3 }, 'severe'],
    [{ skin: 1, mouth: 1, eyes: 1, gi: 1, liver: 1, joints: 1, genital: 1 }, 'moderate'],
  ] as [Partial<CgvhdInput>, string][])('%o -> %s', (over, s) => {
    expect(sev(over)).toBe(s);
  });
  it('explains', () => {
    expect(cgvhdGlobalSeverity({ ...zero, skin: 2, lungs: 1 }).explanation).toBe(
      'moderate: lung score 1; score 2 in skin'
    );
    expect(cgvhdGlobalSeverity({ ...zero, eyes: 3 }).explanation).toBe('severe: score 3 in eyes');
  });
  it('is monotone', () => {
    const order = CgvhdSeveritySchema.options;
    const sc = fc.integer({ min: 0, max: 3 });
    const arb = fc.tuple(sc, sc, sc, sc, sc, sc, sc, sc);
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        const mk = (f: (x: number, y: number) => number): CgvhdInput => {
          const v = a.map((x, i) => f(x, b[i]!));
          return {
            skin: v[0]!,
            mouth: v[1]!,
            eyes: v[2]!,
            gi: v[3]!,
            liver: v[4]!,
            lungs: v[5]!,
            joints: v[6]!,
            genital: v[7]!,
          };
        };
        const lo = order.indexOf(cgvhdGlobalSeverity(mk(Math.min)).severity);
        const hi = order.indexOf(cgvhdGlobalSeverity(mk(Math.max)).severity);
        return lo <= hi;
      })
    );
  });
});

describe('NIH 2014 organ scores', () => {
  it.each([
    [80, 0],
    [79.9, 1],
    [60, 1],
    [59.9, 2],
    [40, 2],
    [39.9, 3],
    [39, 3],
  ])('FEV1 %f%% -> lung %i', (f, s) => {
    expect(fev1Score(f)).toBe(s);
  });
  it('lung uses FEV1 over symptoms when available', () => {
    expect(cgvhdLungScore({ fev1PercentPredicted: 55, symptomScore: 1 })).toMatchObject({ score: 2, basis: 'fev1' });
    expect(cgvhdLungScore({ fev1PercentPredicted: null, symptomScore: 1 })).toMatchObject({
      score: 1,
      basis: 'symptoms',
    });
    expect(cgvhdLungScore({ fev1PercentPredicted: null, symptomScore: null })).toMatchObject({
      score: null,
      basis: 'none',
    });
  });
  it.each([
    [0, 0],
    [1, 1],
    [18, 1],
    [19, 2],
    [50, 2],
    [51, 3],
  ])('skin %i%% BSA -> %i', (b, s) => expect(skinBsaScore(b)).toBe(s));
  it('skin takes the higher of BSA and sclerosis', () => {
    expect(cgvhdSkinScore({ bsaPercent: 10, sclerosis: 'superficial' }).score).toBe(2);
    expect(cgvhdSkinScore({ bsaPercent: 60, sclerosis: 'superficial' }).score).toBe(3);
    expect(cgvhdSkinScore({ bsaPercent: 0, sclerosis: 'deep' }).score).toBe(3);
  });
  it('liver score', () => {
    const l = { bilirubinMgDl: 0.8, bilirubinUlnMgDl: 1.2, altXUln: 1, alpXUln: 1 };
    expect(cgvhdLiverScore(l).score).toBe(0);
    expect(cgvhdLiverScore({ ...l, altXUln: 3 }).score).toBe(1);
    expect(cgvhdLiverScore({ ...l, alpXUln: 3 }).score).toBe(1);
    expect(cgvhdLiverScore({ ...l, altXUln: 5 }).score).toBe(1);
    expect(cgvhdLiverScore({ ...l, altXUln: 5.1 }).score).toBe(2);
    expect(cgvhdLiverScore({ ...l, bilirubinMgDl: 1.3 }).score).toBe(2);
    expect(cgvhdLiverScore({ ...l, bilirubinMgDl: 3 }).score).toBe(2);
    expect(cgvhdLiverScore({ ...l, bilirubinMgDl: 3.1 }).score).toBe(3);
  });
});

describe('NIH global severity: an organ not examined is not an organ without GVHD (issue 13)', () => {
  it('says the severity may be higher when the genital tract was not examined', () => {
    const r = cgvhdGlobalSeverity({ ...zero, skin: 1, genital: null });
    expect(r.severity).toBe('mild');
    expect(r.explanation).toBe(
      'mild: 1 organ(s) involved (skin), none above 1; genital tract not examined: the severity may be higher'
    );
    expect(cgvhdGlobalSeverity({ ...zero, skin: 1 }).explanation).not.toMatch(/not examined/);
  });
});
