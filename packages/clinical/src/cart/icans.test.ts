import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  capdDomainGrade,
  CerebralEdemaSchema,
  ConsciousnessSchema,
  gradeIcans,
  iceDomainGrade,
  SeizureSchema,
  usesCapd,
  type IcansInput,
} from './icans';

const adult: IcansInput = {
  ageYears: 45,
  ice: 10,
  capd: null,
  consciousness: 'normal',
  seizure: 'none',
  motor: 'none',
  cerebralEdema: 'none',
};
const child: IcansInput = { ...adult, ageYears: 8, ice: null, capd: 0 };
const g = (over: Partial<IcansInput>, from = adult): number => gradeIcans({ ...from, ...over }).grade;

describe('ICANS: ICE domain boundaries', () => {
  it.each([
    [10, 0],
    [9, 1],
    [7, 1],
    [6, 2],
    [3, 2],
    [2, 3],
    [0, 3],
  ])('ICE %i -> grade %i', (ice, grade) => {
    expect(iceDomainGrade(ice)).toBe(grade);
    expect(g({ ice })).toBe(grade);
  });
});

describe('ICANS: other domains', () => {
  it.each([
    [{ consciousness: 'awakens-spontaneously' }, 1],
    [{ consciousness: 'awakens-to-voice' }, 2],
    [{ consciousness: 'awakens-to-touch' }, 3],
    [{ consciousness: 'unarousable' }, 4],
    [{ seizure: 'self-limiting' }, 3],
    [{ seizure: 'prolonged-or-repetitive' }, 4],
    [{ motor: 'deep-focal-weakness' }, 4],
    [{ cerebralEdema: 'focal' }, 3],
    [{ cerebralEdema: 'diffuse' }, 4],
  ] as [Partial<IcansInput>, number][])('%o -> grade %i', (over, grade) => {
    expect(g(over)).toBe(grade);
  });

  it('ICE 0 awake with global aphasia is grade 3; ICE 0 unarousable is grade 4', () => {
    expect(g({ ice: 0 })).toBe(3);
    expect(g({ ice: 0, consciousness: 'unarousable' })).toBe(4);
  });

  it('source example: ICE 3 plus a generalized seizure is grade 3', () => {
    const r = gradeIcans({ ...adult, ice: 3, seizure: 'self-limiting' });
    expect(r.grade).toBe(3);
    expect(r.explanation).toMatch(/^grade 3: clinical seizure/);
  });

  it('explains the determining domain', () => {
    expect(gradeIcans({ ...adult, ice: 5 }).explanation).toMatch(/^grade 2: ICE 5; ICE used/);
    expect(gradeIcans({ ...adult, ice: null, consciousness: 'unarousable' }).explanation).toBe(
      'grade 4: unarousable; no ICE or CAPD recorded (age 45, rule 12-or-under selects ICE)'
    );
  });
});

describe('ICANS: children and CAPD', () => {
  it('CAPD domain: 0 -> 0, 1-8 -> 1, >=9 -> 3', () => {
    expect(capdDomainGrade(0)).toBe(0);
    expect(capdDomainGrade(1)).toBe(1);
    expect(capdDomainGrade(8)).toBe(1);
    expect(capdDomainGrade(9)).toBe(3);
    expect(capdDomainGrade(32)).toBe(3);
  });
  it('grades 1 and 2 share CAPD 1-8 and are told apart by consciousness', () => {
    expect(g({ capd: 5, consciousness: 'awakens-spontaneously' }, child)).toBe(1);
    expect(g({ capd: 5, consciousness: 'awakens-to-voice' }, child)).toBe(2);
    expect(g({ capd: 9 }, child)).toBe(3);
    expect(g({ capd: null, consciousness: 'unarousable' }, child)).toBe(4);
  });
  it('age boundary: default CAPD for age <=12 (NCIt); option under-12 (MDedge)', () => {
    expect(usesCapd(12, '12-or-under')).toBe(true);
    expect(usesCapd(12.5, '12-or-under')).toBe(false);
    expect(usesCapd(11.9, 'under-12')).toBe(true);
    expect(usesCapd(12, 'under-12')).toBe(false);
    expect(usesCapd(30, 'under-12', true)).toBe(true);
    const twelve: IcansInput = { ...adult, ageYears: 12, ice: 5, capd: 10 };
    expect(gradeIcans(twelve).assessment).toBe('capd');
    expect(gradeIcans(twelve).grade).toBe(3);
    const r = gradeIcans(twelve, { capdAgeRule: 'under-12' });
    expect(r.assessment).toBe('ice');
    expect(r.grade).toBe(2);
    expect(r.explanation).toMatch(/rule under-12/);
    expect(r.ruleId).toBe('astct-2019-icans@1;capdAgeRule=under-12');
  });
  it('falls back to the other tool when the age-appropriate one was not done, and says so', () => {
    const r = gradeIcans({ ...child, capd: null, ice: 5 });
    expect(r.grade).toBe(2);
    expect(r.explanation).toMatch(/CAPD not done/);
  });
});

describe('ICANS monotonicity', () => {
  it('a worse input never lowers the grade', () => {
    const cons = ConsciousnessSchema.options;
    const seiz = SeizureSchema.options;
    const edema = CerebralEdemaSchema.options;
    const arb = fc.record({
      ice: fc.integer({ min: 0, max: 10 }),
      c: fc.integer({ min: 0, max: 4 }),
      s: fc.integer({ min: 0, max: 2 }),
      m: fc.integer({ min: 0, max: 1 }),
      e: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        const mk = (ice: number, c: number, s: number, m: number, e: number): IcansInput => ({
          ...adult,
          ice,
          consciousness: cons[c]!,
          seizure: seiz[s]!,
          motor: m ? 'deep-focal-weakness' : 'none',
          cerebralEdema: edema[e]!,
        });
        const better = mk(
          Math.max(a.ice, b.ice),
          Math.min(a.c, b.c),
          Math.min(a.s, b.s),
          Math.min(a.m, b.m),
          Math.min(a.e, b.e)
        );
        const worse = mk(
          Math.min(a.ice, b.ice),
          Math.max(a.c, b.c),
          Math.max(a.s, b.s),
          Math.max(a.m, b.m),
          Math.max(a.e, b.e)
        );
        return gradeIcans(better).grade <= gradeIcans(worse).grade;
      })
    );
  });
});
