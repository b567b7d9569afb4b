import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  gradeAgvhdMagic,
  gradeAgvhdModifiedGlucksberg,
  ibmtrIndexFromStages,
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
    const unusable = run({ pediatric: false, stoolMlPerKgPerDay: 20 });
    expect(unusable.stages.lowerGi).toBe(0);
    expect(unusable.stageExplanations.lowerGi).toMatch(/give weightKg/);
    expect(run({ pediatric: true, stoolMlPerDay: 900 }).stageExplanations.lowerGi).toMatch(/need mL\/kg\/day/);
  });

  it('[VERIFY] option: volume vs episodes when they disagree', () => {
    const input = { stoolMlPerDay: 600, stoolEpisodesPerDay: 9 };
    expect(run(input).stages.lowerGi).toBe(1);
    expect(run(input).stageExplanations.lowerGi).toMatch(/volume preferred/);
    expect(run(input, { lowerGiMeasure: 'episodes-preferred' }).stages.lowerGi).toBe(3);
    expect(run(input, { lowerGiMeasure: 'higher-stage' }).stages.lowerGi).toBe(3);
    expect(run({ stoolMlPerDay: 1600, stoolEpisodesPerDay: 3 }, { lowerGiMeasure: 'higher-stage' }).stages.lowerGi).toBe(3);
  });

  it('[VERIFY] option: COG/PBMTC adult criteria for children >50 kg', () => {
    const kid = { pediatric: true, stoolMlPerDay: 1200, stoolMlPerKgPerDay: 20, weightKg: 60 };
    expect(run(kid).stages.lowerGi).toBe(2);
    expect(run({ ...kid, stoolMlPerDay: 800 }, { pediatricAdultCriteriaAbove50Kg: true }).stages.lowerGi).toBe(1);
    expect(run({ ...kid, weightKg: 50, stoolMlPerDay: 800 }, { pediatricAdultCriteriaAbove50Kg: true }).stages.lowerGi).toBe(2);
  });
});

describe('MAGIC overall grade', () => {
  const s = (skin: number, liver: number, upperGi: number, lowerGi: number): AgvhdStages => ({ skin, liver, upperGi, lowerGi });
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
        const lo = s(Math.min(a.skin, b.skin), Math.min(a.liver, b.liver), Math.min(a.upperGi, b.upperGi), Math.min(a.lowerGi, b.lowerGi));
        const hi = s(Math.max(a.skin, b.skin), Math.max(a.liver, b.liver), Math.max(a.upperGi, b.upperGi), Math.max(a.lowerGi, b.lowerGi));
        return (
          magicGradeFromStages(lo)[0] <= magicGradeFromStages(hi)[0] &&
          keystoneGradeFromStages(lo)[0] <= keystoneGradeFromStages(hi)[0]
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
        const lo = mk(Math.min(a.bsa, b.bsa), a.bul && b.bul, Math.min(a.bili, b.bili), a.ug && b.ug, Math.min(a.vol, b.vol), a.pain && b.pain);
        const hi = mk(Math.max(a.bsa, b.bsa), a.bul || b.bul, Math.max(a.bili, b.bili), a.ug || b.ug, Math.max(a.vol, b.vol), a.pain || b.pain);
        return gradeAgvhdMagic(lo).grade <= gradeAgvhdMagic(hi).grade;
      })
    );
  });
});

describe('modified Glucksberg (Keystone) and IBMTR', () => {
  it('lower GI stage 4 is grade III in Keystone but IV in MAGIC', () => {
    const r = gradeAgvhdModifiedGlucksberg({ ...none, grossBleeding: true });
    expect(r.grade).toBe(3);
    expect(r.magicGrade).toBe(4);
    expect(r.differsFromMagic).toBe(true);
    expect(r.explanation).toMatch(/grade IV in MAGIC/);
  });
  it('upper GI stage 1 needs a positive biopsy by default (option)', () => {
    expect(gradeAgvhdModifiedGlucksberg({ ...none, upperGi: true }).grade).toBe(0);
    expect(gradeAgvhdModifiedGlucksberg({ ...none, upperGi: true, upperGiBiopsyPositive: true }).grade).toBe(2);
    expect(gradeAgvhdModifiedGlucksberg({ ...none, upperGi: true }, { requireUpperGiBiopsy: false }).grade).toBe(2);
  });
  it('skin 4 or liver 4 is grade IV in both', () => {
    expect(gradeAgvhdModifiedGlucksberg({ ...none, bilirubinMgDl: 16 }).grade).toBe(4);
  });
  it('IBMTR index is set by the worst organ', () => {
    expect(ibmtrIndexFromStages({ skin: 1, liver: 0, upperGi: 0, lowerGi: 0 })[0]).toBe('A');
    expect(ibmtrIndexFromStages({ skin: 2, liver: 0, upperGi: 0, lowerGi: 0 })[0]).toBe('B');
    expect(ibmtrIndexFromStages({ skin: 1, liver: 2, upperGi: 0, lowerGi: 0 })[0]).toBe('B');
    expect(ibmtrIndexFromStages({ skin: 3, liver: 0, upperGi: 0, lowerGi: 0 })[0]).toBe('C');
    expect(ibmtrIndexFromStages({ skin: 0, liver: 0, upperGi: 0, lowerGi: 4 })[0]).toBe('D');
    expect(ibmtrIndexFromStages({ skin: 0, liver: 0, upperGi: 0, lowerGi: 0 })[0]).toBe('none');
  });
});
