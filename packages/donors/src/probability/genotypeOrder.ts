// The order of an imputation's genotypes and its normaliser (issue 16, ADR 0411), computed without sorting all
// of them: by falling weight, ties by the first then the second haplotype id; the total and the truncated
// mass summed smallest first, so that the small weights are not lost against the large ones. The sums read
// the weights' values only, in ascending order, so a numeric sort of a copy gives the same numbers as the full
// order; only the genotypes that can be kept (weight ≥ the keep-th largest) are ordered with the tie-breaks.

export interface GenotypeOrder {
  /** Indexes of the kept genotypes, in order. */
  readonly order: Int32Array;
  /** Σ of all weights, smallest first. */
  readonly total: number;
  /** Σ of the weights of the genotypes cut, each divided by the total, smallest first. */
  readonly truncatedMass: number;
}

/** Buffers `orderGenotypes` may reuse (at least n long; contents overwritten), else it allocates. */
export interface OrderBuffers {
  readonly sorted: Float64Array;
  readonly chosen: Int32Array;
}

/**
 * Orders the first `n` entries of the arrays and keeps `keep` (≤ n) of them. With `buffers`, the returned order
 * is a view of `buffers.chosen`, valid until the next call.
 */
export function orderGenotypes(
  weights: Float64Array,
  pairA: Int32Array,
  pairB: Int32Array,
  n: number,
  keep: number,
  buffers?: OrderBuffers
): GenotypeOrder {
  const sorted = buffers ? buffers.sorted.subarray(0, n) : new Float64Array(n);
  sorted.set(weights.subarray(0, n));
  sorted.sort();
  let total = 0;
  for (let k = 0; k < n; k++) total += sorted[k] as number;
  let truncatedMass = 0;
  for (let k = 0; k < n - keep; k++) truncatedMass += (sorted[k] as number) / total;
  // The keep-th largest weight: a genotype of smaller weight cannot be kept.
  const threshold = keep > 0 && keep < n ? (sorted[n - keep] as number) : -Infinity;
  let m = 0;
  const size = keep === n ? n : countAtLeast(weights, n, threshold);
  const chosen = buffers ? buffers.chosen.subarray(0, size) : new Int32Array(size);
  for (let i = 0; i < n; i++) if ((weights[i] as number) >= threshold || keep === n) chosen[m++] = i;
  chosen.sort(
    (x, y) =>
      (weights[y] as number) - (weights[x] as number) ||
      (pairA[x] as number) - (pairA[y] as number) ||
      (pairB[x] as number) - (pairB[y] as number)
  );
  return { order: chosen.subarray(0, keep), total, truncatedMass };
}

function countAtLeast(weights: Float64Array, n: number, threshold: number): number {
  let c = 0;
  for (let i = 0; i < n; i++) if ((weights[i] as number) >= threshold) c++;
  return c;
}
