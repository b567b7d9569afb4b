import { describe, expect, it } from 'vitest';
import { checkCartDose } from './cart';
import { computeCellDose, type CellDoseInput } from './cellDose';
import { classifyConditioning, type ConditioningInput, ConditioningInputSchema } from './conditioning';
import { checkCordUnit, CordInputSchema, type CordInput } from './cord';

describe('cell dose per kg', () => {
  const allo: CellDoseInput = {
    product: 'hpc-apheresis-allogeneic',
    measure: 'cd34',
    totalCells: 4e8,
    recipientWeightKg: 100,
  };
  it('allogeneic PBSC CD34+: minimum 2, optimal 4, maximum 8 x10^6/kg', () => {
    expect(computeCellDose(allo)).toMatchObject({
      cellsPerKg: 4e6,
      conventional: { value: 4, unit: 'x10^6/kg' },
      adequate: true,
    });
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
    expect(
      computeCellDose({ product: 'hpc-cord', measure: 'cd34', totalCells: 2.9e6, recipientWeightKg: 20 }).adequate
    ).toBe(false);
  });
  it('marrow TNC and protocol targets', () => {
    expect(
      computeCellDose({ product: 'hpc-marrow', measure: 'tnc', totalCells: 1.5e10, recipientWeightKg: 70 }).adequate
    ).toBe(true);
    const car = computeCellDose({
      product: 'car-t',
      measure: 'car-positive-viable-t',
      totalCells: 1e8,
      recipientWeightKg: 50,
      target: { minPerKg: 2.1e6, maxPerKg: null },
    });
    expect(car.adequate).toBe(false);
  });
});

describe('cord blood unit adequacy', () => {
  const unit: CordInput = {
    tncE7PerKg: 3.0,
    cd34E5PerKg: 1.5,
    hlaMatched: 4,
    hlaOf: 6,
    disease: 'malignant',
    graft: 'single',
  };
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
    expect(checkCordUnit({ ...unit, graft: 'double', cd34E5PerKg: 1.0, tncE7PerKg: 1.5 }).adequate).toBe(true);
    expect(checkCordUnit({ ...unit, graft: 'double', cd34E5PerKg: 0.99 }).adequate).toBe(false);
    expect(
      checkCordUnit({ ...unit, graft: 'double', tncE7PerKg: 1.49 }, { criteria: 'eurocord-ash-sap' }).adequate
    ).toBe(false);
    expect(checkCordUnit({ ...unit, disease: 'non-malignant', tncE7PerKg: 5.0 }).adequate).toBe(false);
    expect(checkCordUnit({ ...unit, disease: 'non-malignant', tncE7PerKg: 5.1 }).adequate).toBe(true);
  });
  it('each unit of a double graft has a TNC floor of 1.5 x10^7/kg, under both criteria sets (issue 13, defect 10)', () => {
    const dbl = { ...unit, graft: 'double' as const, cd34E5PerKg: 1.2 };
    for (const criteria of ['nmdp-2019', 'eurocord-ash-sap'] as const) {
      expect(checkCordUnit({ ...dbl, tncE7PerKg: 1.5 }, { criteria }).adequate).toBe(true);
      const low = checkCordUnit({ ...dbl, tncE7PerKg: 1.49 }, { criteria });
      expect(low.adequate).toBe(false);
      expect(low.failed.join(' ')).toMatch(/TNC 1.49 ×10⁷\/kg below 1.5 per unit of a double graft/);
      expect(checkCordUnit({ ...dbl, tncE7PerKg: 0.5 }, { criteria }).adequate).toBe(false);
    }
    expect(checkCordUnit({ ...dbl, tncE7PerKg: 1.0 }).ruleId).toBe('cord-unit-adequacy@2;criteria=nmdp-2019');
  });
  it('HLA x/y: matches cannot exceed the loci counted; totals are 6 or 8 (issue 13, defect 10)', () => {
    expect(() => checkCordUnit({ ...unit, hlaMatched: 8, hlaOf: 6 })).toThrow(/HLA 8\/6 is impossible/);
    expect(() => checkCordUnit({ ...unit, hlaMatched: 7, hlaOf: 6 })).toThrow(/matches cannot exceed the 6/);
    expect(checkCordUnit({ ...unit, hlaMatched: 6, hlaOf: 6 }).adequate).toBe(true);
    expect(checkCordUnit({ ...unit, hlaMatched: 8, hlaOf: 8 }).adequate).toBe(true);
    const r = CordInputSchema.safeParse({ ...unit, hlaMatched: 8, hlaOf: 6 });
    expect(r.error!.issues[0]).toMatchObject({ path: ['hlaMatched'] });
    expect(CordInputSchema.safeParse({ ...unit, hlaOf: 10 }).error!.issues[0]).toMatchObject({
      path: ['hlaOf'],
      message: 'HLA matches are counted out of 6 or 8',
    });
    expect(CordInputSchema.safeParse({ ...unit, hlaMatched: -1 }).success).toBe(false);
    expect(CordInputSchema.safeParse({ ...unit, hlaMatched: 4.5 }).success).toBe(false);
    expect(CordInputSchema.safeParse({ ...unit, tncE7PerKg: -1 }).error!.issues[0]!.message).toBe(
      'TNC per kg must be at least 0 ×10⁷/kg'
    );
    expect(CordInputSchema.safeParse({ ...unit, tncE7PerKg: Number.NaN }).error!.issues[0]!.message).toBe(
      'TNC per kg must be a number (×10⁷/kg)'
    );
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
    expect(checkCartDose({ product: 'tisagenlecleucel-all', weightKg: 50, doseCells: 2.5e8 })).toMatchObject({
      withinLabel: true,
      maxCells: 2.5e8,
    });
    expect(checkCartDose({ product: 'tisagenlecleucel-all', weightKg: 50, doseCells: 2.51e8 }).withinLabel).toBe(false);
    expect(checkCartDose({ product: 'tisagenlecleucel-all', weightKg: 50, doseCells: 0.1e8 }).withinLabel).toBe(true);
    expect(checkCartDose({ product: 'tisagenlecleucel-all', weightKg: 50.5, doseCells: 2.5e8 }).withinLabel).toBe(true);
    expect(checkCartDose({ product: 'tisagenlecleucel-all', weightKg: 50.5, doseCells: 0.09e8 }).withinLabel).toBe(
      false
    );
  });
  it('Yescarta 2 x10^6/kg capped at 2 x10^8 (cap from 100 kg)', () => {
    expect(checkCartDose({ product: 'axicabtagene-ciloleucel', weightKg: 80, doseCells: 1.6e8 })).toMatchObject({
      withinLabel: true,
      targetCells: 1.6e8,
    });
    expect(checkCartDose({ product: 'axicabtagene-ciloleucel', weightKg: 120, doseCells: 2e8 }).targetCells).toBe(2e8);
    expect(checkCartDose({ product: 'axicabtagene-ciloleucel', weightKg: 120, doseCells: 2.1e8 }).withinLabel).toBe(
      false
    );
  });
  it('target-dose labels have a lower bound: half the target by default (issue 13, defect 7)', () => {
    const axi = (weightKg: number, doseCells: number, o = {}) =>
      checkCartDose({ product: 'axicabtagene-ciloleucel', weightKg, doseCells }, o);
    // 80 kg: target 1.6 x10^8, accepted 0.8-1.6 x10^8.
    expect(axi(80, 1e6)).toMatchObject({ withinLabel: false, minCells: 0.8e8, maxCells: 1.6e8, targetCells: 1.6e8 });
    expect(axi(80, 1e6).explanation).toMatch(/below the label dose/);
    expect(axi(80, 0.79e8).withinLabel).toBe(false);
    expect(axi(80, 0.8e8).withinLabel).toBe(true);
    expect(axi(80, 1.6e8).withinLabel).toBe(true);
    expect(axi(80, 1.61e8).withinLabel).toBe(false);
    // Capped target from 100 kg: the floor is half the cap.
    expect(axi(120, 0.99e8).withinLabel).toBe(false);
    expect(axi(120, 1e8)).toMatchObject({ withinLabel: true, minCells: 1e8, maxCells: 2e8 });
    // The fraction is an explicit option, named in the rule id.
    expect(axi(80, 1.2e8, { targetDoseMinFraction: 0.8 }).withinLabel).toBe(false);
    expect(axi(80, 1.28e8, { targetDoseMinFraction: 0.8 })).toMatchObject({
      withinLabel: true,
      ruleId: 'cart-label-dose@2;abecmaLabel=abecma-2024-04;targetDoseMinFraction=0.8',
    });
    expect(() => axi(80, 1.6e8, { targetDoseMinFraction: 0 })).toThrow(/targetDoseMinFraction must be above 0/);
    expect(() => axi(80, 1.6e8, { targetDoseMinFraction: 1.1 })).toThrow(/at most 1/);
    // Tecartus MCL 2 x10^6/kg; ALL 1 x10^6/kg, max 1 x10^8: 70 kg ALL accepted 3.5-7.0 x10^7.
    const brexuAll = (doseCells: number, weightKg = 70) =>
      checkCartDose({ product: 'brexucabtagene-autoleucel-all', weightKg, doseCells }).withinLabel;
    expect(brexuAll(5e6)).toBe(false);
    expect(brexuAll(3.49e7)).toBe(false);
    expect(brexuAll(3.5e7)).toBe(true);
    expect(brexuAll(7e7)).toBe(true);
    expect(brexuAll(7.01e7)).toBe(false);
    expect(brexuAll(1e8, 130)).toBe(true);
    expect(brexuAll(1.01e8, 130)).toBe(false);
    expect(
      checkCartDose({ product: 'brexucabtagene-autoleucel-mcl', weightKg: 70, doseCells: 0.69e8 }).withinLabel
    ).toBe(false);
    expect(
      checkCartDose({ product: 'brexucabtagene-autoleucel-mcl', weightKg: 70, doseCells: 0.7e8 }).withinLabel
    ).toBe(true);
  });
  it('refuses a dose or weight of 0, negative or not finite, naming the field', () => {
    const check = (weightKg: number, doseCells: number) => () =>
      checkCartDose({ product: 'axicabtagene-ciloleucel', weightKg, doseCells });
    expect(check(80, 0)).toThrow(/CAR-T dose must be more than 0 CAR-positive viable T cells/);
    expect(check(80, -1e8)).toThrow(/CAR-T dose must be more than 0/);
    expect(check(80, Number.NaN)).toThrow(/CAR-T dose must be a number/);
    expect(check(80, Number.POSITIVE_INFINITY)).toThrow(/CAR-T dose/);
    expect(check(80, 1.1e10)).toThrow(/CAR-T dose must be at most 1e\+10/);
    expect(check(0, 1e8)).toThrow(/weight must be more than 0 kg/);
    expect(check(-70, 1e8)).toThrow(/weight must be more than 0 kg/);
    expect(check(Number.NaN, 1e8)).toThrow(/weight must be a number/);
    expect(check(401, 1e8)).toThrow(/weight must be at most 400 kg/);
  });
  it('Carvykti per-kg range with a 1 x10^8 cap; Breyanzi flat', () => {
    expect(checkCartDose({ product: 'ciltacabtagene-autoleucel', weightKg: 70, doseCells: 0.35e8 }).withinLabel).toBe(
      true
    );
    expect(checkCartDose({ product: 'ciltacabtagene-autoleucel', weightKg: 70, doseCells: 0.34e8 }).withinLabel).toBe(
      false
    );
    expect(checkCartDose({ product: 'ciltacabtagene-autoleucel', weightKg: 120, doseCells: 1.01e8 }).withinLabel).toBe(
      false
    );
    expect(
      checkCartDose({ product: 'lisocabtagene-maraleucel-lbcl', weightKg: 70, doseCells: 110e6 }).withinLabel
    ).toBe(true);
    expect(checkCartDose({ product: 'lisocabtagene-maraleucel-cll', weightKg: 70, doseCells: 89e6 }).withinLabel).toBe(
      false
    );
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
  const none: ConditioningInput = {
    tbiGy: null,
    tbiFractionated: false,
    busulfanMgKg: null,
    busulfanRoute: null,
    melphalanMgM2: null,
    thiotepaMgKg: null,
    declaredIntent: null,
  };
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
    expect(() => classifyConditioning({ ...none, busulfanMgKg: 8, busulfanRoute: null })).toThrow(
      /busulfan route is required/
    );
    expect(ConditioningInputSchema.safeParse({ ...none, busulfanMgKg: 8 }).error?.issues[0]?.path).toEqual([
      'busulfanRoute',
    ]);
    expect(c({ busulfanMgKg: 8, busulfanRoute: 'iv' })).toBe('MAC');
  });
  it('treosulfan (not in the intensity tables) is not classifiable, never NMA (H-DOSE-4)', () => {
    const r = classifyConditioning({ ...none, otherAgents: ['fludarabine', 'treosulfan'], declaredIntent: 'MAC' });
    expect(r).toMatchObject({
      suggestedIntensity: null,
      classifiable: false,
      unmodelledAgents: ['treosulfan'],
      agreesWithDeclared: null,
    });
    expect(r.explanation).toMatch(/not classifiable: treosulfan is not in the intensity tables/);
    // Even next to a modelled agent at MAC dose, an unmodelled agent gives no class.
    expect(
      classifyConditioning({ ...none, tbiGy: 12, tbiFractionated: true, otherAgents: ['treosulfan'] })
        .suggestedIntensity
    ).toBeNull();
  });
  it('compares with the declared intent', () => {
    const r = classifyConditioning({ ...none, melphalanMgM2: 140, declaredIntent: 'MAC' });
    expect(r.agreesWithDeclared).toBe(false);
    expect(r.explanation).toMatch(/differs from declared MAC/);
  });
});
