import type { HlaEngine } from '@engraft/hla';
import type { SearchCriteria, SearchCriteriaInput } from './criteria';
import { RANK_BITS, countedLoci, resolveCriteria } from './criteria';
import type { DonorExplanation } from './explain';
import { explainDonor } from './explain';
import { ShardIdLookup } from './idLookup';
import { LOCI } from './loci';
import type { Locus } from './loci';
import type { Dpb1Category, LocusMatch, MatcherOptions, ResolvedLocus } from './matcher';
import { Matcher, locusCodes } from './matcher';
import { NameTable } from './names';
import type { ScanPlan } from './scan';
import { REJECT, allowedFlagsTable, scanShard, splitTables } from './scan';
import type { DonorRecord, Patient } from './schema';
import { ATTR, SHARD_BITS, SHARD_SIZE, readRow } from './store';
import { IndexWriter } from './writer';
import type { WriterOptions } from './writer';
import type { Shard } from './store';
import { SearchResult } from './searchResult';
import { TypingError, normalizeTyping } from './typing';

export interface DonorIndexOptions extends MatcherOptions {
  readonly engine: HlaEngine;
  /** Donors per shard (default 2^20, the maximum). Smaller shards spread small registries over workers. */
  readonly shardSize?: number;
}

/** Changes applied together: all or nothing. */
export interface ChangeBatch {
  /** Records added, or replacing the record with the same id. */
  readonly upsert?: readonly DonorRecord[];
  /** Ids removed; unknown ids are reported, not an error. */
  readonly remove?: readonly string[];
}

export interface ApplyResult {
  readonly added: number;
  readonly updated: number;
  readonly removed: number;
  readonly unknownIds: readonly string[];
}

/** A record the index refused (its typing does not resolve against the release). */
export interface RecordError {
  readonly id: string;
  readonly locus: string;
  readonly message: string;
}

export class BatchRejectedError extends Error {
  override readonly name = 'BatchRejectedError';
  constructor(readonly errors: readonly RecordError[]) {
    super(
      `batch refused, nothing applied: ${errors.length} record(s) with invalid typings, first: ${errors[0]?.id} ${errors[0]?.message}`
    );
  }
}

/** One distinct locus typing text per id; id 0 = untyped. Append-only, so ids stay valid for every reader. */
class LocusDictionary {
  readonly texts: string[] = [''];
  readonly resolved: (ResolvedLocus | undefined)[] = [undefined];
  private readonly ids = new Map<string, number>();
  get(text: string): number | undefined {
    return this.ids.get(text);
  }
  add(text: string, resolved: ResolvedLocus): number {
    const id = this.texts.length;
    this.ids.set(text, id);
    this.texts.push(text);
    this.resolved.push(resolved);
    return id;
  }
  get size(): number {
    return this.texts.length;
  }
}

/** What a search works on: the shard list at one moment (never changes underneath a search). */
export interface IndexView {
  readonly shards: readonly Shard[];
  readonly generation: number;
}

/**
 * The donor registry as a compact in-memory index (ADR 0402): per locus, donors store the id of their typing
 * in a dictionary of distinct typings, each resolved once to lgx/antigen candidate sets. A search folds the
 * patient into one small table per locus and scans the id columns shard by shard.
 */
export class DonorIndex {
  readonly matcher: Matcher;
  readonly shardSize: number;
  readonly dictionaries: readonly LocusDictionary[] = LOCI.map(() => new LocusDictionary());
  readonly registries = new NameTable();
  readonly populations = new NameTable(['']);
  private shards: Shard[] = [];
  private idLookups: (ShardIdLookup | undefined)[] = [];
  private live = 0;
  private writing = false;
  private generation = 0;

  constructor(options: DonorIndexOptions) {
    this.matcher = new Matcher(options.engine, options);
    this.shardSize = Math.min(SHARD_SIZE, Math.max(1, options.shardSize ?? SHARD_SIZE));
  }

  /** Nomenclature release the typings are resolved against. */
  get release(): string {
    return this.matcher.release;
  }

  /** Live donors. */
  get size(): number {
    return this.live;
  }

  /** The current state for a search: consistent however the index changes afterwards. */
  view(): IndexView {
    return { shards: this.shards, generation: this.generation };
  }

  /** Adds or replaces records and removes ids in one step. Typings are checked first: on any error nothing is applied. @throws BatchRejectedError */
  apply(batch: ChangeBatch): ApplyResult {
    const writer = this.writer();
    writer.remove(batch.remove ?? []);
    const errors = writer.upsert(batch.upsert ?? []);
    if (errors.length > 0) {
      writer.abort();
      throw new BatchRejectedError(errors);
    }
    return writer.commit();
  }

  /**
   * A writer for changes published together by `commit()` (an import of millions of rows streams through one).
   * Searches see nothing of it before the commit. One writer at a time.
   */
  writer(options: WriterOptions = {}): IndexWriter {
    if (this.writing) throw new Error('another writer is open on this donor index');
    this.writing = true;
    return new IndexWriter(this, this.shards, options, () => (this.writing = false));
  }

  /** Called by IndexWriter.commit. */
  publish(shards: Shard[], added: Iterable<[string, number]>, liveDelta: number): void {
    // Removed rows need nothing here: a lookup only returns live rows (status 0).
    while (this.idLookups.length < shards.length) this.idLookups.push(undefined); // built on first lookup
    for (const [id, g] of added) {
      const s = Math.floor(g / SHARD_SIZE);
      if (this.idLookups[s]?.add(id, g % SHARD_SIZE) === false) this.idLookups[s] = undefined;
    }
    this.shards = shards;
    this.live += liveDelta;
    this.generation++;
  }

  /**
   * Dictionary ids of a record's locus typings (0 = untyped). Texts not in the dictionaries yet are resolved
   * into `pending` and get -1 until `internTyping`; a typing that does not resolve is returned as the error.
   * One dictionary lookup per locus: registry typings are long strings and the lookups are most of an import.
   */
  lookupTyping(d: DonorRecord, pending: Map<string, ResolvedLocus>): Int32Array | RecordError {
    const ids = new Int32Array(LOCI.length);
    for (let l = 0; l < LOCI.length; l++) {
      const locus = LOCI[l] as Locus;
      const text = d.typing[locus];
      if (text === undefined) continue;
      const known = (this.dictionaries[l] as LocusDictionary).get(text);
      if (known !== undefined) {
        ids[l] = known;
        continue;
      }
      ids[l] = -1;
      const key = `${l}\t${text}`;
      if (pending.has(key)) continue;
      try {
        pending.set(key, this.matcher.resolveLocus(locus, text));
      } catch (err) {
        if (!(err instanceof TypingError)) throw err;
        return { id: d.id, locus, message: err.message };
      }
    }
    return ids;
  }

  /** The ids of lookupTyping with the new texts (-1) added to the dictionaries. */
  internTyping(d: DonorRecord, ids: Int32Array, pending: ReadonlyMap<string, ResolvedLocus>): Int32Array {
    for (let l = 0; l < ids.length; l++) {
      if (ids[l] !== -1) continue;
      const locus = LOCI[l] as Locus;
      const text = d.typing[locus] ?? '';
      const dict = this.dictionaries[l] as LocusDictionary;
      ids[l] = dict.get(text) ?? dict.add(text, pending.get(`${l}\t${text}`) ?? this.matcher.resolveLocus(locus, text));
    }
    return ids;
  }

  /** Adds records (replacing same ids). @throws BatchRejectedError */
  add(records: readonly DonorRecord[]): ApplyResult {
    return this.apply({ upsert: records });
  }

  remove(ids: readonly string[]): ApplyResult {
    return this.apply({ remove: ids });
  }

  get(id: string): DonorRecord | undefined {
    const g = this.lookup(id);
    if (g === undefined) return undefined;
    return this.readGlobal(this.shards, g);
  }

  /** Every live record, in index order. */
  *records(): Generator<DonorRecord> {
    const shards = this.shards;
    for (const [s, shard] of shards.entries()) {
      for (let i = 0; i < shard.count; i++) {
        if (shard.status[i] === 0) yield this.readGlobal(shards, s * SHARD_SIZE + i);
      }
    }
  }

  /** Reads a donor by global index from a view. */
  readGlobal(shards: readonly Shard[], global: number): DonorRecord {
    const shard = shards[Math.floor(global / SHARD_SIZE)] as Shard;
    return readRow(
      shard,
      global % SHARD_SIZE,
      (l, id) => (id === 0 ? undefined : this.dictionaries[l]?.texts[id]),
      this.registries,
      this.populations
    );
  }

  /**
   * A donor's typing as a GL string (`typingToGl` of its record) read from the typing columns alone: what the
   * probability ranking needs of a candidate, without materializing the record (ADR 0411).
   */
  typingGlGlobal(shards: readonly Shard[], global: number): string {
    const shard = shards[Math.floor(global / SHARD_SIZE)] as Shard;
    const row = global % SHARD_SIZE;
    let gl = '';
    for (const [l, col] of shard.cols.loci.entries()) {
      const id = col[row] ?? 0;
      if (id === 0) continue;
      const text = (this.dictionaries[l] as LocusDictionary).texts[id] as string;
      gl = gl === '' ? text : `${gl}^${text}`;
    }
    return gl;
  }

  /** The patient's typing resolved per locus. @throws TypingError */
  resolvePatient(typing: Patient['typing']): Partial<Record<Locus, ResolvedLocus>> {
    const t = normalizeTyping(typing);
    const out: Partial<Record<Locus, ResolvedLocus>> = {};
    for (const locus of LOCI) {
      const text = t[locus];
      if (text !== undefined) out[locus] = this.matcher.resolveLocus(locus, text);
    }
    return out;
  }

  /** Folds a patient and criteria into the per-locus tables a scan needs. */
  plan(patient: Patient, criteria: SearchCriteria, resolved = this.resolvePatient(patient.typing)): ScanPlan {
    const loci = countedLoci(criteria);
    const tables = loci.map((locus) => {
      const l = LOCI.indexOf(locus);
      const dict = this.dictionaries[l] as LocusDictionary;
      const level = criteria.levels[locus] ?? 'allele';
      const max = criteria.maxMismatchesPerLocus[locus] ?? 2;
      const table = new Uint8Array(dict.size);
      const p = resolved[locus];
      locusCodes(this.matcher, locus, p, dict.resolved, level, criteria.direction, table);
      if (max < 2) for (let id = 0; id < table.length; id++) if (((table[id] as number) & 3) > max) table[id] = REJECT;
      return table;
    });
    const dpb1L = LOCI.indexOf('DPB1');
    const dpb1Dict = this.dictionaries[dpb1L] as LocusDictionary;
    const dpb1 = new Uint8Array(dpb1Dict.size);
    for (let id = 0; id < dpb1Dict.size; id++) {
      dpb1[id] = DPB1_RANK[this.matcher.dpb1(resolved.DPB1, dpb1Dict.resolved[id]).category];
    }
    const allowedRegistries = new Uint8Array(criteria.registries ? Math.max(1, this.registries.names.length) : 0);
    for (const r of criteria.registries ?? []) {
      const id = this.registries.get(r);
      if (id !== undefined) allowedRegistries[id] = 1;
    }
    const registryRank = new Uint8Array(Math.max(1, this.registries.names.length)).fill(7);
    for (const [rank, r] of criteria.preferredRegistries.entries()) {
      const id = this.registries.get(r);
      if (id !== undefined) registryRank[id] = rank;
    }
    // Order loci so the scan's first stage sums the loci that reject the most donors (ADR 0402).
    const split = splitTables(tables);
    const weight = sampledMismatches(
      this.shards,
      loci.map((l) => LOCI.indexOf(l)),
      split.mismatchTables
    );
    const order = loci.map((_, k) => k).sort((a, b) => (weight[b] as number) - (weight[a] as number) || a - b);
    return {
      loci: order.map((k) => LOCI.indexOf(loci[k] as Locus)),
      mismatchTables: order.map((k) => split.mismatchTables[k] as Uint8Array),
      potentialTables: order.map((k) => split.potentialTables[k] as Uint8Array),
      dpb1,
      dpb1Locus: dpb1L,
      allowedFlags: allowedFlagsTable(criteria.donorKinds, criteria.includeReserved),
      allowedRegistries,
      maxTotal: criteria.maxMismatches,
      ranking: criteria.ranking,
      registryRank,
      patientCmv: ATTR.CMV.indexOf(patient.cmv ?? ''),
      patientAbo: ATTR.ABO.indexOf(patient.abo ?? ''),
      referenceYear: criteria.referenceYear ?? new Date().getUTCFullYear(),
      weightKg: patient.weightKg ?? 0,
      rankBits: criteria.ranking.map((k) => RANK_BITS[k]),
      shardBits: SHARD_BITS,
    };
  }

  /** Searches on this thread (see DonorSearchPool for worker threads). @throws TypingError, ZodError */
  search(patient: Patient, criteriaInput: SearchCriteriaInput = {}): SearchResult {
    const started = performance.now();
    const criteria = resolveCriteria(criteriaInput);
    const resolved = this.resolvePatient(patient.typing);
    const plan = this.plan(patient, criteria, resolved);
    const view = this.view();
    const hits = view.shards.map((s) => scanShard(plan, s.cols, s.status, s.count));
    return new SearchResult(this, view, patient, criteria, resolved, plan, hits, started);
  }

  /** Locus-by-locus explanation of one donor for a patient, or undefined for an unknown id. @throws TypingError */
  explain(donorId: string, patient: Patient, criteriaInput: SearchCriteriaInput = {}): DonorExplanation | undefined {
    const donor = this.get(donorId);
    if (!donor) return undefined;
    return explainDonor(this.matcher, patient, donor, resolveCriteria(criteriaInput));
  }

  /** Resolved typing of a donor record (dictionary entries when known). */
  resolveDonor(d: DonorRecord): Partial<Record<Locus, ResolvedLocus>> {
    const out: Partial<Record<Locus, ResolvedLocus>> = {};
    for (const locus of LOCI) {
      const text = d.typing[locus];
      if (text !== undefined) out[locus] = this.matcher.resolveLocus(locus, text);
    }
    return out;
  }

  /** Global index of a published live donor. */
  lookup(id: string): number | undefined {
    for (let s = 0; s < this.shards.length; s++) {
      const shard = this.shards[s] as Shard;
      let ids = this.idLookups[s];
      if (!ids) this.idLookups[s] = ids = ShardIdLookup.build(shard.ids, shard.count);
      const local = ids.find(id, shard.ids, shard.status);
      if (local !== undefined && local < shard.count) return s * SHARD_SIZE + local;
    }
    return undefined;
  }

  /**
   * Builds the id lookups of shards [first, end) now, not on the first lookup (a server does it while loading:
   * ~0.1 s per shard of 2^20 donors).
   */
  buildIdLookups(first = 0, end = this.shards.length): void {
    for (let s = first; s < Math.min(end, this.shards.length); s++) {
      const shard = this.shards[s] as Shard;
      this.idLookups[s] ??= ShardIdLookup.build(shard.ids, shard.count);
    }
  }

  /** Shards of the published index. */
  get shardCount(): number {
    return this.shards.length;
  }

  /** Used by the snapshot loader: installs shards read from a file. */
  installShards(shards: Shard[], live: number): void {
    this.shards = shards;
    this.idLookups = shards.map(() => undefined);
    this.live = live;
    this.generation++;
  }

  /** Used by the snapshot loader: a dictionary entry read from a file (resolved again against this release). */
  installDictionaryEntry(locusIndex: number, text: string): number {
    const dict = this.dictionaries[locusIndex] as LocusDictionary;
    const locus = LOCI[locusIndex] as Locus;
    const known = dict.get(text);
    if (known !== undefined) return known;
    return dict.add(text, this.matcher.resolveLocus(locus, text));
  }
}

const DPB1_RANK: Readonly<Record<Dpb1Category, number>> = {
  match: 0,
  permissive: 1,
  unknown: 2,
  'non-permissive-gvh': 3,
  'non-permissive-hvg': 3,
};

/** Mismatches of a locus in the direction the criteria count. */
export function countedMismatches(m: LocusMatch, criteria: Pick<SearchCriteria, 'direction'>): number {
  switch (criteria.direction) {
    case 'bidirectional':
      return m.mismatches;
    case 'gvh':
      return m.gvh;
    case 'hvg':
      return m.hvg;
  }
}

/**
 * Per counted locus, the mismatches (OVER when over its limit) summed over a strided sample of about 16,000
 * rows: which loci reject the most donors of this registry for this patient.
 */
function sampledMismatches(
  shards: readonly Shard[],
  loci: readonly number[],
  mismatch: readonly Uint8Array[]
): number[] {
  const total = shards.reduce((n, s) => n + s.count, 0);
  const stride = Math.max(1, Math.floor(total / 16_384));
  const sums = loci.map(() => 0);
  for (const shard of shards) {
    for (const [k, l] of loci.entries()) {
      const col = shard.cols.loci[l] as Uint32Array;
      const table = mismatch[k] as Uint8Array;
      let sum = 0;
      for (let i = 0; i < shard.count && i < col.length; i += stride) sum += table[col[i] as number] ?? 0;
      sums[k] = (sums[k] as number) + sum;
    }
  }
  return sums;
}
