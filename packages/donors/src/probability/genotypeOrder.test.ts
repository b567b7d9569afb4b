import { prng as random } from '../generator';
import { describe, expect, it } from 'vitest';
import { orderGenotypes } from './genotypeOrder';

// The previous order (a full sort of every genotype, sums over it smallest first) as the reference.
function reference(weights: Float64Array, pairA: Int32Array, pairB: Int32Array, n: number, keep: number) {
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (x, y) =>
      (weights[y] as number) - (weights[x] as number) ||
      (pairA[x] as number) - (pairA[y] as number) ||
      (pairB[x] as number) - (pairB[y] as number)
  );
  let total = 0;
  for (let k = n - 1; k >= 0; k--) total += weights[order[k] as number] as number;
  let truncatedMass = 0;
  for (let k = n - 1; k >= keep; k--) truncatedMass += (weights[order[k] as number] as number) / total;
  return { order: order.slice(0, keep), total, truncatedMass };
}

describe('orderGenotypes', () => {
  it('keeps the same genotypes in the same order, with the same total and truncated mass as a full sort', () => {
    const rnd = random(16);
    const buffers = { sorted: new Float64Array(512).fill(0.25), chosen: new Int32Array(512).fill(3) };
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(rnd() * 400);
      // Few distinct weights, so that many ties straddle the cut; a buffer longer than n, as the imputer's is.
      const levels = 1 + Math.floor(rnd() * 20);
      const weights = new Float64Array(n + 7).fill(0.5);
      const pairA = new Int32Array(n + 7);
      const pairB = new Int32Array(n + 7);
      for (let i = 0; i < n; i++) {
        weights[i] = Math.floor(rnd() * levels) / levels + (rnd() < 0.3 ? rnd() * 1e-9 : 0);
        pairA[i] = Math.floor(rnd() * 50);
        pairB[i] = Math.floor(rnd() * 50);
      }
      const keep = Math.floor(rnd() * (n + 1));
      const want = reference(weights, pairA, pairB, n, keep);
      // Fresh arrays, and reused buffers longer than n holding the previous trial's numbers.
      for (const got of [
        orderGenotypes(weights, pairA, pairB, n, keep),
        orderGenotypes(weights, pairA, pairB, n, keep, buffers),
      ]) {
        expect([...got.order]).toEqual(want.order);
        expect(got.total).toBe(want.total);
        expect(got.truncatedMass).toBe(want.truncatedMass);
      }
    }
  });
});
