import { describe, expect, it } from 'vitest';
import type { Product } from '../cellProducts';
import { cartLabelKeyOf, formatDoseUnit, infusionDose } from './infusionDose';

const base: Product = {
  id: '55555555-5555-4555-8555-555555555555',
  patientId: '11111111-1111-4111-8111-111111111111',
  episodeId: '33333333-3333-4333-8333-333333333333',
  collectionId: null,
  donorId: null,
  manufacturingOrderId: null,
  din: 'A999921123456',
  dinCheckCharacter: '3',
  productCode: 'S1398',
  division: '00',
  description: 'HPC, Apheresis',
  kind: 'hpc-apheresis',
  status: 'thawed',
  collectedOn: null,
  volumeMl: 100,
  tncCells: null,
  cd34Cells: 4e8,
  cd3Cells: null,
  carTCells: null,
  viabilityPct: null,
  sterility: 'negative',
  aboRh: null,
  cryopreserved: true,
  expiresAt: null,
  storage: null,
  coi: null,
  releaseRequestedBy: null,
  releasedBy: null,
  releasedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
};

describe('infusion dose per kg (§6.1-§6.3)', () => {
  it('autologous HPC-A: CD34+ x10^6/kg against the 2 x10^6/kg minimum', () => {
    const d = infusionDose(base, { episodeType: 'autologous-hct', weightKg: 80 })!;
    expect(d.measures).toHaveLength(1);
    expect(d.measures[0]).toMatchObject({
      measure: 'cd34',
      product: 'hpc-apheresis-autologous',
      cellsPerKg: 5e6,
      value: 5,
      unit: 'x10^6/kg',
      adequate: true,
    });
    expect(d.ruleIds).toEqual(['cell-dose-per-kg@1']);
    expect(
      infusionDose({ ...base, cd34Cells: 1.59e8 }, { episodeType: 'autologous-hct', weightKg: 80 })!.measures[0]!
        .adequate
    ).toBe(false);
  });
  it('allogeneic PBSC above 8 x10^6/kg is flagged', () => {
    const d = infusionDose(
      { ...base, donorId: '77777777-7777-4777-8777-777777777777', cd34Cells: 7e8 },
      { episodeType: 'allogeneic-hct', weightKg: 70 }
    )!;
    expect(d.measures[0]).toMatchObject({ product: 'hpc-apheresis-allogeneic', value: 10, adequate: false });
  });
  it('cord: TNC x10^7/kg and CD34+ x10^5/kg', () => {
    const d = infusionDose(
      { ...base, kind: 'hpc-cord', donorId: '77777777-7777-4777-8777-777777777777', tncCells: 1.5e9, cd34Cells: 6e6 },
      { episodeType: 'allogeneic-hct', weightKg: 30 }
    )!;
    expect(d.measures.map((m) => [m.measure, m.value, m.unit])).toEqual([
      ['tnc', 5, 'x10^7/kg'],
      ['cd34', 2, 'x10^5/kg'],
    ]);
  });
  it('CAR-T: per kg and against the label when the product is known', () => {
    const p = { ...base, kind: 'car-t' as const, cd34Cells: null, carTCells: 1.4e8 };
    const d = infusionDose(p, { episodeType: 'car-t', weightKg: 70, cartProduct: 'axicabtagene-ciloleucel' })!;
    expect(d.measures[0]).toMatchObject({ measure: 'car-positive-viable-t', value: 2 });
    expect(d.cartLabel).toMatchObject({ product: 'axicabtagene-ciloleucel', withinLabel: true });
    expect(d.ruleIds).toEqual([
      'cell-dose-per-kg@1',
      'cart-label-dose@2;abecmaLabel=abecma-2024-04;targetDoseMinFraction=0.5',
    ]);
    expect(infusionDose(p, { episodeType: 'car-t', weightKg: 70 })!.cartLabel).toBeNull();
  });
  it('CAR-T: a product with 0 cells recorded is outside the label, not a dose', () => {
    const p = { ...base, kind: 'car-t' as const, cd34Cells: null, carTCells: 0 };
    expect(
      infusionDose(p, { episodeType: 'car-t', weightKg: 70, cartProduct: 'axicabtagene-ciloleucel' })!.cartLabel
    ).toMatchObject({ withinLabel: false, explanation: expect.stringMatching(/no CAR-positive/) });
    const low = { ...base, kind: 'car-t' as const, cd34Cells: null, carTCells: 5e6 };
    expect(
      infusionDose(low, { episodeType: 'car-t', weightKg: 70, cartProduct: 'brexucabtagene-autoleucel-all' })!
        .cartLabel!.withinLabel
    ).toBe(false);
  });
  it('no weight, no dose; missing counts are skipped', () => {
    expect(infusionDose(base, { episodeType: 'autologous-hct', weightKg: null })).toBeNull();
    expect(
      infusionDose({ ...base, cd34Cells: null }, { episodeType: 'autologous-hct', weightKg: 70 })!.measures
    ).toEqual([]);
  });
  it('maps manufacturing order names to label entries only when unambiguous', () => {
    expect(cartLabelKeyOf('axicabtagene-ciloleucel')).toBe('axicabtagene-ciloleucel');
    expect(cartLabelKeyOf('Axicabtagene ciloleucel (Yescarta)')).toBe('axicabtagene-ciloleucel');
    expect(cartLabelKeyOf('ciltacabtagene autoleucel')).toBe('ciltacabtagene-autoleucel');
    expect(cartLabelKeyOf('tisagenlecleucel')).toBeNull();
    expect(cartLabelKeyOf('tisagenlecleucel-lbcl')).toBe('tisagenlecleucel-lbcl');
    expect(cartLabelKeyOf('in-house CD19')).toBeNull();
    expect(cartLabelKeyOf(null)).toBeNull();
  });
  it('writes units as people do', () => {
    expect(formatDoseUnit('x10^6/kg')).toBe('×10⁶/kg');
    expect(formatDoseUnit('x10^10/kg')).toBe('×10¹⁰/kg');
    expect(formatDoseUnit('cells/kg')).toBe('cells/kg');
  });
});
