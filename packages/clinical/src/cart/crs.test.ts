import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CrsInputSchema, crsUngradable, gradeCrs, HypotensionSchema, OxygenSupportSchema, type CrsInput } from './crs';

const base: CrsInput = { maxTempC: 38.5, feverMaskedByTreatment: false, hypotension: 'none', oxygen: 'none' };
const g = (over: Partial<CrsInput>): number => gradeCrs({ ...base, ...over }).grade;

describe('ASTCT 2019 CRS grade', () => {
  it.each([
    [{}, 1],
    [{ hypotension: 'no-vasopressor' }, 2],
    [{ oxygen: 'low-flow' }, 2],
    [{ hypotension: 'one-vasopressor' }, 3],
    [{ oxygen: 'high-flow' }, 3],
    [{ hypotension: 'multiple-vasopressors' }, 4],
    [{ oxygen: 'positive-pressure' }, 4],
    [{ hypotension: 'no-vasopressor', oxygen: 'positive-pressure' }, 4],
    [{ hypotension: 'multiple-vasopressors', oxygen: 'low-flow' }, 4],
  ] as [Partial<CrsInput>, number][])('%o -> grade %i', (over, grade) => {
    expect(g(over)).toBe(grade);
  });

  it('source footnote example: fever + one vasopressor + low-flow oxygen is grade 3', () => {
    const r = gradeCrs({ ...base, hypotension: 'one-vasopressor', oxygen: 'low-flow' });
    expect(r.grade).toBe(3);
    expect(r.explanation).toBe('grade 3: one vasopressor');
    expect(r.ruleId).toBe('astct-2019-crs@1');
  });

  it('fever boundary is >= 38.0 °C', () => {
    expect(g({ maxTempC: 38.0 })).toBe(1);
    expect(g({ maxTempC: 37.9 })).toBe(0);
    expect(g({ maxTempC: 38.1 })).toBe(1);
    expect(g({ maxTempC: null })).toBe(0);
  });

  it('hypotension or hypoxia without a recorded temperature cannot be graded, never grade 0 (issue 13)', () => {
    expect(() => gradeCrs({ ...base, maxTempC: null, hypotension: 'one-vasopressor' })).toThrow(
      /CRS cannot be graded: the highest temperature is needed/
    );
    expect(() => gradeCrs({ ...base, maxTempC: null, oxygen: 'high-flow' })).toThrow(/temperature is needed/);
    const r = CrsInputSchema.safeParse({ ...base, maxTempC: null, hypotension: 'no-vasopressor' });
    expect(r.error!.issues[0]).toMatchObject({ path: ['maxTempC'] });
    expect(gradeCrs({ ...base, maxTempC: null }).explanation).toBe(
      'grade 0: no temperature recorded, no hypotension or hypoxia'
    );
    expect(CrsInputSchema.safeParse({ ...base, maxTempC: 24.9 }).error!.issues[0]!.message).toBe(
      'highest temperature must be at least 25 °C'
    );
    expect(CrsInputSchema.safeParse({ ...base, maxTempC: 45.1 }).error!.issues[0]!.message).toBe(
      'highest temperature must be at most 45 °C'
    );
    expect(CrsInputSchema.safeParse({ ...base, maxTempC: 25 }).success).toBe(true);
  });

  it('without fever and without masking there is no CRS even with hypotension', () => {
    const r = gradeCrs({ ...base, maxTempC: 37.2, hypotension: 'one-vasopressor' });
    expect(r.grade).toBe(0);
    expect(r.explanation).toMatch(/requires fever/);
  });

  it('masked fever: grading is driven by hypotension and hypoxia alone', () => {
    expect(g({ maxTempC: 37.0, feverMaskedByTreatment: true, hypotension: 'one-vasopressor' })).toBe(3);
    expect(g({ maxTempC: null, feverMaskedByTreatment: true, oxygen: 'low-flow' })).toBe(2);
    const r = gradeCrs({ ...base, maxTempC: 36.8, feverMaskedByTreatment: true });
    expect(r.grade).toBe(0);
    expect(r.explanation).toMatch(/masked/);
  });

  it('names both criteria when they tie', () => {
    expect(gradeCrs({ ...base, hypotension: 'one-vasopressor', oxygen: 'high-flow' }).explanation).toBe(
      'grade 3: one vasopressor and high-flow oxygen (>6 L/min) or mask'
    );
  });

  it('rejects malformed input', () => {
    expect(CrsInputSchema.safeParse({ ...base, hypotension: 'two' }).success).toBe(false);
    expect(CrsInputSchema.safeParse({ ...base, maxTempC: '38' }).success).toBe(false);
  });

  it('is monotone: a worse input never lowers the grade', () => {
    const hyp = HypotensionSchema.options;
    const oxy = OxygenSupportSchema.options;
    const arb = fc.record({
      t: fc.option(fc.double({ min: 35, max: 42, noNaN: true }), { nil: null }),
      m: fc.boolean(),
      h: fc.integer({ min: 0, max: 3 }),
      o: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        const lo = { t: a.t, m: a.m && b.m, h: Math.min(a.h, b.h), o: Math.min(a.o, b.o) };
        const hiT = a.t == null ? b.t : b.t == null ? a.t : Math.max(a.t, b.t);
        const hi = { t: hiT, m: a.m || b.m, h: Math.max(a.h, b.h), o: Math.max(a.o, b.o) };
        const loT = a.t == null || b.t == null ? null : Math.min(a.t, b.t);
        const mk = (x: typeof lo, t: number | null): CrsInput => ({
          maxTempC: t,
          feverMaskedByTreatment: x.m,
          hypotension: hyp[x.h]!,
          oxygen: oxy[x.o]!,
        });
        const [l, h] = [mk(lo, loT), mk(hi, hiT)];
        // Inputs that cannot be graded (no temperature with hypotension or hypoxia) are refused, not ordered.
        if (crsUngradable(l) || crsUngradable(h)) return true;
        return gradeCrs(l).grade <= gradeCrs(h).grade;
      })
    );
  });
});
