// Donor id → row of one shard, compact (ADR 0402): a Map of 2^20 string keys per shard costs ~40 bytes a
// donor (1.6 GB at 40 M) and seconds to build; a sorted array of (32-bit id hash, row) pairs costs 8 bytes a
// donor. Rows published after the array was built go to a small Map until it is rebuilt.

const ROW_BITS = 20; // SHARD_BITS of store.ts: a row fits 20 bits, so hash * 2^20 + row is exact in a double
const ROW_SCALE = 2 ** ROW_BITS;
/** Rows kept in the Map before the sorted array is rebuilt. */
const MAX_RECENT = 65_536;

/** FNV-1a over the UTF-16 code units of an id: 32 bits, unsigned. */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class ShardIdLookup {
  private constructor(
    /** (hash * 2^20 + row), sorted, for rows [0, covered). */
    private readonly keys: Float64Array,
    private readonly recent: Map<string, number>
  ) {}

  /** Indexes rows [0, count) of a shard's ids. */
  static build(ids: readonly string[], count: number): ShardIdLookup {
    const keys = new Float64Array(count);
    for (let i = 0; i < count; i++) keys[i] = hashId(ids[i] ?? '') * ROW_SCALE + i;
    return new ShardIdLookup(keys.sort(), new Map());
  }

  /** The live row with this id (status 0), if any. */
  find(id: string, ids: readonly string[], status: Uint8Array): number | undefined {
    const h = hashId(id) * ROW_SCALE;
    const keys = this.keys;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((keys[mid] as number) < h) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < keys.length && (keys[k] as number) < h + ROW_SCALE; k++) {
      const row = (keys[k] as number) - h;
      if (status[row] === 0 && ids[row] === id) return row;
    }
    const row = this.recent.get(id);
    return row !== undefined && status[row] === 0 && ids[row] === id ? row : undefined;
  }

  /** Records a row published after the build; false when the lookup should be rebuilt instead. */
  add(id: string, row: number): boolean {
    if (this.recent.size >= MAX_RECENT) return false;
    this.recent.set(id, row);
    return true;
  }
}
