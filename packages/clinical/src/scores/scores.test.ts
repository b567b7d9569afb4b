import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDri, DRI_DISEASE_TABLE, DriDiseaseSchema, driStageRisk } from './dri';
import { computeEbmtScore, type EbmtInput } from './ebmt';
import { computeHctCi, hctCiRiskGroup, type HctCiInput } from './hctci';
import { appropriateScale, assessPerformance } from './performance';

const healthy: HctCiInput = {
  ageYears: 35,
  arrhythmia: false,
  cardiac: false,
  ejectionFractionPercent: 60,
  inflammatoryBowelDisease: false,
  diabetes: false,
  cerebrovascular: false,
  psychiatric: false,
  chronicHepatitis: false,
  cirrhosis: false,
  bilirubinXUln: 0.8,
  astAltXUln: 0.9,
  bmi: 24,
  bmiForAgePercentile: null,
  infection: false,
  rheumatologic: false,
  pepticUlcer: false,
  creatinineMgDl: 0.9,
  dialysis: false,
  priorKidneyTransplant: false,
  fev1Percent: 95,
  dlcoPercent: 90,
  dyspnea: 'none',
  supplementalOxygen: false,
  priorSolidTumor: false,
  heartValveDisease: false,
};
const hci = (over: Partial<HctCiInput>, opts = {}): number => computeHctCi({ ...healthy, ...over }, opts).score;

describe('HCT-CI', () => {
  it('risk groups 0 / 1-2 / >=3', () => {
    expect([0, 1, 2, 3, 9].map(hctCiRiskGroup)).toEqual(['low', 'intermediate', 'intermediate', 'high', 'high']);
    expect(computeHctCi(healthy)).toMatchObject({ score: 0, riskGroup: 'low', hctCiAgeScore: 0 });
  });
  it('thresholds at their boundaries', () => {
    expect(hci({ ejectionFractionPercent: 50 })).toBe(1);
    expect(hci({ ejectionFractionPercent: 51 })).toBe(0);
    expect(hci({ bmi: 35 })).toBe(0);
    expect(hci({ bmi: 35.1 })).toBe(1);
    expect(hci({ bmi: null, bmiForAgePercentile: 95 })).toBe(1);
    expect(hci({ bmi: null, bmiForAgePercentile: 94 })).toBe(0);
    expect(hci({ creatinineMgDl: 2 })).toBe(0);
    expect(hci({ creatinineMgDl: 2.01 })).toBe(2);
    expect(hci({ bilirubinXUln: 1 })).toBe(0);
    expect(hci({ bilirubinXUln: 1.01 })).toBe(1);
    expect(hci({ bilirubinXUln: 1.5 })).toBe(1);
    expect(hci({ bilirubinXUln: 1.51 })).toBe(3);
    expect(hci({ astAltXUln: 2.5 })).toBe(1);
    expect(hci({ astAltXUln: 2.51 })).toBe(3);
    expect(hci({ fev1Percent: 81 })).toBe(0);
    expect(hci({ fev1Percent: 80 })).toBe(2);
    expect(hci({ dlcoPercent: 66 })).toBe(2);
    expect(hci({ dlcoPercent: 65 })).toBe(3);
    expect(hci({ dlcoPercent: 64 })).toBe(3);
  });
  it('[VERIFY] option: PDQ "<65%" puts 65% in moderate', () => {
    expect(hci({ dlcoPercent: 65 }, { severePulmonaryBoundary: 'pdq-lt-65' })).toBe(2);
    expect(hci({ dlcoPercent: 64.9 }, { severePulmonaryBoundary: 'pdq-lt-65' })).toBe(3);
  });
  it('hepatic and pulmonary levels are exclusive (the higher counts)', () => {
    expect(hci({ chronicHepatitis: true, cirrhosis: true })).toBe(3);
    expect(hci({ fev1Percent: 70, dyspnea: 'at-rest' })).toBe(3);
    expect(hci({ dyspnea: 'slight-activity' })).toBe(2);
    expect(hci({ supplementalOxygen: true })).toBe(3);
  });
  it('sums weights and adds 1 for age >=40 (HCT-CI/Age)', () => {
    const r = computeHctCi({ ...healthy, ageYears: 40, diabetes: true, rheumatologic: true, priorSolidTumor: true });
    expect(r.score).toBe(6);
    expect(r.hctCiAgeScore).toBe(7);
    expect(r.explanation).toMatch(
      /^HCT-CI 6 \(high\): diabetes 1, rheumatologic 2, prior solid tumor 3; HCT-CI\/Age 7$/
    );
    expect(computeHctCi({ ...healthy, ageYears: 39.9 }).hctCiAgeScore).toBe(0);
    expect(computeHctCi({ ...healthy, ageYears: null }).hctCiAgeScore).toBeNull();
  });
  it('is monotone in the flags', () => {
    const keys = [
      'arrhythmia',
      'cardiac',
      'diabetes',
      'infection',
      'rheumatologic',
      'pepticUlcer',
      'dialysis',
      'priorSolidTumor',
      'heartValveDisease',
      'cirrhosis',
      'chronicHepatitis',
      'supplementalOxygen',
    ] as const;
    const arb = fc.array(fc.boolean(), { minLength: keys.length, maxLength: keys.length });
    fc.assert(
      fc.property(arb, fc.nat({ max: keys.length - 1 }), (flags, i) => {
        const input = { ...healthy, ...Object.fromEntries(keys.map((k, j) => [k, flags[j]])) };
        return computeHctCi(input).score <= computeHctCi({ ...input, [keys[i]!]: true }).score;
      })
    );
  });
});

describe('Karnofsky / Lansky', () => {
  it('age-appropriate scale: Karnofsky >=16, Lansky 1-<16', () => {
    expect(appropriateScale(16)).toBe('karnofsky');
    expect(appropriateScale(15.9)).toBe('lansky');
    expect(appropriateScale(1)).toBe('lansky');
    expect(appropriateScale(0.9)).toBeNull();
  });
  it('describes and maps to ECOG / NIH score', () => {
    expect(assessPerformance({ ageYears: 50, score: 100, scale: null })).toMatchObject({
      scale: 'karnofsky',
      ecog: '0',
      nihPerformanceScore: 0,
    });
    expect(assessPerformance({ ageYears: 50, score: 80, scale: null })).toMatchObject({
      ecog: '1',
      nihPerformanceScore: 1,
    });
    expect(assessPerformance({ ageYears: 50, score: 60, scale: null })).toMatchObject({
      ecog: '2',
      nihPerformanceScore: 2,
    });
    expect(assessPerformance({ ageYears: 50, score: 50, scale: null })).toMatchObject({
      ecog: '3-4',
      nihPerformanceScore: 3,
    });
    const kid = assessPerformance({ ageYears: 8, score: 60, scale: 'karnofsky' });
    expect(kid.scaleAppropriate).toBe(false);
    expect(kid.explanation).toMatch(/lansky is age-appropriate/);
  });
  it('under 1 year: not applicable, no description, ECOG or NIH score, whatever was recorded (issue 13, defect 10)', () => {
    for (const [ageYears, scale] of [
      [0, null],
      [0.5, 'lansky'],
      [0.99, 'karnofsky'],
    ] as const) {
      expect(assessPerformance({ ageYears, score: 80, scale })).toEqual({
        applicable: false,
        scale: null,
        scaleAppropriate: null,
        description: null,
        ecog: null,
        nihPerformanceScore: null,
        ruleId: 'cibmtr-kps-lansky@1',
        explanation:
          'not applicable under 1 year: Karnofsky (>=16 y) and Lansky (1-<16 y) do not apply; registries leave it blank',
      });
    }
    expect(assessPerformance({ ageYears: 1, score: 80, scale: null })).toMatchObject({
      applicable: true,
      scale: 'lansky',
      ecog: '1',
    });
    expect(assessPerformance({ ageYears: 15.99, score: 80, scale: null }).scale).toBe('lansky');
    expect(assessPerformance({ ageYears: 16, score: 80, scale: null })).toMatchObject({
      applicable: true,
      scale: 'karnofsky',
    });
  });
});

describe('refined DRI', () => {
  it('grid of disease risk × stage risk', () => {
    expect(computeDri({ disease: 'aml', cytogenetics: 'favorable', stage: 'cr' }).dri).toBe('low');
    expect(computeDri({ disease: 'aml', cytogenetics: 'favorable', stage: 'active-relapse' }).dri).toBe('intermediate');
    expect(computeDri({ disease: 'aml', cytogenetics: 'intermediate', stage: 'cr' }).dri).toBe('intermediate');
    expect(computeDri({ disease: 'aml', cytogenetics: 'intermediate', stage: 'pr' }).dri).toBe('high');
    expect(computeDri({ disease: 'aml', cytogenetics: 'adverse', stage: 'cr' }).dri).toBe('high');
    expect(computeDri({ disease: 'aml', cytogenetics: 'adverse', stage: 'induction-failure' }).dri).toBe('very-high');
    expect(computeDri({ disease: 'dlbcl-or-transformed', cytogenetics: null, stage: 'pr' }).dri).toBe('intermediate');
    expect(computeDri({ disease: 'mds', cytogenetics: 'adverse', stage: 'mds-blasts-ge5' }).dri).toBe('very-high');
    expect(computeDri({ disease: 'cml', cytogenetics: null, stage: 'cml-chronic-phase' }).dri).toBe('low');
  });
  it('pins every disease-risk row of the table (Armand 2014 refined DRI)', () => {
    expect(DRI_DISEASE_TABLE.map(([d, c, r]) => `${d}/${c}=${r}`)).toEqual([
      'aml/favorable=low',
      'aml/intermediate=intermediate',
      'aml/adverse=high',
      'mds/intermediate=intermediate',
      'mds/adverse=high',
      'cll/*=low',
      'cml/*=low',
      'indolent-b-nhl/*=low',
      'mpn/*=intermediate',
      'myeloma/*=intermediate',
      'hodgkin/*=intermediate',
      'dlbcl-or-transformed/*=intermediate',
      'mantle-cell/*=intermediate',
      'nodal-t-cell/*=intermediate',
      'all/*=intermediate',
      'extranodal-t-cell/*=high',
    ]);
    // Every disease of the input has a row.
    for (const d of DriDiseaseSchema.options) {
      expect(
        DRI_DISEASE_TABLE.some(([x]) => x === d),
        d
      ).toBe(true);
    }
  });
  it('has no "MDS favourable" row: refused as not in the table, never guessed (issue 13, defect 11)', () => {
    const r = computeDri({ disease: 'mds', cytogenetics: 'favorable', stage: 'mds-blasts-lt5' });
    expect(r).toMatchObject({ dri: null, diseaseRisk: null, ruleId: 'dri-refined-armand-2014@2' });
    expect(r.explanation).toMatch(/no favourable group for MDS/);
  });
  it.each([
    // disease, stage, stage risk
    ['aml', 'cr', 'low'],
    ['aml', 'pr', 'high'],
    ['aml', 'induction-failure', 'high'],
    ['aml', 'active-relapse', 'high'],
    ['aml', 'stable-or-progressive', null],
    ['all', 'cr', 'low'],
    ['all', 'pr', 'high'],
    ['mds', 'mds-blasts-lt5', 'low'],
    ['mds', 'mds-blasts-ge5', 'high'],
    ['mds', 'cr', null],
    ['cml', 'cml-chronic-phase', 'low'],
    ['cml', 'cml-accelerated-or-blast', 'high'],
    ['cml', 'cr', null],
    ['myeloma', 'cr', 'low'],
    ['myeloma', 'pr', 'low'],
    ['myeloma', 'stable-or-progressive', 'high'],
    ['hodgkin', 'pr', 'low'],
    ['dlbcl-or-transformed', 'active-relapse', 'high'],
    ['extranodal-t-cell', 'stable-or-progressive', 'high'],
    ['mpn', 'cr', 'low'],
    ['mpn', 'pr', null],
  ] as const)('stage risk of %s in %s -> %s', (disease, stage, risk) => {
    expect(driStageRisk(disease, stage)).toBe(risk);
  });
  it.each([
    ['low', 'low', 'low'],
    ['low', 'high', 'intermediate'],
    ['intermediate', 'low', 'intermediate'],
    ['intermediate', 'high', 'high'],
    ['high', 'low', 'high'],
    ['high', 'high', 'very-high'],
  ] as const)('disease risk %s × stage risk %s -> DRI %s', (diseaseRisk, stageRisk, dri) => {
    const disease = ({ low: 'cll', intermediate: 'myeloma', high: 'extranodal-t-cell' } as const)[diseaseRisk];
    const stage = stageRisk === 'low' ? 'cr' : 'active-relapse';
    expect(computeDri({ disease, cytogenetics: null, stage })).toMatchObject({ diseaseRisk, stageRisk, dri });
  });
  it('returns null for combinations outside the table instead of guessing', () => {
    expect(computeDri({ disease: 'aml', cytogenetics: null, stage: 'cr' }).dri).toBeNull();
    expect(computeDri({ disease: 'mds', cytogenetics: 'intermediate', stage: 'cr' }).dri).toBeNull();
    expect(driStageRisk('all', 'stable-or-progressive')).toBeNull();
  });
});

describe('EBMT risk score', () => {
  const base: EbmtInput = {
    transplantType: 'allogeneic',
    ageYears: 19,
    diseaseStage: 'early',
    firstCompleteRemission: false,
    monthsFromDiagnosis: 6,
    donorType: 'hla-identical-sibling',
    donorSex: 'male',
    recipientSex: 'male',
  };
  const s = (over: Partial<EbmtInput>, opts = {}): number => computeEbmtScore({ ...base, ...over }, opts).score;
  it('age boundaries <20 / 20-40 / >40', () => {
    expect(s({ ageYears: 19.9 })).toBe(0);
    expect(s({ ageYears: 20 })).toBe(1);
    expect(s({ ageYears: 40 })).toBe(1);
    expect(s({ ageYears: 40.1 })).toBe(2);
  });
  it('stage, donor and female-to-male mismatch', () => {
    expect(s({ diseaseStage: 'intermediate' })).toBe(1);
    expect(s({ diseaseStage: 'late' })).toBe(2);
    expect(s({ donorType: 'unrelated' })).toBe(1);
    expect(s({ donorSex: 'female' })).toBe(1);
    expect(s({ donorSex: 'female', recipientSex: 'female' })).toBe(0);
  });
  it('[VERIFY] options: exactly 12 months and the CR1 exception', () => {
    expect(s({ monthsFromDiagnosis: 12 })).toBe(0);
    expect(s({ monthsFromDiagnosis: 12.1 })).toBe(1);
    expect(s({ monthsFromDiagnosis: 12 }, { twelveMonths: 'exactly-12-scores-1' })).toBe(1);
    expect(s({ monthsFromDiagnosis: 30, firstCompleteRemission: true })).toBe(0);
    expect(s({ monthsFromDiagnosis: 30, firstCompleteRemission: true }, { cr1TimeException: false })).toBe(1);
  });
  it('maximum 7 allogeneic, 5 autologous; risk groups', () => {
    const worst = {
      ageYears: 60,
      diseaseStage: 'late',
      monthsFromDiagnosis: 24,
      donorType: 'unrelated',
      donorSex: 'female',
    } as const;
    expect(computeEbmtScore({ ...base, ...worst })).toMatchObject({ score: 7, riskGroup: 'high' });
    expect(s({ ...worst, transplantType: 'autologous' })).toBe(5);
    expect(computeEbmtScore({ ...base, ageYears: 30, diseaseStage: 'late' }).riskGroup).toBe('intermediate-1');
    expect(computeEbmtScore({ ...base, ageYears: 50, diseaseStage: 'late' }).riskGroup).toBe('intermediate-2');
  });
});
