// compareIncidence (one tabulation for the curves and Gray's test) against the separate calls it replaces in the
// CLI, on every R-checked data set of fixtures/r-reference.json (cmprsk 2.2-11) and on a large generated one.
import { describe, expect, it } from 'vitest';
import { cumulativeIncidence, type CifGroup } from './cif';
import { compareIncidence } from './compareIncidence';
import fixture from './fixtures/r-reference.json';
import { grayTest } from './gray';

interface Data {
  time: number[];
  cause: number[];
  group: (string | number)[] | null;
}
const cases = (fixture.cif as unknown as { name: string; data: Data }[]).map((c) => [c.name, c.data] as const);

/** Largest relative difference (1e-300 floor) between two sets of curves, or Infinity if their shapes differ. */
function curveDiff(a: CifGroup[], b: CifGroup[]): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  a.forEach((g, gi) => {
    const h = b[gi]!;
    if (g.name !== h.name || g.n !== h.n || g.causes.length !== h.causes.length) worst = Infinity;
    g.causes.forEach((c, ci) => {
      const d = h.causes[ci]!;
      if (c.cause !== d.cause || c.table.time.length !== d.table.time.length) worst = Infinity;
      for (const col of ['time', 'nRisk', 'nEvent', 'estimate', 'variance', 'lower', 'upper'] as const) {
        c.table[col].forEach((x, i) => {
          const y = d.table[col][i]!;
          if (Number.isNaN(x) && Number.isNaN(y)) return;
          worst = Math.max(worst, Math.abs(x - y) / Math.max(Math.abs(y), 1e-300));
        });
      }
    });
  });
  return worst;
}

describe('compareIncidence: CIF and Gray’s test from one sort (issue 15 §2)', () => {
  it.each(cases)('%s: same curves and tests as cumulativeIncidence + grayTest, to 1e-13', (_, data) => {
    const input = { time: data.time, cause: data.cause, group: data.group ?? undefined };
    const both = compareIncidence(input, { confLevel: 0.9 });
    expect(curveDiff(both.groups, cumulativeIncidence(input, { confLevel: 0.9 }))).toBeLessThanOrEqual(1e-13);
    if (!data.group || new Set(data.group).size < 2) {
      expect(both.gray).toBeNull();
      return;
    }
    const separate = grayTest({ time: data.time, cause: data.cause, group: data.group });
    expect(both.gray?.map((g) => g.cause)).toEqual(separate.map((g) => g.cause));
    both.gray!.forEach((g, i) => {
      const s = separate[i]!;
      for (const v of [g.stat - s.stat, g.p - s.p]) expect(Math.abs(v)).toBeLessThanOrEqual(1e-13);
      expect(g.df).toBe(s.df);
    });
  });

  it('100,000 subjects with ties, 3 causes, 3 groups: identical to the separate calls', () => {
    let seed = 15;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const n = 100_000;
    const time = Array.from({ length: n }, () => Math.floor(rnd() * 3650));
    const cause = Array.from({ length: n }, () => Math.floor(rnd() * 4));
    const group = Array.from({ length: n }, () => ['a', 'b', 'c'][Math.floor(rnd() * 3)]!);
    const both = compareIncidence({ time, cause, group });
    expect(curveDiff(both.groups, cumulativeIncidence({ time, cause, group }))).toBe(0);
    expect(both.gray).toEqual(grayTest({ time, cause, group }));
  });

  it('a singular Gray variance is reported, the curves still returned; one group gives no test', () => {
    // One event per group at the same time, nobody left at risk after it: the variance is 0 (singular).
    const data = { time: [1, 1], cause: [1, 1], group: ['a', 'b'] };
    const both = compareIncidence(data);
    expect(both.groups).toHaveLength(2);
    let separate: string | undefined;
    try {
      grayTest(data);
    } catch (e) {
      separate = (e as Error).message;
    }
    expect(separate).toMatch(/singular variance/);
    expect(both.grayError).toBe(separate);
    expect(both.gray).toBeNull();
    expect(compareIncidence({ time: [1, 2], cause: [1, 0], group: ['a', 'a'] }).gray).toBeNull();
  });

  it.each(cases)('%s: curvesByGroup makes the same curves as groups, one cause at a time', (_, data) => {
    const input = { time: data.time, cause: data.cause, group: data.group ?? undefined };
    const lazy = compareIncidence(input, { confLevel: 0.9 });
    const made: CifGroup[] = lazy.curvesByGroup.map((g) => {
      const causes = [...g.curves()];
      // A curve of its own each time: nothing is shared with (or kept for) the next iteration.
      expect([...g.curves()][0]?.table).not.toBe(causes[0]?.table);
      return { name: g.name, n: g.n, causes };
    });
    expect(curveDiff(made, lazy.groups)).toBe(0);
    expect(curveDiff(made, cumulativeIncidence(input, { confLevel: 0.9 }))).toBe(0);
  });
});
