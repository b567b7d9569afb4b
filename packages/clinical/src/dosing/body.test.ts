import { describe, expect, it } from 'vitest';
import { BsaInputSchema, bsaHaycock, computeBodyWeights, computeBsa, selectDosingWeight } from './body';

describe('BSA', () => {
  it('reference vectors: 170 cm 70 kg; man 177.8 cm 110 kg', () => {
    expect(computeBsa({ heightCm: 170, weightKg: 70, formula: 'mosteller' }).bsaM2).toBeCloseTo(1.818, 3);
    expect(computeBsa({ heightCm: 170, weightKg: 70, formula: 'dubois' }).bsaM2).toBeCloseTo(1.81, 3);
    expect(computeBsa({ heightCm: 177.8, weightKg: 110, formula: 'mosteller' }).bsaM2).toBeCloseTo(2.331, 3);
    expect(computeBsa({ heightCm: 177.8, weightKg: 110, formula: 'dubois' }).bsaM2).toBeCloseTo(2.265, 3);
    expect(computeBsa({ heightCm: 170, weightKg: 70, formula: 'mosteller' }).explanation).toBe('BSA 1.818 m² (mosteller, 170 cm, 70 kg)');
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
  it('warns below 60 inches and when ABW < IBW', () => {
    expect(computeBodyWeights({ heightCm: 150, weightKg: 40, sex: 'female' }).warnings).toHaveLength(2);
    expect(computeBodyWeights({ heightCm: 152.4, weightKg: 60, sex: 'female' }).warnings).toHaveLength(0);
  });
});
