import { describe, expect, it } from 'vitest';
import { checkCartDose } from './cart';
import { computeCellDose, type CellDoseInput } from './cellDose';
import { classifyConditioning, type ConditioningInput, ConditioningInputSchema } from './conditioning';
import { checkCordUnit, type CordInput } from './cord';

describe('cell dose per kg', () => {
  const allo: CellDoseInput = { product: 'hpc-apheresis-allogeneic', measure: 'cd34', totalCells: 4e8, recipientWeightKg: 100 };
  it('allogeneic PBSC CD34+: minimum 2, optimal 4, maximum 8 x10^6/kg', () => {
    expect(computeCellDose(allo)).toMatchObject({ cellsPerKg: 4e6, conventional: { value: 4, unit: 'x10^6/kg' }, adequate: true });
    expect(computeCellDose({ ...allo, totalCells: 2e8 }).adequate).toBe(true);
    expect(computeCellDose({ ...allo, totalCells: 1.99e8 }).adequate).toBe(false);
    expect(computeCellDose({ ...allo, totalCells: 8e8 }).adequate).toBe(true);
    const over = computeCellDose({ ...allo, totalCells: 8.01e8 });
    expect(over.adequate).toBe(false);
    expect(over.explanation).toMatch(/fails maximum CD34\+ 8/);
    expect(computeCellDose({ ...allo, totalCells: 3e8 }).checks.find((c) => c.kind === 'target')?.met).toBe(false);
  });
  it('pediatric allogeneic minimum 2.4 x10^6/kg', () => {
    expect(computeCellDose({ ...allo, pediatric: true, totalCells: 2.39e8 }).adequate).toBe(false);
    expect(computeCellDose({ ...allo, pediatric: true, totalCells: 2.4e8 }).adequate).toBe(true);
  });
  it('cord units use x10^7/kg TNC and x10^5/kg CD34+', () => {
    const r = computeCellDose({ product: 'hpc-cord', measure: 'tnc', totalCells: 6e8, recipientWeightKg: 20 });
    expect(r.conventional).toEqual({ value: 3, unit: 'x10^7/kg' });
    expect(r.adequate).toBe(true);
    expect(computeCellDose({ product: 'hpc-cord', measure: 'cd34', totalCells: 2.9e6, recipientWeightKg: 20 }).adequate).toBe(false);
  });
  it('marrow TNC and protocol targets', () => {
    expect(computeCellDose({ product: 'hpc-marrow', measure: 'tnc', totalCells: 1.5e10, recipientWeightKg: 70 }).adequate).toBe(true);
    const car = computeCellDose({ product: 'car-t', measure: 'car-positive-viable-t', totalCells: 1e8, recipientWeightKg: 50, target: { minPerKg: 2.1e6, maxPerKg: null } });
    expect(car.adequate).toBe(false);
  });
});

describe('cord blood unit adequacy', () => {
  const unit: CordInput = { tncE7PerKg: 3.0, cd34E5PerKg: 1.5, hlaMatched: 4, hlaOf: 6, disease: 'malignant', graft: 'single' };
  it('NMDP 2019 single unit: TNC >=3.0 and CD34+ >=1.5 at the boundary', () => {
    expect(checkCordUnit(unit).adequate).toBe(true);
    expect(checkCordUnit({ ...unit, tncE7PerKg: 2.99 }).adequate).toBe(false);
    expect(checkCordUnit({ ...unit, cd34E5PerKg: 1.49 }).adequate).toBe(false);
    expect(checkCordUnit({ ...unit, cd34E5PerKg: null }).adequate).toBe(false);
    expect(checkCordUnit({ ...unit, hlaMatched: 3 }).adequate).toBe(false);
  });
  it('[VERIFY] option eurocord-ash-sap: TNC >=2.5', () => {
    expect(checkCordUnit({ ...unit, tncE7PerKg: 2.5 }, { criteria: 'eurocord-ash-sap' }).adequate).toBe(true);
    expect(checkCordUnit({ ...unit, tncE7PerKg: 2.49 }, { criteria: 'eurocord-ash-sap' }).adequate).toBe(false);
  });
  it('double units and non-malignant disease', () => {
    expect(checkCordUnit({ ...unit, graft: 'double', cd34E5PerKg: 1.0, tncE7PerKg: 1.0 }).adequate).toBe(true);
    expect(checkCordUnit({ ...unit, graft: 'double', cd34E5PerKg: 0.99 }).adequate).toBe(false);
    expect(checkCordUnit({ ...unit, graft: 'double', tncE7PerKg: 1.49 }, { criteria: 'eurocord-ash-sap' }).adequate).toBe(false);
    expect(checkCordUnit({ ...unit, disease: 'non-malignant', tncE7PerKg: 5.0 }).adequate).toBe(false);
    expect(checkCordUnit({ ...unit, disease: 'non-malignant', tncE7PerKg: 5.1 }).adequate).toBe(true);
  });
  it('8-allele matching warns above 2 mismatches', () => {
    const r = checkCordUnit({ ...unit, hlaOf: 8, hlaMatched: 5, hlaCMismatch: true });
    expect(r.adequate).toBe(true);
    expect(r.warnings.join(' ')).toMatch(/3 allele mismatches.*HLA-C/);
    expect(checkCordUnit({ ...unit, hlaOf: 8, hlaMatched: 3 }).adequate).toBe(false);
  });
});

describe('CAR-T label dose', () => {
  it('Kymriah ALL switches from per-kg to flat above 50 kg', () => {
    expect(checkCartDose({ product: 'tisagenlecleucel-all', weightKg: 50, doseCells: 2.5e8 })).toMatchObject({ withinLabel: true, maxCells: 2.5e8 });
    expect(checkCartDose({ product: 'tisagenlecleucel-all', weightKg: 50, doseCells: 2.51e8 }).withinLabel).toBe(false);
    expect(checkCartDose({ product: 'tisagenlecleucel-all', weightKg: 50, doseCells: 0.1e8 }).withinLabel).toBe(true);
    expect(checkCartDose({ product: 'tisagenlecleucel-all', weightKg: 50.5, doseCells: 2.5e8 }).withinLabel).toBe(true);
    expect(checkCartDose({ product: 'tisagenlecleucel-all', weightKg: 50.5, doseCells: 0.09e8 }).withinLabel).toBe(false);
  });
  it('Yescarta 2 x10^6/kg capped at 2 x10^8 (cap from 100 kg)', () => {
    expect(checkCartDose({ product: 'axicabtagene-ciloleucel', weightKg: 80, doseCells: 1.6e8 })).toMatchObject({ withinLabel: true, targetCells: 1.6e8 });
    expect(checkCartDose({ product: 'axicabtagene-ciloleucel', weightKg: 120, doseCells: 2e8 }).targetCells).toBe(2e8);
    expect(checkCartDose({ product: 'axicabtagene-ciloleucel', weightKg: 120, doseCells: 2.1e8 }).withinLabel).toBe(false);
  });
  it('Carvykti per-kg range with a 1 x10^8 cap; Breyanzi flat', () => {
    expect(checkCartDose({ product: 'ciltacabtagene-autoleucel', weightKg: 70, doseCells: 0.35e8 }).withinLabel).toBe(true);
    expect(checkCartDose({ product: 'ciltacabtagene-autoleucel', weightKg: 70, doseCells: 0.34e8 }).withinLabel).toBe(false);
    expect(checkCartDose({ product: 'ciltacabtagene-autoleucel', weightKg: 120, doseCells: 1.01e8 }).withinLabel).toBe(false);
    expect(checkCartDose({ product: 'lisocabtagene-maraleucel-lbcl', weightKg: 70, doseCells: 110e6 }).withinLabel).toBe(true);
    expect(checkCartDose({ product: 'lisocabtagene-maraleucel-cll', weightKg: 70, doseCells: 89e6 }).withinLabel).toBe(false);
  });
  it('[VERIFY] option: Abecma 2024 label 300-510 vs 2021 label 300-460', () => {
    const input = { product: 'idecabtagene-vicleucel', weightKg: 70, doseCells: 480e6 };
    expect(checkCartDose(input).withinLabel).toBe(true);
    const old = checkCartDose(input, { abecmaLabel: 'abecma-2021' });
    expect(old.withinLabel).toBe(false);
    expect(old.explanation).toMatch(/abecma-2021/);
  });
});

describe('conditioning intensity', () => {
  const none: ConditioningInput = { tbiGy: null, tbiFractionated: false, busulfanMgKg: null, busulfanRoute: null, melphalanMgM2: null, thiotepaMgKg: null, declaredIntent: null };
  const c = (over: Partial<ConditioningInput>, cutpoints?: 'cibmtr-ric-2009'): string | null =>
    classifyConditioning({ ...none, ...over }, cutpoints ? { cutpoints } : {}).suggestedIntensity;
  it('TBI: >=8 Gy fractionated or >=5 Gy single is MAC; >2 RIC; <=2 NMA', () => {
    expect(c({ tbiGy: 12, tbiFractionated: true })).toBe('MAC');
    expect(c({ tbiGy: 8, tbiFractionated: true })).toBe('MAC');
    expect(c({ tbiGy: 7.9, tbiFractionated: true })).toBe('RIC');
    expect(c({ tbiGy: 5 })).toBe('MAC');
    expect(c({ tbiGy: 4 })).toBe('RIC');
    expect(c({ tbiGy: 2.1 })).toBe('RIC');
    expect(c({ tbiGy: 2 })).toBe('NMA');
    expect(c({})).toBe('NMA');
  });
  it('[VERIFY] busulfan and melphalan cut-points differ by source', () => {
    expect(c({ busulfanMgKg: 12.8, busulfanRoute: 'iv' })).toBe('MAC');
    expect(c({ busulfanMgKg: 6.4, busulfanRoute: 'iv' })).toBe('RIC');
    expect(c({ busulfanMgKg: 6.5, busulfanRoute: 'iv' })).toBe('MAC');
    expect(c({ busulfanMgKg: 6.5, busulfanRoute: 'iv' }, 'cibmtr-ric-2009')).toBe('RIC');
    expect(c({ busulfanMgKg: 8.5, busulfanRoute: 'oral' })).toBe('MAC');
    expect(c({ busulfanMgKg: 8.5, busulfanRoute: 'oral' }, 'cibmtr-ric-2009')).toBe('RIC');
    expect(c({ melphalanMgM2: 140 })).toBe('RIC');
    expect(c({ melphalanMgM2: 150 })).toBe('MAC');
    expect(c({ melphalanMgM2: 150 }, 'cibmtr-ric-2009')).toBe('RIC');
    expect(c({ thiotepaMgKg: 10 })).toBe('RIC');
    expect(c({ thiotepaMgKg: 10.1 })).toBe('MAC');
  });
  it('pins the Bacigalupo 2009 Table 1 boundaries: Bu 8 mg/kg oral / 6.4 IV, Mel 140 mg/m², TBI 5 Gy single / 8 Gy fractionated', () => {
    expect(c({ busulfanMgKg: 8, busulfanRoute: 'oral' })).toBe('RIC');
    expect(c({ busulfanMgKg: 8.01, busulfanRoute: 'oral' })).toBe('MAC');
    expect(c({ busulfanMgKg: 6.4, busulfanRoute: 'iv' })).toBe('RIC');
    expect(c({ busulfanMgKg: 6.41, busulfanRoute: 'iv' })).toBe('MAC');
    expect(c({ melphalanMgM2: 140 })).toBe('RIC');
    expect(c({ melphalanMgM2: 140.1 })).toBe('MAC');
    expect(c({ tbiGy: 5, tbiFractionated: false })).toBe('MAC');
    expect(c({ tbiGy: 4.99, tbiFractionated: false })).toBe('RIC');
    expect(c({ tbiGy: 8, tbiFractionated: true })).toBe('MAC');
    expect(c({ tbiGy: 7.99, tbiFractionated: true })).toBe('RIC');
    // Companion agents of the table do not make a regimen unclassifiable.
    expect(c({ melphalanMgM2: 140, otherAgents: ['fludarabine'] })).toBe('RIC');
    expect(c({ tbiGy: 2, otherAgents: ['fludarabine', 'cyclophosphamide'] })).toBe('NMA');
  });
  it('busulfan without a route is refused, never assumed oral (H-DOSE-3)', () => {
    // 8 mg/kg is RIC orally but MAC intravenously (IV = 0.8 × oral): the route decides the class.
    expect(() => classifyConditioning({ ...none, busulfanMgKg: 8, busulfanRoute: null })).toThrow(/busulfan route is required/);
    expect(ConditioningInputSchema.safeParse({ ...none, busulfanMgKg: 8 }).error?.issues[0]?.path).toEqual(['busulfanRoute']);
    expect(c({ busulfanMgKg: 8, busulfanRoute: 'iv' })).toBe('MAC');
  });
  it('treosulfan (not in the intensity tables) is not classifiable, never NMA (H-DOSE-4)', () => {
    const r = classifyConditioning({ ...none, otherAgents: ['fludarabine', 'treosulfan'], declaredIntent: 'MAC' });
    expect(r).toMatchObject({ suggestedIntensity: null, classifiable: false, unmodelledAgents: ['treosulfan'], agreesWithDeclared: null });
    expect(r.explanation).toMatch(/not classifiable: treosulfan is not in the intensity tables/);
    // Even next to a modelled agent at MAC dose, an unmodelled agent gives no class.
    expect(classifyConditioning({ ...none, tbiGy: 12, tbiFractionated: true, otherAgents: ['treosulfan'] }).suggestedIntensity).toBeNull();
  });
  it('compares with the declared intent', () => {
    const r = classifyConditioning({ ...none, melphalanMgM2: 140, declaredIntent: 'MAC' });
    expect(r.agreesWithDeclared).toBe(false);
    expect(r.explanation).toMatch(/differs from declared MAC/);
  });
});
