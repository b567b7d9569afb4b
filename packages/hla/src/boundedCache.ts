/** A Map that forgets its oldest entries beyond `max` (insertion order; cheap, close enough to LRU for batches). */
export class BoundedCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): void {
    if (this.max <= 0) return;
    if (this.map.size >= this.max) {
      // Drop the oldest tenth at once so that eviction stays O(1) amortised.
      let drop = Math.max(1, Math.floor(this.max / 10));
      for (const k of this.map.keys()) {
        this.map.delete(k);
        if (--drop === 0) break;
      }
    }
    this.map.set(key, value);
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
  }
}
