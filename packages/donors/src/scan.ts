import type { RankKey } from './criteria';
import type { Columns } from './store';
import { AVAIL_SHIFT, FLAG_CORD } from './store';

// The hot loop of a search (ADR 0402). Pure and self-contained so a worker thread can run it on shared
// columns: everything patient-specific was folded into small per-locus tables by the main thread.

/** Sentinel in a locus table: the donor exceeds the per-locus mismatch limit. */
export const REJECT = 255;

export interface ScanPlan {
  /** LOCI indexes of the counted loci and, per locus, a table by dictionary id: mismatches | potential << 2, or REJECT. */
  readonly loci: readonly number[];
  readonly tables: readonly Uint8Array[];
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

/**
 * Scans rows [0, count) of a shard; returns packed keys `rank * 2^shardBits + local`, sorted ascending.
 * Self-contained (no module bindings besides makeRanker) because worker threads run its source text.
 */
export function scanShard(plan: ScanPlan, cols: Columns, status: Uint8Array, count: number): Float64Array {
  let out = new Float64Array(1024);
  let n = 0;
  const { tables, maxTotal, allowedFlags, allowedRegistries } = plan;
  const nl = plan.loci.length;
  // Up to six loci unrolled into locals (monomorphic, no inner loop); the rest in a generic loop.
  const cl = plan.loci.map((l) => cols.loci[l] as Uint32Array);
  const none = new Uint8Array(1);
  const t0 = tables[0] ?? none;
  const t1 = tables[1] ?? none;
  const t2 = tables[2] ?? none;
  const t3 = tables[3] ?? none;
  const t4 = tables[4] ?? none;
  const t5 = tables[5] ?? none;
  const z = new Uint32Array(0);
  const c0 = cl[0] ?? z;
  const c1 = cl[1] ?? z;
  const c2 = cl[2] ?? z;
  const c3 = cl[3] ?? z;
  const c4 = cl[4] ?? z;
  const c5 = cl[5] ?? z;
  const checkRegistry = allowedRegistries.length > 0;
  const flags = cols.flags;
  const rank = makeRanker(plan);
  const scale = 2 ** plan.shardBits;
  for (let i = 0; i < count; i++) {
    if (status[i] !== 0 || allowedFlags[flags[i] as number] !== 1) continue;
    // table codes: mismatches | potential << 2, 255 = over the per-locus limit
    let code = nl > 0 ? (t0[c0[i] as number] as number) : 0;
    if (code === 255) continue;
    let mm = code & 3;
    let pot = code >> 2;
    if (nl > 1) {
      code = t1[c1[i] as number] as number;
      if (code === 255 || (mm += code & 3) > maxTotal) continue;
      pot += code >> 2;
      if (nl > 2) {
        code = t2[c2[i] as number] as number;
        if (code === 255 || (mm += code & 3) > maxTotal) continue;
        pot += code >> 2;
        if (nl > 3) {
          code = t3[c3[i] as number] as number;
          if (code === 255 || (mm += code & 3) > maxTotal) continue;
          pot += code >> 2;
          if (nl > 4) {
            code = t4[c4[i] as number] as number;
            if (code === 255 || (mm += code & 3) > maxTotal) continue;
            pot += code >> 2;
            if (nl > 5) {
              code = t5[c5[i] as number] as number;
              if (code === 255 || (mm += code & 3) > maxTotal) continue;
              pot += code >> 2;
              let rejected = false;
              for (let k = 6; k < nl; k++) {
                code = (tables[k] as Uint8Array)[(cl[k] as Uint32Array)[i] as number] as number;
                if (code === 255 || (mm += code & 3) > maxTotal) {
                  rejected = true;
                  break;
                }
                pot += code >> 2;
              }
              if (rejected) continue;
            }
          }
        }
      }
    }
    if (mm > maxTotal) continue;
    if (checkRegistry && allowedRegistries[cols.registry[i] as number] !== 1) continue;
    if (n === out.length) {
      const next = new Float64Array(out.length * 2);
      next.set(out);
      out = next;
    }
    out[n++] = rank(cols, i, mm, pot) * scale + i;
  }
  return out.subarray(0, n).sort();
}

/**
 * The packed rank of a row: ranking keys in order, each in its bit width (plan.rankBits), lower is better.
 * Self-contained: worker threads run its source text.
 */
export function makeRanker(plan: ScanPlan): (cols: Columns, i: number, mm: number, pot: number) => number {
  const keys = plan.ranking;
  const bits = plan.rankBits;
  const value = (cols: Columns, i: number, k: RankKey, mm: number, pot: number): number => {
    switch (k) {
      case 'mismatches':
        return Math.min(mm, 15);
      case 'potential':
        return Math.min(pot, 15);
      case 'dpb1':
        return plan.dpb1[(cols.loci[plan.dpb1Locus] as Uint32Array)[i] as number] ?? 2;
      case 'cordDose': {
        // flags bit 0: cord unit
        if (((cols.flags[i] as number) & 1) === 0 || plan.weightKg <= 0) return 0;
        const dose = (cols.tnc[i] as number) / plan.weightKg; // x10^7/kg, in steps of 0.25
        return 63 - Math.min(63, Math.floor(dose * 4));
      }
      case 'age': {
        const year = Math.floor((cols.birth[i] as number) / 10000);
        return year === 0 ? 127 : Math.max(0, Math.min(126, plan.referenceYear - year));
      }
      case 'sex':
        return ((cols.attrs[i] as number) & 3) === 1 ? 0 : 1;
      case 'cmv':
        return plan.patientCmv === 0 || (((cols.attrs[i] as number) >> 2) & 3) === plan.patientCmv ? 0 : 1;
      case 'abo':
        return plan.patientAbo === 0 || (((cols.attrs[i] as number) >> 4) & 7) === plan.patientAbo ? 0 : 1;
      case 'registry':
        return plan.registryRank[cols.registry[i] as number] ?? 7;
    }
  };
  return (cols, i, mm, pot) => {
    let key = 0;
    for (let k = 0; k < keys.length; k++) key = key * 2 ** (bits[k] as number) + value(cols, i, keys[k] as RankKey, mm, pot);
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
