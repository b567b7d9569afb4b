import type { ApplyResult, DonorIndex, RecordError } from './donorIndex';
import type { ResolvedLocus } from './matcher';
import type { DonorRecord } from './schema';
import type { Shard } from './store';
import { SHARD_SIZE, allocColumns, copyStatus, growColumns, writeRow } from './store';

/**
 * Stages changes on private shard values and publishes them at once (ADR 0402). Rows are appended past the
 * published counts (readers never look there) and removals mark private copies of the status columns, so
 * nothing is visible to searches before `commit()`, and `abort()` leaves the index exactly as it was.
 */
export interface WriterOptions {
  /**
   * Bulk load of records whose ids are known to be new and unique (a generated registry, a fresh import of a
   * checked file): skips the per-id lookups and their memory (a Map holds at most 2^24 entries).
   */
  readonly assumeNewIds?: boolean;
}

export class IndexWriter {
  private readonly shards: Shard[];
  private readonly copied = new Set<number>(); // shards whose status is already a private copy
  private readonly added = new StagedIds(); // id → global index of rows staged here
  private readonly removed = new Set<number>(); // published globals removed
  private readonly removedIds = new Set<string>();
  private addedCount = 0;
  private updated = 0;
  private removedCount = 0;
  private readonly unknownIds: string[] = [];
  private closed = false;

  constructor(
    private readonly index: DonorIndex,
    published: readonly Shard[],
    private readonly options: WriterOptions,
    private readonly release: () => void
  ) {
    this.shards = [...published];
  }

  /** Adds or replaces records. Records whose typing does not resolve are skipped and returned. */
  upsert(records: readonly DonorRecord[]): RecordError[] {
    this.open();
    const errors: RecordError[] = [];
    const pending = new Map<string, ResolvedLocus>();
    const ok: [DonorRecord, Int32Array][] = [];
    for (const d of records) {
      const ids = this.index.lookupTyping(d, pending);
      if (ids instanceof Int32Array) ok.push([d, ids]);
      else errors.push(ids);
    }
    for (const [d, ids] of ok) {
      if (this.options.assumeNewIds) {
        this.addedCount++;
        this.append(d, this.index.internTyping(d, ids, pending));
        continue;
      }
      const replaced = this.findLive(d.id);
      if (replaced !== undefined) {
        this.markRemoved(replaced);
        this.updated++;
      } else if (this.removedIds.has(d.id)) {
        // removed earlier in this writer, now added again: a replacement
        this.removedIds.delete(d.id);
        this.removedCount--;
        this.updated++;
      } else this.addedCount++;
      this.append(d, this.index.internTyping(d, ids, pending));
    }
    return errors;
  }

  /** Removes ids; unknown ids are collected in the result. */
  remove(ids: readonly string[]): void {
    this.open();
    for (const id of ids) {
      const g = this.findLive(id);
      if (g === undefined) {
        this.unknownIds.push(id);
        continue;
      }
      this.markRemoved(g);
      if (this.added.get(id) === g) {
        this.added.delete(id);
        this.addedCount--;
      } else {
        this.removedIds.add(id);
        this.removedCount++;
      }
    }
  }

  commit(): ApplyResult {
    this.open();
    this.closed = true;
    const live = this.addedCount - this.removedCount;
    this.index.publish(this.shards, this.added.entries(), live);
    this.release();
    return { added: this.addedCount, updated: this.updated, removed: this.removedCount, unknownIds: this.unknownIds };
  }

  abort(): void {
    if (this.closed) return;
    this.closed = true;
    this.release();
  }

  private open(): void {
    if (this.closed) throw new Error('this index writer is closed');
  }

  private findLive(id: string): number | undefined {
    const staged = this.added.get(id);
    if (staged !== undefined) return staged;
    const g = this.index.lookup(id);
    return g === undefined || this.removed.has(g) ? undefined : g;
  }

  private markRemoved(g: number): void {
    const s = Math.floor(g / SHARD_SIZE);
    const local = g % SHARD_SIZE;
    let shard = this.shards[s] as Shard;
    if (!this.copied.has(s)) {
      shard = { ...shard, status: copyStatus(shard.status, shard.cols.capacity), version: shard.version + 1 };
      this.shards[s] = shard;
      this.copied.add(s);
    }
    shard.status[local] = 1;
    const id = shard.ids[local] ?? '';
    if (this.added.get(id) === g) this.added.delete(id);
    else this.removed.add(g);
  }

  private append(d: DonorRecord, locusIds: Int32Array): void {
    const size = this.index.shardSize;
    let s = this.shards.length - 1;
    let shard = this.shards[s];
    if (!shard || shard.count >= size) {
      const cols = allocColumns(Math.min(size, 1024));
      shard = {
        version: 0,
        count: 0,
        cols,
        status: copyStatus(new Uint8Array(0), cols.capacity),
        ids: [],
        cords: new Map(),
      };
      this.shards.push(shard);
      s = this.shards.length - 1;
      this.copied.add(s);
    }
    let { cols, status } = shard;
    if (shard.count >= cols.capacity) {
      const capacity = Math.min(size, cols.capacity * 2);
      cols = growColumns(cols, shard.count, capacity);
      status = copyStatus(status, capacity);
      this.copied.add(s);
    } else if (!this.copied.has(s)) {
      status = copyStatus(status, cols.capacity);
      this.copied.add(s);
    }
    const local = shard.count;
    writeRow(cols, local, d, locusIds, this.index.registries, this.index.populations);
    status[local] = 0;
    shard.ids[local] = d.id; // past the published count: invisible to readers
    if (d.cord) shard.cords.set(local, d.cord);
    else shard.cords.delete(local);
    this.shards[s] = { ...shard, cols, status, count: local + 1, version: shard.version + 1 };
    if (!this.options.assumeNewIds) this.added.set(d.id, s * SHARD_SIZE + local);
  }
}

/** id → global index, over several Maps (one Map holds at most 2^24 entries; imports can stage more). */
class StagedIds {
  private readonly maps: Map<string, number>[] = [new Map<string, number>()];
  get(id: string): number | undefined {
    for (const m of this.maps) {
      const v = m.get(id);
      if (v !== undefined) return v;
    }
    return undefined;
  }
  set(id: string, g: number): void {
    let last = this.maps[this.maps.length - 1] as Map<string, number>;
    if (last.size >= 8_000_000) this.maps.push((last = new Map<string, number>()));
    last.set(id, g);
  }
  delete(id: string): void {
    for (const m of this.maps) if (m.delete(id)) return;
  }
  *entries(): Generator<[string, number]> {
    for (const m of this.maps) yield* m;
  }
}
