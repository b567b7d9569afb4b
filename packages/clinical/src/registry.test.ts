import { describe, expect, it } from 'vitest';
import { clinicalRuleNames, clinicalRules, getClinicalRule, runRule } from './registry';
import { describeShape } from './shape';

/** One valid input per rule; also documents each input shape by example. */
const EXAMPLES: Record<string, unknown> = {
  crs: { maxTempC: 39.1, feverMaskedByTreatment: false, hypotension: 'no-vasopressor', oxygen: 'none' },
  ice: {
    orientedYear: true,
    orientedMonth: true,
    orientedCity: false,
    orientedHospital: true,
    namedObject1: true,
    namedObject2: true,
    namedObject3: true,
    followsCommands: true,
    writesSentence: false,
    countsBackwards: true,
  },
  icans: {
    ageYears: 8,
    ice: null,
    capd: 10,
    consciousness: 'normal',
    seizure: 'none',
    motor: 'none',
    cerebralEdema: 'none',
  },
  agvhd: {
    skinRashBsaPercent: 55,
    skinBullae: false,
    bilirubinMgDl: 2.5,
    upperGi: false,
    pediatric: true,
    stoolMlPerDay: null,
    stoolMlPerKgPerDay: 22,
    stoolEpisodesPerDay: null,
    severePainOrIleus: false,
    grossBleeding: false,
  },
  cgvhd: { skin: 2, mouth: 1, eyes: 0, gi: 0, liver: 0, lungs: 0, joints: 0, genital: null },
  'cgvhd-lung': { fev1PercentPredicted: 58, symptomScore: 1 },
  'cgvhd-skin': { bsaPercent: 20, sclerosis: 'none' },
  'cgvhd-liver': { bilirubinMgDl: 1, bilirubinUlnMgDl: 1.2, altXUln: 4, alpXUln: 1 },
  engraftment: { infusionDate: '2026-03-01', anc: [], platelets: [], plateletTransfusions: [] },
  'graft-failure': { graftSource: 'cord-blood', neutrophilRecoveryDay: 25, asOfDay: 60 },
  chimerism: { donorPercent: 97 },
  'isbt-din': { din: 'A999921123456' },
  'isbt-product-code': { productCode: 'S12954A0' },
  'isbt-coi': { coi: 'CHA999923AB12C4' },
  'eu-sec': { sec: 'SEC BE000123A999921123456 AS1295VA00020261231' },
  bsa: { heightCm: 160, weightKg: 55, formula: 'dubois' },
  'body-weight': { heightCm: 160, weightKg: 90, sex: 'female' },
  'cell-dose': { product: 'hpc-apheresis-autologous', measure: 'cd34', totalCells: 3e8, recipientWeightKg: 75 },
  'cord-unit': { tncE7PerKg: 3.2, cd34E5PerKg: 1.8, hlaMatched: 5, hlaOf: 6, disease: 'malignant', graft: 'single' },
  'cart-dose': { product: 'axicabtagene-ciloleucel', weightKg: 70, doseCells: 1.4e8 },
  'conditioning-intensity': {
    tbiGy: null,
    tbiFractionated: false,
    busulfanMgKg: 12.8,
    busulfanRoute: 'iv',
    melphalanMgM2: null,
    thiotepaMgKg: null,
    declaredIntent: 'MAC',
  },
  'busulfan-exposure': { value: 1000, unit: 'umol-min', dosingIntervalHours: 6, doses: 16 },
  tocilizumab: { weightKg: 25, dosesInLast24h: 0, dosesTotal: 0, hoursSinceLastDose: null },
  'grade-episode': { assessments: [{ date: '2026-01-03', grade: 2 }] },
  'hct-ci': {
    ageYears: 55,
    arrhythmia: false,
    cardiac: false,
    ejectionFractionPercent: null,
    inflammatoryBowelDisease: false,
    diabetes: true,
    cerebrovascular: false,
    psychiatric: false,
    chronicHepatitis: false,
    cirrhosis: false,
    bilirubinXUln: null,
    astAltXUln: null,
    bmi: null,
    bmiForAgePercentile: null,
    infection: false,
    rheumatologic: false,
    pepticUlcer: false,
    creatinineMgDl: null,
    dialysis: false,
    priorKidneyTransplant: false,
    fev1Percent: null,
    dlcoPercent: null,
    dyspnea: 'none',
    supplementalOxygen: false,
    priorSolidTumor: false,
    heartValveDisease: false,
  },
  performance: { ageYears: 10, score: 70, scale: 'lansky' },
  dri: { disease: 'hodgkin', cytogenetics: null, stage: 'pr' },
  'ebmt-score': {
    transplantType: 'allogeneic',
    ageYears: 45,
    diseaseStage: 'intermediate',
    firstCompleteRemission: false,
    monthsFromDiagnosis: 18,
    donorType: 'unrelated',
    donorSex: 'female',
    recipientSex: 'male',
  },
  'agvhd-glucksberg': undefined,
  'agvhd-ibmtr': undefined,
};
// Keystone and IBMTR stage adult diarrhoea volumes (mL/day) only.
EXAMPLES['agvhd-glucksberg'] = {
  ...(EXAMPLES.agvhd as object),
  pediatric: false,
  stoolMlPerDay: 1200,
  stoolMlPerKgPerDay: null,
};
EXAMPLES['agvhd-ibmtr'] = EXAMPLES['agvhd-glucksberg'];

describe('clinical rule registry', () => {
  it('has an example for every rule and every rule in the examples', () => {
    expect([...clinicalRuleNames].sort()).toEqual(Object.keys(EXAMPLES).sort());
  });
  it.each(clinicalRuleNames)('%s: valid example -> output matching its schema, with ruleId and explanation', (name) => {
    const rule = getClinicalRule(name)!;
    const r = runRule(rule, EXAMPLES[name]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const out = rule.outputSchema.parse(r.output) as { ruleId: string; explanation: string };
    expect(out.ruleId).toMatch(/@\d/);
    expect(out.explanation.length).toBeGreaterThan(5);
    if (rule.contractOutputSchema) expect(rule.contractOutputSchema.safeParse(r.output).success).toBe(true);
    expect(describeShape(rule.inputSchema)).toMatch(/^\{/);
    expect(rule.optionsSchema.parse({})).toBeTypeOf('object');
  });
  it('contract rules are exactly crs, icans, agvhd, cgvhd, engraftment, isbt-din, bsa', () => {
    const contract = Object.values(clinicalRules)
      .filter((r) => r.contractOutputSchema)
      .map((r) => r.name)
      .sort();
    expect(contract).toEqual(['agvhd', 'bsa', 'cgvhd', 'crs', 'engraftment', 'icans', 'isbt-din']);
  });
  it('runRule reports the first invalid field path and never throws', () => {
    const crs = getClinicalRule('crs')!;
    expect(runRule(crs, { maxTempC: 38 })).toMatchObject({ ok: false, path: 'feverMaskedByTreatment' });
    expect(runRule(crs, null)).toMatchObject({ ok: false, path: '' });
    expect(
      runRule(getClinicalRule('graft-failure')!, EXAMPLES['graft-failure'], { definition: 'custom' })
    ).toMatchObject({
      ok: false,
      error: 'definition "custom" needs customDays',
    });
    expect(getClinicalRule('constructor')).toBeUndefined();
  });
});
