// Distinct times by hashing, for the common case of many subjects on few distinct times (follow-up in whole
// days: 1,000,000 subjects on ~3,650 days). Tabulating then needs no sort of the subjects, only of the distinct
// times; files with many distinct times (continuous times) fall back to the radix sort in data.ts.

export interface RankedTimes {
  /** Distinct times, ascending (-0 counted as 0). */
  times: Float64Array;
  /** rank[i]: the index in `times` of subject i's time. */
  rank: Int32Array;
}

/**
 * Ranks `time` against its distinct values when there are at most `limit` of them; undefined as soon as there
 * are more (or for NaN, which equals nothing), so the caller sorts instead.
 */
export function rankFewTimes(time: ArrayLike<number>, limit: number): RankedTimes | undefined {
  const n = time.length;
  let size = 1024;
  while (size < 2 * limit) size *= 2; // open addressing, load factor ≤ 0.5
  const mask = size - 1;
  const keys = new Float64Array(size);
  const slotId = new Int32Array(size); // distinct id + 1; 0 = empty slot
  const values = new Float64Array(limit);
  const idOf = new Int32Array(n);
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const t = time[i]! + 0;
    bits[0] = t;
    let h = Math.imul(words[0]! ^ Math.imul(words[1]!, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    let s = h & mask;
    for (;;) {
      const id = slotId[s]!;
      if (id === 0) {
        if (m === limit || t !== t) return undefined;
        keys[s] = t;
        values[m] = t;
        slotId[s] = ++m;
        idOf[i] = m - 1;
        break;
      }
      if (keys[s] === t) {
        idOf[i] = id - 1;
        break;
      }
      s = (s + 1) & mask;
    }
  }
  const byValue = Int32Array.from({ length: m }, (_, k) => k).sort((a, b) => values[a]! - values[b]!);
  const times = new Float64Array(m);
  const rankOfId = new Int32Array(m);
  for (let r = 0; r < m; r++) {
    const id = byValue[r]!;
    times[r] = values[id]!;
    rankOfId[id] = r;
  }
  for (let i = 0; i < n; i++) idOf[i] = rankOfId[idOf[i]!]!;
  return { times, rank: idOf };
}
