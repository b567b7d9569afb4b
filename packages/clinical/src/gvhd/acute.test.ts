import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AgvhdInputSchema,
  gradeAgvhdMagic,
  gradeAgvhdModifiedGlucksberg,
  ibmtrIndexFromStages,
  ibmtrSeverityIndex,
  stageKeystoneDiarrhoea,
  keystoneGradeFromStages,
  magicGradeFromStages,
  stageAdultStoolEpisodes,
  stageAdultStoolVolume,
  stageChildStoolEpisodes,
  stageChildStoolVolume,
  stageLiver,
  stageSkin,
  type AgvhdInput,
  type AgvhdStages,
} from './acute';

const none: AgvhdInput = {
  skinRashBsaPercent: 0,
  skinBullae: false,
  bilirubinMgDl: 0.8,
  upperGi: false,
  pediatric: false,
  stoolMlPerDay: null,
  stoolMlPerKgPerDay: null,
  stoolEpisodesPerDay: null,
  severePainOrIleus: false,
  grossBleeding: false,
};
const run = (over: Partial<AgvhdInput>, opts = {}): ReturnType<typeof gradeAgvhdMagic> =>
  gradeAgvhdMagic({ ...none, ...over }, opts);

describe('MAGIC skin stage', () => {
  it.each([
    [0, false, 0],
    [0.1, false, 1],
    [24.9, false, 1],
    [25, false, 2],
    [50, false, 2],
    [50.1, false, 3],
    [100, false, 3],
    [50, true, 2],
    [50.1, true, 4],
  ])('%f%% bullae=%s -> stage %i', (bsa, bullae, s) => {
    expect(stageSkin(bsa, bullae)[0]).toBe(s);
  });
});

describe('MAGIC liver stage (bilirubin mg/dL)', () => {
  it.each([
    [1.99, 0],
    [2, 1],
    [3, 1],
    [3.01, 2],
    [3.1, 2],
    [6, 2],
    [6.01, 3],
    [6.1, 3],
    [15, 3],
    [15.01, 4],
  ])('%f -> stage %i', (b, s) => {
    expect(stageLiver(b)[0]).toBe(s);
  });
});

describe('MAGIC lower GI stage', () => {
  it.each([
    [499, 0],
    [500, 1],
    [999, 1],
    [1000, 2],
    [1500, 2],
    [1501, 3],
  ])('adult %i mL/day -> %i', (v, s) => expect(stageAdultStoolVolume(v)).toBe(s));
  it.each([
    [2, 0],
    [3, 1],
    [4, 1],
    [5, 2],
    [7, 2],
    [8, 3],
  ])('adult %i episodes -> %i', (v, s) => expect(stageAdultStoolEpisodes(v)).toBe(s));
  it.each([
    [9.9, 0],
    [10, 1],
    [19.9, 1],
    [20, 2],
    [30, 2],
    [30.1, 3],
  ])('child %f mL/kg/day -> %i', (v, s) => expect(stageChildStoolVolume(v)).toBe(s));
  it.each([
    [3, 0],
    [4, 1],
    [6, 1],
    [7, 2],
    [10, 2],
    [11, 3],
  ])('child %i episodes -> %i', (v, s) => expect(stageChildStoolEpisodes(v)).toBe(s));

  it('stage 4 for severe pain/ileus or gross bleeding whatever the volume', () => {
    expect(run({ severePainOrIleus: true }).stages.lowerGi).toBe(4);
    expect(run({ grossBleeding: true, stoolMlPerDay: 100 }).stages.lowerGi).toBe(4);
  });

  it('uses the pediatric criteria when pediatric', () => {
    expect(run({ pediatric: true, stoolMlPerKgPerDay: 25 }).stages.lowerGi).toBe(2);
    expect(run({ pediatric: true, stoolEpisodesPerDay: 5 }).stages.lowerGi).toBe(1);
    expect(run({ pediatric: false, stoolEpisodesPerDay: 5 }).stages.lowerGi).toBe(2);
    // derives mL/kg from mL/day when the weight is known
    expect(run({ pediatric: true, stoolMlPerDay: 700, weightKg: 20 }).stages.lowerGi).toBe(3);
    expect(run({ pediatric: false, stoolMlPerKgPerDay: 20, weightKg: 60 }).stages.lowerGi).toBe(2);
  });

  it('a stool volume the criteria cannot use and no weight: "cannot be graded: weight needed", never stage 0 (issue 13, defect 9)', () => {
    // Adult criteria need mL/day; pediatric ones mL/kg/day.
    expect(() => run({ pediatric: false, stoolMlPerKgPerDay: 20 })).toThrow(
      'lower GI cannot be graded: weight needed to convert the stool output from mL/kg/day to mL/day (adult criteria)'
    );
    expect(() => run({ pediatric: true, stoolMlPerDay: 900 })).toThrow(
      /lower GI cannot be graded: weight needed .* mL\/kg\/day \(pediatric criteria\)/
    );
    // Nor does it fall back on the episodes while a volume was recorded.
    expect(() => run({ pediatric: false, stoolMlPerKgPerDay: 40, stoolEpisodesPerDay: 3 })).toThrow(/weight needed/);
    // The schema refuses it at the edge, on the weight field.
    const r = AgvhdInputSchema.safeParse({ ...none, stoolMlPerKgPerDay: 20 });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({
      path: ['weightKg'],
      message: expect.stringMatching(/cannot be graded: weight needed/),
    });
    expect(AgvhdInputSchema.safeParse({ ...none, stoolMlPerKgPerDay: 20, weightKg: 60 }).success).toBe(true);
    expect(AgvhdInputSchema.safeParse({ ...none, pediatric: true, stoolMlPerDay: 900 }).error!.issues[0]!.path).toEqual(
      ['weightKg']
    );
    // The usable unit needs no weight.
    expect(AgvhdInputSchema.safeParse({ ...none, stoolMlPerDay: 900 }).success).toBe(true);
    expect(AgvhdInputSchema.safeParse({ ...none, pediatric: true, stoolMlPerKgPerDay: 15 }).success).toBe(true);
  });

  it('[VERIFY] option: volume vs episodes when they disagree', () => {
    const input = { stoolMlPerDay: 600, stoolEpisodesPerDay: 9 };
    expect(run(input).stages.lowerGi).toBe(1);
    expect(run(input).stageExplanations.lowerGi).toMatch(/volume preferred/);
    expect(run(input, { lowerGiMeasure: 'episodes-preferred' }).stages.lowerGi).toBe(3);
    expect(run(input, { lowerGiMeasure: 'higher-stage' }).stages.lowerGi).toBe(3);
    expect(
      run({ stoolMlPerDay: 1600, stoolEpisodesPerDay: 3 }, { lowerGiMeasure: 'higher-stage' }).stages.lowerGi
    ).toBe(3);
  });

  it('[VERIFY] option: COG/PBMTC adult criteria for children >50 kg', () => {
    const kid = { pediatric: true, stoolMlPerDay: 1200, stoolMlPerKgPerDay: 20, weightKg: 60 };
    expect(run(kid).stages.lowerGi).toBe(2);
    expect(run({ ...kid, stoolMlPerDay: 800 }, { pediatricAdultCriteriaAbove50Kg: true }).stages.lowerGi).toBe(1);
    expect(
      run({ ...kid, weightKg: 50, stoolMlPerDay: 800 }, { pediatricAdultCriteriaAbove50Kg: true }).stages.lowerGi
    ).toBe(2);
  });
});

describe('MAGIC overall grade', () => {
  const s = (skin: number, liver: number, upperGi: number, lowerGi: number): AgvhdStages => ({
    skin,
    liver,
    upperGi,
    lowerGi,
  });
  it.each([
    [s(0, 0, 0, 0), 0],
    [s(1, 0, 0, 0), 1],
    [s(2, 0, 0, 0), 1],
    [s(3, 0, 0, 0), 2],
    [s(0, 1, 0, 0), 2],
    [s(0, 0, 1, 0), 2],
    [s(0, 0, 0, 1), 2],
    [s(2, 0, 1, 0), 2],
    [s(0, 2, 0, 0), 3],
    [s(3, 3, 1, 0), 3],
    [s(0, 0, 1, 3), 3],
    [s(4, 0, 0, 0), 4],
    [s(0, 4, 0, 0), 4],
    [s(0, 0, 0, 4), 4],
  ])('%o -> grade %i', (stages, grade) => {
    expect(magicGradeFromStages(stages)[0]).toBe(grade);
  });

  it('end-to-end with explanation', () => {
    const r = run({ skinRashBsaPercent: 30, bilirubinMgDl: 4.2, stoolMlPerDay: 800 });
    expect(r.stages).toEqual({ skin: 2, liver: 2, upperGi: 0, lowerGi: 1 });
    expect(r.grade).toBe(3);
    expect(r.explanation).toBe('grade III: liver stage 2-3');
    expect(r.ruleId).toBe('magic-2016-agvhd@1;lowerGiMeasure=volume-preferred;pediatricAdultCriteriaAbove50Kg=false');
  });

  it('is monotone in every organ stage', () => {
    const st = fc.record({
      skin: fc.integer({ min: 0, max: 4 }),
      liver: fc.integer({ min: 0, max: 4 }),
      upperGi: fc.integer({ min: 0, max: 1 }),
      lowerGi: fc.integer({ min: 0, max: 4 }),
    });
    fc.assert(
      fc.property(st, st, (a, b) => {
        const lo = s(
          Math.min(a.skin, b.skin),
          Math.min(a.liver, b.liver),
          Math.min(a.upperGi, b.upperGi),
          Math.min(a.lowerGi, b.lowerGi)
        );
        const hi = s(
          Math.max(a.skin, b.skin),
          Math.max(a.liver, b.liver),
          Math.max(a.upperGi, b.upperGi),
          Math.max(a.lowerGi, b.lowerGi)
        );
        const k = (x: AgvhdStages) => ({ skin: x.skin, liver: x.liver, gut: Math.max(x.upperGi, x.lowerGi) });
        return (
          magicGradeFromStages(lo)[0] <= magicGradeFromStages(hi)[0] &&
          keystoneGradeFromStages(k(lo))[0] <= keystoneGradeFromStages(k(hi))[0]
        );
      })
    );
  });

  it('is monotone in the raw inputs', () => {
    const raw = fc.record({
      bsa: fc.double({ min: 0, max: 100, noNaN: true }),
      bul: fc.boolean(),
      bili: fc.double({ min: 0, max: 30, noNaN: true }),
      ug: fc.boolean(),
      vol: fc.double({ min: 0, max: 3000, noNaN: true }),
      pain: fc.boolean(),
    });
    fc.assert(
      fc.property(raw, raw, (a, b) => {
        const mk = (bsa: number, bul: boolean, bili: number, ug: boolean, vol: number, pain: boolean): AgvhdInput => ({
          ...none,
          skinRashBsaPercent: bsa,
          skinBullae: bul,
          bilirubinMgDl: bili,
          upperGi: ug,
          stoolMlPerDay: vol,
          severePainOrIleus: pain,
        });
        const lo = mk(
          Math.min(a.bsa, b.bsa),
          a.bul && b.bul,
          Math.min(a.bili, b.bili),
          a.ug && b.ug,
          Math.min(a.vol, b.vol),
          a.pain && b.pain
        );
        const hi = mk(
          Math.max(a.bsa, b.bsa),
          a.bul || b.bul,
          Math.max(a.bili, b.bili),
          a.ug || b.ug,
          Math.max(a.vol, b.vol),
          a.pain || b.pain
        );
        return gradeAgvhdMagic(lo).grade <= gradeAgvhdMagic(hi).grade;
      })
    );
  });
});

describe('Keystone 1994 (Przepiorka 1995) staging and grade, by its own table', () => {
  const k = (over: Partial<AgvhdInput>, opts = {}) => gradeAgvhdModifiedGlucksberg({ ...none, ...over }, opts);
  it.each([
    [0, 0],
    [500, 0],
    [501, 1],
    [1000, 1],
    [1001, 2],
    [1500, 2],
    [1501, 3],
  ])('diarrhoea %i mL/day -> gut %i (>500, >1000, >1500)', (ml, stage) => {
    expect(stageKeystoneDiarrhoea(ml)).toBe(stage);
    expect(k({ stoolMlPerDay: ml }).stages.gut).toBe(stage);
  });
  it('500 mL/day is MAGIC lower GI 1 but Keystone gut 0', () => {
    const r = k({ stoolMlPerDay: 500 });
    expect(r).toMatchObject({ grade: 0, magicGrade: 2, differsFromMagic: true });
  });
  it('gut stage 4 is severe abdominal pain with or without ileus: grade III (IV in MAGIC)', () => {
    const r = k({ severePainOrIleus: true });
    expect(r.stages.gut).toBe(4);
    expect(r).toMatchObject({ grade: 3, magicGrade: 4 });
    expect(r.explanation).toMatch(/grade IV in MAGIC/);
  });
  it('gross bleeding is not a Keystone criterion: staged by the volume (MAGIC makes it stage 4)', () => {
    const r = k({ grossBleeding: true, stoolMlPerDay: 600 });
    expect(r.stages.gut).toBe(1);
    expect(r.stageExplanations.gut).toMatch(/not a Keystone criterion/);
    expect(r).toMatchObject({ grade: 2, magicGrade: 4 });
  });
  it('nausea counts as gut stage 1 only with a positive upper-GI biopsy (option), never above the volume stage', () => {
    expect(k({ upperGi: true }).stages.gut).toBe(0);
    expect(k({ upperGi: true }).stageExplanations.gut).toMatch(/without a positive upper-GI biopsy/);
    expect(k({ upperGi: true, upperGiBiopsyPositive: true })).toMatchObject({ stages: { gut: 1 }, grade: 2 });
    expect(k({ upperGi: true }, { requireUpperGiBiopsy: false }).grade).toBe(2);
    expect(k({ upperGi: true, upperGiBiopsyPositive: true, stoolMlPerDay: 1200 }).stages.gut).toBe(2);
  });
  it('stool episodes alone, or a child’s stool output, cannot be staged by Keystone (refused, never 0)', () => {
    expect(() => k({ stoolEpisodesPerDay: 9 })).toThrow(/diarrhoea volume \(mL\/day\) is needed/);
    expect(() => k({ pediatric: true, stoolMlPerKgPerDay: 25 })).toThrow(/for a child/);
    expect(k({ stoolMlPerKgPerDay: 20, weightKg: 60 }).stages.gut).toBe(2);
  });
  it.each([
    [{ skin: 1, liver: 0, gut: 0 }, 1],
    [{ skin: 2, liver: 0, gut: 0 }, 1],
    [{ skin: 3, liver: 0, gut: 0 }, 2],
    [{ skin: 0, liver: 1, gut: 0 }, 2],
    [{ skin: 0, liver: 0, gut: 1 }, 2],
    [{ skin: 0, liver: 2, gut: 0 }, 3],
    [{ skin: 0, liver: 3, gut: 0 }, 3],
    [{ skin: 0, liver: 0, gut: 2 }, 3],
    [{ skin: 0, liver: 0, gut: 4 }, 3],
    [{ skin: 4, liver: 0, gut: 0 }, 4],
    [{ skin: 0, liver: 4, gut: 0 }, 4],
    [{ skin: 0, liver: 0, gut: 0 }, 0],
  ])('grade of %o -> %i (Table 2)', (stages, grade) => {
    expect(keystoneGradeFromStages(stages)[0]).toBe(grade);
  });
  it('skin 4 or liver 4 is grade IV in both', () => {
    expect(k({ bilirubinMgDl: 16 }).grade).toBe(4);
  });
});

describe('IBMTR severity index (Rowlings 1997) from the Keystone organ stages', () => {
  it.each([
    [{ skin: 1, liver: 0, gut: 0 }, 'A'],
    [{ skin: 2, liver: 0, gut: 0 }, 'B'],
    [{ skin: 1, liver: 2, gut: 0 }, 'B'],
    [{ skin: 0, liver: 0, gut: 2 }, 'B'],
    [{ skin: 3, liver: 0, gut: 0 }, 'C'],
    [{ skin: 0, liver: 3, gut: 0 }, 'C'],
    [{ skin: 0, liver: 0, gut: 3 }, 'C'],
    [{ skin: 4, liver: 0, gut: 0 }, 'D'],
    [{ skin: 0, liver: 0, gut: 4 }, 'D'],
    [{ skin: 0, liver: 0, gut: 0 }, 'none'],
  ] as const)('%o -> %s', (stages, index) => {
    expect(ibmtrIndexFromStages(stages)[0]).toBe(index);
  });
  const i = (over: Partial<AgvhdInput>, opts = {}) => ibmtrSeverityIndex({ ...none, ...over }, opts);
  it('stages the gut by volume, not by MAGIC: gross bleeding is not stage 4, nausea without biopsy is not gut involvement', () => {
    expect(i({ grossBleeding: true, stoolMlPerDay: 300 })).toMatchObject({ stages: { gut: 0 }, index: 'none' });
    expect(i({ upperGi: true }).index).toBe('none');
    expect(i({ upperGi: true, upperGiBiopsyPositive: true }).index).toBe('B');
    expect(i({ upperGi: true, upperGiBiopsyPositive: true }, { countUpperGi: false }).index).toBe('none');
    expect(i({ stoolMlPerDay: 1501 }).index).toBe('C');
    expect(i({ stoolMlPerDay: 500 }).index).toBe('none');
    expect(i({ severePainOrIleus: true }).index).toBe('D');
    expect(i({}).ruleId).toBe('ibmtr-1997-agvhd-index@2;countUpperGi=true;requireUpperGiBiopsy=true');
  });
});
