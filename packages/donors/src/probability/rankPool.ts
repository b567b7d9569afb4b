import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AsyncScorer, ScorerCounts, SearchStart } from './probabilityRanking';
import type { EngineSource, ImputerSource, RankReply, RankRequest } from './rankWorker';
import type { Joint, ScoreItem, Scored, TypingBound } from './tierScorer';

// Probability ranking on long-lived worker threads (ADR 0411): the imputation of a search's donor typings, the
// larger part of a ranking at 40 M donors, spread over the cores, and off the server's event loop. A worker
// costs ~120 MiB and over a second to start (its own HLA engine and imputer), so the pool starts its workers
// once, beside the search pool, and keeps them. A typing always goes to the same worker (a hash of its text),
// which keeps what it computed of it within the search: its locus constraints from the typing bound to the
// imputation, its distribution until the ranking asks for its joint (rankWorker.ts). The ranking (rankSteps) is
// the one run in a single thread, asking in batches: the same page, probabilities and pruning.

/** Thrown when the pool cannot rank (closed, or a worker stopped): the caller ranks in its own thread. */
export class RankPoolUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RankPoolUnavailable';
  }
}

export interface RankPoolOptions {
  /** Worker threads (default: available parallelism, at most 4). */
  readonly threads?: number;
  /** Typings per scoring message, and per worker the least a ranking asks at a time (default 64). */
  readonly chunk?: number;
  /** Joints asked at a time per thread (default 8). */
  readonly jointsPerThread?: number;
  /**
   * Called once when the pool stops by itself (a worker failed or exited; not when closed), with the reason: the
   * server says so in its log, since rankings then run on its own thread.
   */
  readonly onStop?: (err: RankPoolUnavailable) => void;
}

interface Pending {
  readonly resolve: (r: RankReply) => void;
  readonly reject: (e: Error) => void;
}

/** Starts a rank worker: the bundle's dist/rankWorker.js, or from sources (tests, benchmarks) through tsx. */
function startWorker(source: EngineSource): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./rankWorker.js', here), { workerData: source });
  const file = new URL('./rankWorkerMain.ts', here).href;
  // Worker threads do not inherit tsx's loader: the worker loads the TypeScript entry through tsx's ESM API.
  const api = pathToFileURL(
    createRequire(here)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs')
  ).href;
  const boot = `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(file)}, ${JSON.stringify(file)}))`;
  return new Worker(boot, { eval: true, workerData: source });
}

/** Long-lived rank workers for one HLA engine; any number of frequency sets and searches at once. */
export class RankPool {
  private readonly workers: Worker[];
  private readonly pending: Map<number, Pending>[];
  /** Per worker: the set keys it has (or is being sent) an imputer for. */
  private readonly sets: Map<string, Promise<unknown>>[];
  private nextId = 1;
  private nextSearch = 1;
  private failure: Error | undefined;
  readonly chunk: number;
  readonly jointsPerThread: number;

  constructor(source: EngineSource, options: RankPoolOptions = {}) {
    const n = Math.max(1, options.threads ?? Math.min(4, availableParallelism()));
    this.chunk = Math.max(1, options.chunk ?? 64);
    this.jointsPerThread = Math.max(1, options.jointsPerThread ?? 8);
    this.pending = Array.from({ length: n }, () => new Map<number, Pending>());
    this.sets = Array.from({ length: n }, () => new Map<string, Promise<unknown>>());
    this.workers = Array.from({ length: n }, (_, w) => {
      const worker = startWorker(source);
      worker.on('message', (reply: RankReply) => {
        const pending = this.pending[w] as Map<number, Pending>;
        const p = pending.get(reply.id);
        if (!p) return;
        pending.delete(reply.id);
        if (pending.size === 0) worker.unref();
        p.resolve(reply);
      });
      const stop = (err: RankPoolUnavailable) => {
        if (!this.failure) {
          this.failure = err;
          options.onStop?.(err);
        }
        for (const p of this.pending[w]?.values() ?? []) p.reject(err);
        this.pending[w]?.clear();
      };
      worker.on('error', (err) => stop(new RankPoolUnavailable(`a rank worker failed: ${err.message}`)));
      worker.on('exit', (code) => stop(new RankPoolUnavailable(`a rank worker stopped (exit code ${code})`)));
      // An idle worker must not keep a process (a CLI command, a test) alive; one with work to answer does.
      worker.unref();
      return worker;
    });
  }

  get threads(): number {
    return this.workers.length;
  }

  /** False once closed or once a worker stopped (rankings then run on the caller's thread). */
  get available(): boolean {
    return this.failure === undefined;
  }

  /**
   * A scorer for one search with the set under `key` (its imputer source asked only for workers that lack it).
   * @throws RankPoolUnavailable when the pool was closed or a worker stopped
   */
  scorer(key: string, imputer: () => ImputerSource, start: SearchStart): AsyncScorer {
    if (this.failure) throw this.failure;
    const search = this.nextSearch++;
    // The search begins once every worker has the set's imputer.
    const ready = this.prepare(key, imputer).then(() =>
      Promise.all(this.workers.map((_, w) => this.request(w, (id) => ({ kind: 'begin', id, search, key, start }))))
    );
    return new PooledScorer(this, search, ready);
  }

  /**
   * Gives every worker the imputer of the set under `key` (once per worker), and waits until they all have it, or
   * until every attempt has ended when one failed (a worker that could not take it is asked again next time).
   */
  async prepare(key: string, imputer: () => ImputerSource): Promise<void> {
    let source: ImputerSource | undefined;
    const ready = this.workers.map((_, w) => {
      const sets = this.sets[w] as Map<string, Promise<unknown>>;
      let p = sets.get(key);
      if (!p) {
        source ??= imputer();
        const s = source;
        const sent = this.request(w, (id) => ({ kind: 'set', id, key, source: s }));
        sets.set(key, sent);
        sent.catch(() => {
          if (sets.get(key) === sent) sets.delete(key);
        });
        p = sent;
      }
      return p;
    });
    const failed = (await Promise.allSettled(ready)).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Forgets the workers' imputer caches (name expansions, locus constraints): benchmarks measure searches cold. */
  async clearCaches(): Promise<void> {
    await Promise.all(this.workers.map((_, w) => this.request(w, (id) => ({ kind: 'clear', id }))));
  }

  /** Stops the workers; searches in progress fail with RankPoolUnavailable. */
  async close(): Promise<void> {
    this.failure ??= new RankPoolUnavailable('the rank pool is closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** Sends a request to worker `w`; resolves with its result, rejects with its error (RankPoolUnavailable). */
  request(w: number, make: (id: number) => RankRequest): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<RankReply>((resolve, reject) => {
      const pending = this.pending[w] as Map<number, Pending>;
      const worker = this.workers[w] as Worker;
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve, reject });
      worker.postMessage(make(id));
    }).then((reply) => {
      // The ranking's own failures (a typing the set cannot explain) are answers, not errors: an error here is
      // the worker's, and the caller ranks in its own thread instead.
      if (reply.error !== undefined) throw new RankPoolUnavailable(`a rank worker failed: ${reply.error}`);
      return reply.result;
    });
  }
}

/** The worker a typing goes to, always the same (FNV-1a of the text): it keeps what it computed of the typing. */
function workerOf(typing: string, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < typing.length; i++) h = Math.imul(h ^ typing.charCodeAt(i), 0x01000193);
  return (h >>> 0) % n;
}

class PooledScorer implements AsyncScorer {
  readonly scoreBatch: number;
  readonly jointBatch: number;

  constructor(
    private readonly pool: RankPool,
    private readonly search: number,
    private readonly ready: Promise<unknown>
  ) {
    this.scoreBatch = pool.threads * pool.chunk;
    this.jointBatch = pool.threads * pool.jointsPerThread;
  }

  bounds(m: number, typings: readonly string[]): Promise<readonly TypingBound[]> {
    return this.spread(
      typings,
      (t) => t,
      (part) => ({ kind: 'bounds', search: this.search, m, typings: part })
    );
  }

  score(tier: number, items: readonly ScoreItem[]): Promise<readonly Scored[]> {
    return this.spread(
      items,
      (item) => item.typing,
      (part) => ({ kind: 'score', search: this.search, tier, items: part })
    );
  }

  joints(typings: readonly string[]): Promise<readonly Joint[]> {
    // One message per worker: a batch of joints is small.
    return this.spread(
      typings,
      (t) => t,
      (part) => ({ kind: 'joints', search: this.search, typings: part }),
      false
    );
  }

  /**
   * Sends each input to its typing's worker, in chunks (two in flight per worker, so none waits for the main
   * thread between chunks), and gives the answers in input order.
   */
  private async spread<T, R>(
    inputs: readonly T[],
    typingOf: (x: T) => string,
    request: (part: T[]) => DistributiveOmit<RankRequest, 'id'>,
    chunked = true
  ): Promise<R[]> {
    await this.ready;
    const n = this.pool.threads;
    const shares: number[][] = Array.from({ length: n }, () => []);
    inputs.forEach((x, k) => shares[workerOf(typingOf(x), n)]?.push(k));
    const out = new Array<R>(inputs.length);
    const size = chunked ? this.pool.chunk : Math.max(1, inputs.length);
    const work = async (w: number, share: number[], lane: number) => {
      for (let from = lane * size; from < share.length; from += 2 * size) {
        const at = share.slice(from, from + size);
        const got = (await this.pool.request(w, (id) => ({ ...request(at.map((k) => inputs[k] as T)), id }))) as R[];
        got.forEach((r, j) => (out[at[j] as number] = r));
      }
    };
    await Promise.all(shares.flatMap((share, w) => [work(w, share, 0), work(w, share, 1)]));
    return out;
  }

  async counts(): Promise<ScorerCounts> {
    // After the search's begin (a ranking with nothing to ask ends before it), so that no worker keeps it.
    await this.ready.catch(() => undefined);
    const all = (await Promise.all(
      Array.from({ length: this.pool.threads }, (_, w) =>
        this.pool.request(w, (id) => ({ kind: 'end', id, search: this.search }))
      )
    )) as ScorerCounts[];
    return {
      computed: all.reduce((s, c) => s + c.computed, 0),
      imputed: all.reduce((s, c) => s + c.imputed, 0),
      reimputed: all.reduce((s, c) => s + c.reimputed, 0),
    };
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
