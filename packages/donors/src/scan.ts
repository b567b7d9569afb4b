import type { RankKey } from './criteria';
import type { Columns } from './store';
import { AVAIL_SHIFT, FLAG_CORD } from './store';

// The hot loop of a search (ADR 0402). Pure and self-contained so a worker thread can run it on shared
// columns: everything patient-specific was folded into small per-locus tables by the main thread.

/** Sentinel in a locus table: the donor exceeds the per-locus mismatch limit. */
export const REJECT = 255;

export interface ScanPlan {
  /** LOCI indexes of the counted loci, in scan order. */
  readonly loci: readonly number[];
  /**
   * Per counted locus, by dictionary id: its mismatches (OVER when over the per-locus limit) and its potential
   * positions, split from the locus table (mismatches | potential << 2, or REJECT) by splitTables.
   */
  readonly mismatchTables: readonly Uint8Array[];
  readonly potentialTables: readonly Uint8Array[];
  /** DPB1 dictionary id → 0 match, 1 permissive, 2 unknown, 3 non-permissive. */
  readonly dpb1: Uint8Array;
  readonly dpb1Locus: number;
  /** flags byte (kind, availability) → 1 when allowed. */
  readonly allowedFlags: Uint8Array;
  /** registry id → 1 when allowed; empty = all. */
  readonly allowedRegistries: Uint8Array;
  readonly maxTotal: number;
  readonly ranking: readonly RankKey[];
  /** registry id → preference rank 0..7. */
  readonly registryRank: Uint8Array;
  /** Patient attrs for CMV (0 unknown, 1 neg, 2 pos) and ABO (0 unknown, 1..4). */
  readonly patientCmv: number;
  readonly patientAbo: number;
  readonly referenceYear: number;
  /** Patient weight for cord dose ranking; 0 when unknown. */
  readonly weightKg: number;
  /** Bit width of each ranking key (RANK_BITS in ranking order) and of the row number (SHARD_BITS). */
  readonly rankBits: readonly number[];
  readonly shardBits: number;
}

/** A locus' mismatch table entry for a donor over the per-locus limit: larger than any total limit. */
export const OVER = 64;

/**
 * Per locus, the mismatch count by dictionary id (OVER when over the per-locus limit) and the number of
 * potential positions: the forms the scan sums without branches. Derived once per search from the tables.
 */
export function splitTables(tables: readonly Uint8Array[]): {
  mismatchTables: Uint8Array[];
  potentialTables: Uint8Array[];
} {
  const mismatchTables: Uint8Array[] = [];
  const potentialTables: Uint8Array[] = [];
  for (const t of tables) {
    const m = new Uint8Array(t.length);
    const p = new Uint8Array(t.length);
    for (let id = 0; id < t.length; id++) {
      const code = t[id] as number;
      m[id] = code === REJECT ? OVER : code & 3;
      p[id] = code === REJECT ? 0 : code >> 2;
    }
    mismatchTables.push(m);
    potentialTables.push(p);
  }
  return { mismatchTables, potentialTables };
}

/** The rows of a shard that pass a search, in row order, with their mismatches and potential positions. */
export interface ShardHits {
  readonly rows: Int32Array;
  readonly mms: Uint8Array;
  readonly pots: Uint8Array;
}

/**
 * Scans rows [0, count) of a shard; returns the passing rows (unranked: SearchResult ranks them lazily, a page
 * at a time). Self-contained (no module bindings) because worker threads run its source text.
 *
 * About 99 % of donors fail a 10/10 ≤ 2 search, so the loop is built for rejecting: the mismatches of the first
 * three counted loci are summed without a branch per locus (branches on random data mispredict; ADR 0402),
 * then the rest; only survivors pay for the status, kind and potential work. Ranking a hit reads six more
 * columns at scattered rows, so it is left to the pages that need it.
 */
export function scanShard(plan: ScanPlan, cols: Columns, status: Uint8Array, count: number): ShardHits {
  let rows = new Int32Array(1024);
  let mms = new Uint8Array(1024);
  let pots = new Uint8Array(1024);
  let n = 0;
  const { maxTotal, allowedFlags, allowedRegistries } = plan;
  const mm = plan.mismatchTables;
  const pt = plan.potentialTables;
  // Up to six counted loci (12/12); absent ones read a zero table through the first locus' column.
  if (plan.loci.length > 6) throw new Error(`a scan counts at most 6 loci, not ${plan.loci.length}`);
  const cl = plan.loci.map((l) => cols.loci[l] as Uint32Array);
  const c0 = cl[0] ?? new Uint32Array(count);
  const zero = new Uint8Array(mm[0]?.length ?? 1);
  const m0 = mm[0] ?? zero;
  const m1 = mm[1] ?? zero;
  const m2 = mm[2] ?? zero;
  const m3 = mm[3] ?? zero;
  const m4 = mm[4] ?? zero;
  const m5 = mm[5] ?? zero;
  const p0 = pt[0] ?? zero;
  const p1 = pt[1] ?? zero;
  const p2 = pt[2] ?? zero;
  const p3 = pt[3] ?? zero;
  const p4 = pt[4] ?? zero;
  const p5 = pt[5] ?? zero;
  const c1 = cl[1] ?? c0;
  const c2 = cl[2] ?? c0;
  const c3 = cl[3] ?? c0;
  const c4 = cl[4] ?? c0;
  const c5 = cl[5] ?? c0;
  const checkRegistry = allowedRegistries.length > 0;
  const flags = cols.flags;
  /** The rest of the checks for row i, whose first three loci sum to `first` mismatches. */
  const accept = (i: number, first: number): void => {
    if (first > maxTotal) return;
    const m =
      first + (m3[c3[i] as number] as number) + (m4[c4[i] as number] as number) + (m5[c5[i] as number] as number);
    if (m > maxTotal) return;
    if (status[i] !== 0 || allowedFlags[flags[i] as number] !== 1) return;
    if (checkRegistry && allowedRegistries[cols.registry[i] as number] !== 1) return;
    const pot =
      (p0[c0[i] as number] as number) +
      (p1[c1[i] as number] as number) +
      (p2[c2[i] as number] as number) +
      (p3[c3[i] as number] as number) +
      (p4[c4[i] as number] as number) +
      (p5[c5[i] as number] as number);
    if (n === rows.length) {
      const r = new Int32Array(n * 2);
      r.set(rows);
      rows = r;
      const a = new Uint8Array(n * 2);
      a.set(mms);
      mms = a;
      const b = new Uint8Array(n * 2);
      b.set(pots);
      pots = b;
    }
    rows[n] = i;
    mms[n] = m;
    pots[n++] = pot;
  };
  // Four rows a step: their first-stage sums are independent work the CPU overlaps (~25 % faster than one).
  let i = 0;
  for (; i + 3 < count; i += 4) {
    const a = (m0[c0[i] as number] as number) + (m1[c1[i] as number] as number) + (m2[c2[i] as number] as number);
    const b =
      (m0[c0[i + 1] as number] as number) + (m1[c1[i + 1] as number] as number) + (m2[c2[i + 1] as number] as number);
    const c =
      (m0[c0[i + 2] as number] as number) + (m1[c1[i + 2] as number] as number) + (m2[c2[i + 2] as number] as number);
    const d =
      (m0[c0[i + 3] as number] as number) + (m1[c1[i + 3] as number] as number) + (m2[c2[i + 3] as number] as number);
    if (a > maxTotal && b > maxTotal && c > maxTotal && d > maxTotal) continue;
    accept(i, a);
    accept(i + 1, b);
    accept(i + 2, c);
    accept(i + 3, d);
  }
  for (; i < count; i++) {
    accept(i, (m0[c0[i] as number] as number) + (m1[c1[i] as number] as number) + (m2[c2[i] as number] as number));
  }
  return { rows: rows.slice(0, n), mms: mms.slice(0, n), pots: pots.slice(0, n) };
}

/**
 * Packed sort keys `rank * 2^shardBits + row` of the hit rows, sorted ascending: the ranking keys of
 * plan.ranking in order, each in its bit width, lower is better (see makeRanker, which ranks one row the same
 * way for the reference search). Computed one key at a time over the hits: a tight loop per key instead of a
 * switch per hit.
 */
export function rankRows(
  plan: ScanPlan,
  cols: Columns,
  rows: Int32Array,
  mms: Uint8Array,
  pots: Uint8Array,
  n: number
): Float64Array {
  const keys = new Float64Array(n);
  const { flags, tnc, birth, attrs, registry } = cols;
  const { dpb1, registryRank, weightKg, referenceYear, patientCmv, patientAbo } = plan;
  const dpb1Col = cols.loci[plan.dpb1Locus] as Uint32Array;
  for (const [k, rankKey] of plan.ranking.entries()) {
    const mul = 2 ** (plan.rankBits[k] as number);
    switch (rankKey) {
      case 'mismatches':
        for (let h = 0; h < n; h++) keys[h] = (keys[h] as number) * mul + Math.min(mms[h] as number, 15);
        break;
      case 'potential':
        for (let h = 0; h < n; h++) keys[h] = (keys[h] as number) * mul + Math.min(pots[h] as number, 15);
        break;
      case 'dpb1':
        // DPB1 TCE category; untyped (or no column) = unknown (2)
        for (let h = 0; h < n; h++) {
          const id = dpb1Col.length > 0 ? (dpb1Col[rows[h] as number] as number) : -1;
          keys[h] = (keys[h] as number) * mul + (dpb1[id] ?? 2);
        }
        break;
      case 'cordDose':
        // cord units (flags bit 0) by TNC x10^7/kg in steps of 0.25, highest first; adult donors 0
        for (let h = 0; h < n; h++) {
          const i = rows[h] as number;
          const v =
            ((flags[i] as number) & 1) === 0 || weightKg <= 0
              ? 0
              : 63 - Math.min(63, Math.floor(((tnc[i] as number) / weightKg) * 4));
          keys[h] = (keys[h] as number) * mul + v;
        }
        break;
      case 'age':
        // younger first, unknown birth year last
        for (let h = 0; h < n; h++) {
          const year = Math.floor((birth[rows[h] as number] as number) / 10000);
          keys[h] = (keys[h] as number) * mul + (year === 0 ? 127 : Math.max(0, Math.min(126, referenceYear - year)));
        }
        break;
      case 'sex':
        // male first
        for (let h = 0; h < n; h++) {
          keys[h] = (keys[h] as number) * mul + (((attrs[rows[h] as number] as number) & 3) === 1 ? 0 : 1);
        }
        break;
      case 'cmv':
        for (let h = 0; h < n; h++) {
          const v = patientCmv === 0 || (((attrs[rows[h] as number] as number) >> 2) & 3) === patientCmv ? 0 : 1;
          keys[h] = (keys[h] as number) * mul + v;
        }
        break;
      case 'abo':
        for (let h = 0; h < n; h++) {
          const v = patientAbo === 0 || (((attrs[rows[h] as number] as number) >> 4) & 7) === patientAbo ? 0 : 1;
          keys[h] = (keys[h] as number) * mul + v;
        }
        break;
      case 'registry':
        for (let h = 0; h < n; h++) {
          keys[h] = (keys[h] as number) * mul + (registryRank[registry[rows[h] as number] as number] ?? 7);
        }
        break;
    }
  }
  const scale = 2 ** plan.shardBits;
  for (let h = 0; h < n; h++) keys[h] = (keys[h] as number) * scale + (rows[h] as number);
  return keys.sort();
}

/**
 * The packed rank of a row of `cols`: ranking keys in order, each in its bit width (plan.rankBits), lower is
 * better. Self-contained: worker threads run its source text.
 */
export function makeRanker(plan: ScanPlan, cols: Columns): (i: number, mm: number, pot: number) => number {
  const names = ['mismatches', 'potential', 'dpb1', 'cordDose', 'age', 'sex', 'cmv', 'abo', 'registry'];
  const n = plan.ranking.length;
  const codes = new Int32Array(n);
  const weights = new Float64Array(n);
  let w = 1;
  for (let k = n - 1; k >= 0; k--) {
    codes[k] = names.indexOf(plan.ranking[k] as string);
    weights[k] = w;
    w *= 2 ** (plan.rankBits[k] as number);
  }
  const dpb1Col = cols.loci[plan.dpb1Locus] as Uint32Array;
  const { dpb1, registryRank, weightKg, referenceYear, patientCmv, patientAbo } = plan;
  const { flags, tnc, birth, attrs, registry } = cols;
  return (i, mm, pot) => {
    let key = 0;
    for (let k = 0; k < n; k++) {
      let v = 0;
      switch (codes[k] ?? -1) {
        case 0: // mismatches
          v = mm < 15 ? mm : 15;
          break;
        case 1: // potential
          v = pot < 15 ? pot : 15;
          break;
        case 2: // dpb1 category
          v = dpb1Col.length > i ? (dpb1[dpb1Col[i] as number] ?? 2) : 2;
          break;
        case 3: {
          // cord dose: flags bit 0 = cord unit; x10^7/kg in steps of 0.25, highest first
          if (((flags[i] as number) & 1) === 0 || weightKg <= 0) break;
          v = 63 - Math.min(63, Math.floor(((tnc[i] as number) / weightKg) * 4));
          break;
        }
        case 4: {
          // age: younger first, unknown last
          const year = Math.floor((birth[i] as number) / 10000);
          v = year === 0 ? 127 : Math.max(0, Math.min(126, referenceYear - year));
          break;
        }
        case 5: // sex: male first
          v = ((attrs[i] as number) & 3) === 1 ? 0 : 1;
          break;
        case 6: // CMV equal to the patient's first
          v = patientCmv === 0 || (((attrs[i] as number) >> 2) & 3) === patientCmv ? 0 : 1;
          break;
        case 7: // ABO equal to the patient's first
          v = patientAbo === 0 || (((attrs[i] as number) >> 4) & 7) === patientAbo ? 0 : 1;
          break;
        default: // registry preference
          v = registryRank[registry[i] as number] ?? 7;
      }
      key += v * (weights[k] as number);
    }
    return key;
  };
}

/** flags byte → allowed, for the donor kinds and availabilities a search accepts. */
export function allowedFlagsTable(kinds: readonly ('adult' | 'cord')[], includeReserved: boolean): Uint8Array {
  const t = new Uint8Array(256);
  for (let f = 0; f < 256; f++) {
    const kindOk = f & FLAG_CORD ? kinds.includes('cord') : kinds.includes('adult');
    const avail = (f >> AVAIL_SHIFT) & 3;
    const availOk = avail === 0 || (avail === 1 && includeReserved);
    t[f] = kindOk && availOk ? 1 : 0;
  }
  return t;
}
