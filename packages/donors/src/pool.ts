import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SearchCriteriaInput } from './criteria';
import { resolveCriteria } from './criteria';
import type { DonorIndex } from './donorIndex';
import type { ScanPlan } from './scan';
import type { ShardHits } from './scan';
import { scanShard } from './scan';
import type { Patient } from './schema';
import { SearchResult } from './searchResult';
import type { Columns } from './store';

// Worker threads over shards (ADR 0404). The main thread resolves the patient and folds it into the scan
// plan (small per-locus tables); each worker scans its share of the shards, whose columns are
// SharedArrayBuffers (shared, not copied), and returns sorted keys. The worker runs the source text of
// scanShard, so it needs no TypeScript loader and works the same from sources, tests and bundles.

interface ShardJob {
  readonly shard: number;
  readonly cols: Columns;
  readonly status: Uint8Array;
  readonly count: number;
}
interface Request {
  readonly id: number;
  readonly plan: ScanPlan;
  readonly shards: readonly ShardJob[];
}
interface Reply {
  readonly id: number;
  readonly hits?: readonly { shard: number; hits: ShardHits }[];
  readonly error?: string;
}

function workerSource(): string {
  return `
const { parentPort } = require('node:worker_threads');
// esbuild (tsx, bundles) may wrap functions in __name(fn, 'name') when it keeps names.
var __name = (target, value) => Object.defineProperty(target, 'name', { value, configurable: true });
${scanShard.toString()}
parentPort.on('message', (req) => {
  try {
    const hits = req.shards.map((s) => ({ shard: s.shard, hits: ${scanShard.name}(req.plan, s.cols, s.status, s.count) }));
    parentPort.postMessage({ id: req.id, hits }, hits.flatMap((h) => [h.hits.rows.buffer, h.hits.mms.buffer, h.hits.pots.buffer]));
  } catch (err) {
    parentPort.postMessage({ id: req.id, error: String(err && err.stack || err) });
  }
});`;
}

export interface PoolOptions {
  /** Worker threads (default: available parallelism, at least 1). */
  readonly threads?: number;
}

/** Runs searches of one index over worker threads, one share of the shards per thread. */
export class DonorSearchPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private closed = false;

  constructor(
    readonly index: DonorIndex,
    options: PoolOptions = {}
  ) {
    const n = Math.max(1, options.threads ?? availableParallelism());
    const source = workerSource();
    this.workers = Array.from({ length: n }, () => {
      const w = new Worker(source, { eval: true });
      w.on('message', (reply: Reply) => {
        const p = this.pending.get(reply.id);
        if (!p) return;
        this.pending.delete(reply.id);
        p.resolve(reply);
      });
      w.on('error', (err) => {
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      });
      return w;
    });
  }

  get threads(): number {
    return this.workers.length;
  }

  /** Like DonorIndex.search, with the scan spread over the worker threads. @throws TypingError, ZodError */
  async search(patient: Patient, criteriaInput: SearchCriteriaInput = {}): Promise<SearchResult> {
    if (this.closed) throw new Error('this search pool is closed');
    const started = performance.now();
    const criteria = resolveCriteria(criteriaInput);
    const resolved = this.index.resolvePatient(patient.typing);
    const plan = this.index.plan(patient, criteria, resolved);
    const view = this.index.view();
    // Balance shards over workers by row count (greedy, largest first).
    const loads = this.workers.map(() => ({ rows: 0, jobs: [] as ShardJob[] }));
    const order = view.shards.map((s, i) => ({ s, i })).sort((a, b) => b.s.count - a.s.count);
    for (const { s, i } of order) {
      const target = loads.reduce((m, l) => (l.rows < m.rows ? l : m));
      target.rows += s.count;
      target.jobs.push({ shard: i, cols: s.cols, status: s.status, count: s.count });
    }
    const replies = await Promise.all(
      loads.map((l, w) =>
        l.jobs.length === 0 ? Promise.resolve<Reply>({ id: 0, hits: [] }) : this.request(w, plan, l.jobs)
      )
    );
    const none: ShardHits = { rows: new Int32Array(0), mms: new Uint8Array(0), pots: new Uint8Array(0) };
    const hits: ShardHits[] = view.shards.map(() => none);
    for (const r of replies) {
      if (r.error) throw new Error(`search worker failed: ${r.error}`);
      for (const h of r.hits ?? []) hits[h.shard] = h.hits;
    }
    return new SearchResult(this.index, view, patient, criteria, resolved, plan, hits, started);
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private request(worker: number, plan: ScanPlan, shards: ShardJob[]): Promise<Reply> {
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const req: Request = { id, plan, shards };
      this.workers[worker]?.postMessage(req);
    });
  }
}
