import type { PreparedDistribution } from './compactMatch';

/**
 * The prepared distributions a ranking tier keeps for its joint computations (ADR 0411): those first in the
 * order the joints are computed (union bound falling, then candidate index) up to `budget` bytes, so that the
 * typings the page needs are rarely imputed twice while a class of 30,000 typings is not held at once. Kept in
 * an array cut back to the budget whenever it holds twice as much; an offer after the last cut's floor is refused.
 */
export class HeldDistributions {
  private items: { typing: string; bound: number; idx: number; bytes: number; d: PreparedDistribution }[] = [];
  private bytes = 0;
  private floor: { bound: number; idx: number } | undefined;
  private map: Map<string, PreparedDistribution> | undefined;

  constructor(private readonly budget: number) {}

  /** Offers a typing's distribution, its union bound and its first candidate index. */
  offer(typing: string, bound: number, idx: number, d: PreparedDistribution): void {
    if (this.floor && !before(bound, idx, this.floor.bound, this.floor.idx)) return;
    const bytes = sizeOf(d);
    this.items.push({ typing, bound, idx, bytes, d });
    this.bytes += bytes;
    if (this.bytes > 2 * this.budget) this.cut();
  }

  /** The distribution kept for a typing, if any; `offer` must not be called after the first `take`. */
  take(typing: string): PreparedDistribution | undefined {
    if (!this.map) {
      this.cut();
      this.map = new Map(this.items.map((x) => [x.typing, x.d]));
      this.items = [];
    }
    const d = this.map.get(typing);
    this.map.delete(typing);
    return d;
  }

  private cut(): void {
    if (this.bytes <= this.budget) return;
    this.items.sort((a, b) => b.bound - a.bound || a.idx - b.idx);
    let bytes = 0;
    let keep = 0;
    while (keep < this.items.length && bytes + (this.items[keep] as { bytes: number }).bytes <= this.budget) {
      bytes += (this.items[keep] as { bytes: number }).bytes;
      keep++;
    }
    const first = this.items[keep] as { bound: number; idx: number };
    this.floor = { bound: first.bound, idx: first.idx };
    this.items.length = keep;
    this.bytes = bytes;
  }
}

/** Bytes of a prepared distribution, roughly: its typed arrays and ~48 bytes a marginal entry. */
export function sizeOf(d: PreparedDistribution): number {
  let entries = 0;
  for (const m of d.marginals) entries += m.size;
  return d.probability.byteLength + d.codes.byteLength + 48 * entries + 200;
}

/** True when (bound, idx) comes before (fb, fi) in the joint order. */
function before(bound: number, idx: number, fb: number, fi: number): boolean {
  return bound > fb || (bound === fb && idx < fi);
}
