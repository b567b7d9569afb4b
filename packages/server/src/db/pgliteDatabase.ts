import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, SqlValue } from './database';
import { startPhases } from '../startPhases';
import { acquireDataDirLock, type DataDirLock } from './dataDirLock';
import { type EarlyFirstStart, takePgliteFirstStart } from './pgliteFirstStart';
import { unpackPgliteImage } from './pgliteImageUnpack';
import { pgliteWasmModule } from './pgliteWasm';

/** PG_VERSION is the first file initdb writes: a PGlite directory without it holds no database yet. */
export function isEmptyPgliteDir(target: string): boolean {
  return !existsSync(path.join(target, 'PG_VERSION'));
}

// Same value shapes as the PostgreSQL adapter: dates as 'YYYY-MM-DD', int8/numeric as numbers.
const parsers = {
  1082: (v: string) => v,
  20: (v: string) => Number(v),
  1700: (v: string) => Number(v),
};

/**
 * Shared buffers of the embedded database (issue 15 §4, ADR 0015). PGlite's WASM libc zero-fills the shared memory
 * segment at every open (an anonymous mmap), page by page: with initdb's 128 MB that was ~0.4 s of CPU per start.
 * 32 MB (PostgreSQL's default before 9.3) still holds the demo's working set; a page outside it is read back from
 * the operating system's file cache, not from disk.
 */
export const PGLITE_SHARED_BUFFERS = '32MB';

export interface PgliteOptions {
  /** Named in the refusal a second opener gets (see dataDirLock.ts). */
  holder: string;
  /** Start from a data-directory dump (restore into an empty directory). */
  loadDataDir?: Uint8Array | undefined;
  /** A lock this process already holds on dataDir (a restore takes it before looking at the directory). */
  heldLock?: DataDirLock | undefined;
  /**
   * A new (empty) data directory starts from this pre-initialised image (ADR 0015), unless loadDataDir is given.
   * Called only when the directory is empty; undefined → initdb as usual.
   */
  initialImage?: (() => Uint8Array | undefined) | undefined;
}

/**
 * Embedded PostgreSQL (PGlite, WASM) stored in `<dataDir>/pglite`, or in memory for 'memory://'. A data
 * directory on disk is locked for the life of the handle: PGlite is single-process, and a second process that
 * opened the same files would work on its own stale copy and overwrite the other's writes (ADR 0009).
 */
export async function openPglite(
  dataDir: string,
  opts: PgliteOptions = { holder: 'an engraft command' }
): Promise<Database> {
  let target: string | undefined;
  let lock: DataDirLock | undefined;
  // `engraft serve` may have taken the lock and begun unpacking the image already (pgliteFirstStart.ts).
  let early: EarlyFirstStart | undefined;
  if (dataDir !== 'memory://') {
    mkdirSync(path.resolve(dataDir), { recursive: true });
    early = opts.heldLock ? undefined : takePgliteFirstStart(dataDir);
    lock = opts.heldLock ?? early?.lock ?? acquireDataDirLock(dataDir, opts.holder);
    target = path.resolve(dataDir, 'pglite');
    mkdirSync(target, { recursive: true });
  }
  let pg: PGlite;
  const phases = startPhases();
  try {
    if (early) {
      // Refused or failed: the directory is as it was, and the image is tried again below as without an early start.
      phases.mark(
        await early.unpacked.then(
          (u) => (u ? 'image unpacked on a worker' : 'nothing to unpack'),
          () => 'image refused by the worker'
        )
      );
    }
    let image =
      opts.loadDataDir ?? (target && opts.initialImage && isEmptyPgliteDir(target) ? opts.initialImage() : undefined);
    phases.mark(image ? `image read (${image.length} bytes)` : 'no image');
    // The pre-initialised image goes into a new, empty directory with Node's file system (a fraction of the CPU
    // of PGlite's loader); a restore's dump and any directory with leftovers still go through PGlite's loader.
    if (image && !opts.loadDataDir && target && readdirSync(target).length === 0) {
      try {
        unpackPgliteImage(image, target);
        image = undefined;
        phases.mark('image unpacked');
      } catch {
        // An image this code cannot read: PGlite's own loader decides, as before.
      }
    }
    // Compiled already when the start began it (cli main.ts), else compiled now; undefined: PGlite loads it itself.
    const wasm = await pgliteWasmModule();
    pg = await PGlite.create(target, {
      parsers,
      ...(wasm ? { pgliteWasmModule: wasm } : {}),
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
      ...(image ? { loadDataDir: new Blob([image]) } : {}),
    });
  } catch (err) {
    lock?.release();
    throw err;
  }
  // PGlite runs every query as an unnamed statement, planned with its values (QueryOptions.planPerCall).
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    query: async <T extends object>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> => {
      const res = await q.query<T>(sql, params as unknown[]);
      return res.rows;
    },
    exec: async (sql: string): Promise<void> => {
      await q.exec(sql);
    },
  });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => pg.transaction((tx) => fn(wrap(tx))),
    close: async () => {
      try {
        await pg.close();
      } finally {
        lock?.release();
      }
    },
    dumpDataDir: async (compression = 'gzip') =>
      new Uint8Array(await (await pg.dumpDataDir(compression)).arrayBuffer()),
  };
}
