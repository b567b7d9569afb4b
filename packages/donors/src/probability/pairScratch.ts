// Buffers an imputer reuses from one typing to the next (ADR 0411): a search imputes thousands of donor typings,
// and fresh arrays for each cost more in garbage collection than the enumeration itself.

export class PairScratch {
  /** Candidate haplotypes of the current typing. */
  candidates: Int32Array = new Int32Array(1024);
  /** Haplotype pairs that fit the typing, and their log prior. */
  pairA: Int32Array = new Int32Array(4096);
  pairB: Int32Array = new Int32Array(4096);
  logW: Float64Array = new Float64Array(4096);
  private weights: Float64Array = new Float64Array(4096);
  /** Per pivot allele: the range of its candidates, valid where the stamp is the current call's. */
  bucketStamp = new Int32Array(0);
  bucketStart = new Int32Array(0);
  bucketEnd = new Int32Array(0);
  private stamp = 0;

  /** A new stamp, the bucket arrays at least `alleles` long. */
  nextStamp(alleles: number): number {
    if (this.bucketStamp.length < alleles) {
      this.bucketStamp = new Int32Array(alleles);
      this.bucketStart = new Int32Array(alleles);
      this.bucketEnd = new Int32Array(alleles);
      this.stamp = 0;
    }
    this.stamp++;
    if (this.stamp === 2 ** 31 - 1) {
      this.bucketStamp.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }

  /** Doubles the candidates buffer, keeping its first `n` entries. */
  growCandidates(n: number): Int32Array {
    const next = new Int32Array(this.candidates.length * 2);
    next.set(this.candidates.subarray(0, n));
    this.candidates = next;
    return next;
  }

  /** Doubles the pair buffers, keeping their first `n` entries. */
  growPairs(n: number): void {
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (size: number) => T): T => {
      const next = make(a.length * 2);
      next.set(a.subarray(0, n));
      return next;
    };
    this.pairA = grow(this.pairA, (k) => new Int32Array(k));
    this.pairB = grow(this.pairB, (k) => new Int32Array(k));
    this.logW = grow(this.logW, (k) => new Float64Array(k));
  }

  private sorted: Float64Array = new Float64Array(4096);
  private chosen: Int32Array = new Int32Array(4096);

  /** A weights buffer of at least `n` entries (contents undefined). */
  weightsFor(n: number): Float64Array {
    if (this.weights.length < n) this.weights = new Float64Array(Math.max(n, this.weights.length * 2));
    return this.weights;
  }

  /** Buffers for `orderGenotypes` of `n` genotypes. */
  orderBuffers(n: number): { sorted: Float64Array; chosen: Int32Array } {
    if (this.sorted.length < n) {
      const size = Math.max(n, this.sorted.length * 2);
      this.sorted = new Float64Array(size);
      this.chosen = new Int32Array(size);
    }
    return { sorted: this.sorted, chosen: this.chosen };
  }
}
