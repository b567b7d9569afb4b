import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { factor, sortTimes, tabulate } from './data';

describe('sortTimes (radix sort on IEEE bits)', () => {
  it('orders like a numeric sort, stably, including 0, -0, whole days and tiny values', () => {
    const time = [3, 0, 1e-300, 2.5, -0, 3, 1e12, 2.5000000001, 7];
    const { order, sorted } = sortTimes(time);
    expect([...sorted]).toEqual([0, 0, 1e-300, 2.5, 2.5000000001, 3, 3, 7, 1e12]);
    expect([...order]).toEqual([1, 4, 2, 3, 7, 0, 5, 8, 6]);
  });
  it('property: matches Array.prototype.sort', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 100 })), {
          maxLength: 300,
        }),
        (xs) => {
          expect([...sortTimes(xs).sorted]).toEqual([...xs].map((x) => x + 0).sort((a, b) => a - b));
        }
      )
    );
  });
});

describe('tabulate', () => {
  it('counts per distinct time, group and code', () => {
    const f = factor(['b', 'a', 'b', 'a'], 4);
    const tab = tabulate([2, 1, 2, 5], [1, 0, 0, 1], f.codes, { nGroups: 2, nCodes: 2 });
    expect([...tab.times]).toEqual([1, 2, 5]);
    // group a (code 0): censored [1,0,0], events [0,0,1]; group b: censored [0,1,0], events [0,1,0]
    expect([...tab.counts]).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0]);
  });
  it('factor orders numbers before strings', () => {
    expect(factor([10, 'x', 2, 'a', 2], 5).levels).toEqual([2, 10, 'a', 'x']);
  });
});

describe('tabulate: hashed distinct times and the radix sort agree', () => {
  // Counts by brute force: distinct times sorted, then one count per subject.
  function naive(time: number[], code: number[], group: Int32Array, nGroups: number, nCodes: number) {
    const times = [...new Set(time.map((t) => t + 0))].sort((a, b) => a - b);
    const m = times.length;
    const index = new Map(times.map((t, j) => [t, j]));
    const counts = new Array<number>(nGroups * nCodes * m).fill(0);
    time.forEach((t, i) => {
      counts[(group[i]! * nCodes + code[i]!) * m + index.get(t + 0)!]! += 1;
    });
    return { times, counts };
  }
  it('property: few distinct times (whole days, ties, 0 and -0) count as by brute force', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ t: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(-0)), c: fc.nat(2), g: fc.nat(1) }),
          {
            maxLength: 200,
          }
        ),
        (rows) => {
          const time = rows.map((r) => r.t);
          const code = rows.map((r) => r.c);
          const group = Int32Array.from(rows, (r) => r.g);
          const tab = tabulate(time, code, group, { nGroups: 2, nCodes: 3 });
          const want = naive(time, code, group, 2, 3);
          expect([...tab.times]).toEqual(want.times);
          expect([...tab.counts]).toEqual(want.counts);
        }
      )
    );
  });
  it('more than 65,536 distinct times (the sorted path) gives the same counts as by brute force', () => {
    const n = 70_000;
    // 66,000 distinct times in a scrambled order, some repeated
    const time = Array.from({ length: n }, (_, i) => ((i * 7919) % 66_000) / 4);
    const code = time.map((_, i) => i % 2);
    const group = Int32Array.from(time, (_, i) => (i % 3 === 0 ? 1 : 0));
    const tab = tabulate(time, code, group, { nGroups: 2, nCodes: 2 });
    expect(tab.times.length).toBe(66_000);
    const want = naive(time, code, group, 2, 2);
    expect([...tab.times]).toEqual(want.times);
    expect([...tab.counts]).toEqual(want.counts);
  });
});
