import { describe, expect, it } from 'vitest';
import type { PreparedDistribution } from './compactMatch';
import { HeldDistributions, sizeOf } from './heldDistributions';

// ADR 0411: a ranking tier holds, within a byte budget, the distributions first in its joint order (union bound
// falling, then candidate index) and lets the others go.
const dist = (genotypes: number): PreparedDistribution => ({
  probability: new Float64Array(genotypes),
  truncatedMass: 0,
  codes: new Int32Array(genotypes * 2),
  marginals: [new Map([[1, 1]]), new Map([[2, 1]])],
});

describe('HeldDistributions', () => {
  it('keeps the distributions first by bound, then index, within the budget', () => {
    const one = sizeOf(dist(10));
    const held = new HeldDistributions(3 * one);
    const offers: [string, number, number][] = [
      ['a', 0.2, 0],
      ['b', 0.9, 1],
      ['c', 0.5, 2],
      ['d', 0.9, 3],
      ['e', 0.1, 4],
      ['f', 0.5, 5],
      ['g', 0.95, 6],
      ['h', 0.3, 7],
    ];
    for (const [t, bound, idx] of offers) held.offer(t, bound, idx, dist(10));
    // First in the joint order: g (0.95), b (0.9, index 1), d (0.9, index 3); c and f (0.5) no longer fit.
    expect(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].filter((t) => held.take(t) !== undefined)).toEqual(['b', 'd', 'g']);
    expect(held.take('b')).toBeUndefined(); // handed out once
  });

  it('holds nothing with a budget of 0 and everything within a large one', () => {
    const none = new HeldDistributions(0);
    none.offer('a', 1, 0, dist(3));
    expect(none.take('a')).toBeUndefined();
    const all = new HeldDistributions(1e9);
    const d = dist(3);
    for (let i = 0; i < 100; i++) all.offer(`t${i}`, i / 100, i, i === 42 ? d : dist(3));
    expect(all.take('t42')).toBe(d);
    expect(all.take('t0')).toBeDefined();
  });
});
