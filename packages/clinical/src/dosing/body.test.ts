import { describe, expect, it } from 'vitest';
import {
  adjustedBodyWeight,
  BsaInputSchema,
  bsaHaycock,
  computeBodyWeights,
  computeBsa,
  DEVINE_MIN_HEIGHT_CM,
  idealBodyWeightDevine,
  selectDosingWeight,
} from './body';

describe('BSA', () => {
  it('reference vectors: 170 cm 70 kg; man 177.8 cm 110 kg', () => {
    expect(computeBsa({ heightCm: 170, weightKg: 70, formula: 'mosteller' }).bsaM2).toBeCloseTo(1.818, 3);
    expect(computeBsa({ heightCm: 170, weightKg: 70, formula: 'dubois' }).bsaM2).toBeCloseTo(1.81, 3);
    expect(computeBsa({ heightCm: 177.8, weightKg: 110, formula: 'mosteller' }).bsaM2).toBeCloseTo(2.331, 3);
    expect(computeBsa({ heightCm: 177.8, weightKg: 110, formula: 'dubois' }).bsaM2).toBeCloseTo(2.265, 3);
    expect(computeBsa({ heightCm: 170, weightKg: 70, formula: 'mosteller' }).explanation).toBe(
      'BSA 1.818 m² (mosteller, 170 cm, 70 kg)'
    );
  });
  it('Haycock', () => {
    expect(bsaHaycock(100, 16)).toBeCloseTo(0.024265 * 16 ** 0.5378 * 100 ** 0.3964, 10);
  });
  it('rejects non-positive sizes and unknown formulas', () => {
    expect(BsaInputSchema.safeParse({ heightCm: 0, weightKg: 70, formula: 'mosteller' }).success).toBe(false);
    expect(BsaInputSchema.safeParse({ heightCm: 170, weightKg: 70, formula: 'boyd' }).success).toBe(false);
  });
});

describe('dosing weights', () => {
  it('reference vectors: man 177.8 cm 110 kg; woman 165 cm', () => {
    const r = computeBodyWeights({ heightCm: 177.8, weightKg: 110, sex: 'male' });
    expect(r.ibwKg).toBeCloseTo(73.0, 6);
    expect(r.adjbw40Kg).toBeCloseTo(87.8, 6);
    expect(r.adjbw25Kg).toBeCloseTo(82.25, 6);
    expect(r.lesserOfIbwAbwKg).toBeCloseTo(73.0, 6);
    expect(r.bmi).toBeCloseTo(34.8, 1);
    expect(computeBodyWeights({ heightCm: 165, weightKg: 60, sex: 'female' }).ibwKg).toBeCloseTo(56.9, 1);
    expect(selectDosingWeight(r, 'abw')).toBe(110);
    expect(selectDosingWeight(r, 'adjbw25')).toBeCloseTo(82.25, 6);
    expect(selectDosingWeight(r, 'adjbw40')).toBeCloseTo(87.8, 6);
    expect(selectDosingWeight(r, 'ibw')).toBeCloseTo(73, 6);
    expect(selectDosingWeight(r, 'lesser-of-ibw-abw')).toBeCloseTo(73, 6);
  });
  it('warns when ABW < IBW', () => {
    expect(computeBodyWeights({ heightCm: 160, weightKg: 40, sex: 'female' }).warnings).toEqual([
      'actual weight is below IBW: adjusted weights are below IBW',
    ]);
    expect(computeBodyWeights({ heightCm: 152.4, weightKg: 60, sex: 'female' }).warnings).toHaveLength(0);
  });
});

describe('Devine IBW outside its domain (H-DOSE-1)', () => {
  it('is defined from exactly 152.4 cm (60 in): 50 kg for a man, 45.5 kg for a woman', () => {
    expect(DEVINE_MIN_HEIGHT_CM).toBeCloseTo(152.4, 10);
    expect(idealBodyWeightDevine(152.4, 'male')).toBeCloseTo(50, 9);
    expect(idealBodyWeightDevine(152.4, 'female')).toBeCloseTo(45.5, 9);
    const r = computeBodyWeights({ heightCm: 152.4, weightKg: 50, sex: 'male' });
    expect(r.ibwKg).toBeCloseTo(50, 9);
    expect(r.ibwNotApplicable).toBeNull();
  });
  it('refuses at 152.3 cm: no IBW and no weight built on it', () => {
    expect(() => idealBodyWeightDevine(152.3, 'male')).toThrow(/not defined below 152.4 cm/);
    const r = computeBodyWeights({ heightCm: 152.3, weightKg: 45, sex: 'male' });
    expect(r).toMatchObject({
      actualKg: 45,
      ibwKg: null,
      adjbw25Kg: null,
      adjbw40Kg: null,
      lesserOfIbwAbwKg: null,
      percentOfIbw: null,
    });
    expect(r.ibwNotApplicable).toMatch(/152.3 cm/);
    expect(selectDosingWeight(r, 'abw')).toBe(45);
    for (const b of ['ibw', 'adjbw25', 'adjbw40', 'lesser-of-ibw-abw'] as const) {
      expect(selectDosingWeight(r, b)).toBeNull();
    }
  });
  it('the 100 cm / 16 kg boy and the 79 cm / 12.7 kg 2-year-old get no IBW (was −1.9 kg and −21 kg)', () => {
    const boy = computeBodyWeights({ heightCm: 100, weightKg: 16, sex: 'male' });
    expect(boy.ibwKg).toBeNull();
    expect(boy.explanation).toMatch(/IBW not applicable/);
    expect(boy.bmi).toBeCloseTo(16, 9);
    const toddler = computeBodyWeights({ heightCm: 79, weightKg: 12.7, sex: 'female' });
    expect(toddler.ibwKg).toBeNull();
    expect(toddler.adjbw40Kg).toBeNull();
  });
  it('never returns a non-positive or non-finite size', () => {
    expect(() => adjustedBodyWeight(-1.9, 16, 0.4)).toThrow(RangeError);
    expect(() => computeBsa({ heightCm: Number.NaN, weightKg: 70, formula: 'mosteller' })).toThrow(RangeError);
    expect(() => computeBsa({ heightCm: 170, weightKg: -70, formula: 'mosteller' })).toThrow(RangeError);
    expect(() => computeBodyWeights({ heightCm: 170, weightKg: 0, sex: 'male' })).toThrow(RangeError);
    expect(() => computeBodyWeights({ heightCm: 170, weightKg: Number.POSITIVE_INFINITY, sex: 'male' })).toThrow(
      RangeError
    );
  });
});
