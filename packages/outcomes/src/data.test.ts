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
