import { LOCI } from './loci';
import type { CordInfo, DonorRecord } from './schema';
import { birthYearOf } from './schema';

// Columnar storage of one shard (ADR 0402). Numeric columns live in SharedArrayBuffers so worker threads scan
// them without copies; ids and the few cord fields stay on the main thread. A shard value is immutable once
// published: appends write past the published `count` (invisible to readers holding the old value), removals
// copy the status column (copy-on-write), so a search that captured the shard list sees one consistent state.

/** Donors per shard; the local index of a donor fits in SHARD_BITS bits of the packed sort key. */
export const SHARD_BITS = 20;
export const SHARD_SIZE = 1 << SHARD_BITS;

export const FLAG_CORD = 1;
export const AVAIL_SHIFT = 1; // 2 bits: 0 available, 1 reserved, 2 unavailable
const AVAIL_CODES = { available: 0, reserved: 1, unavailable: 2 } as const;
const AVAIL_NAMES = ['available', 'reserved', 'unavailable'] as const;

// attrs (Uint16): sex 2 bits | cmv 2 bits << 2 | abo 3 bits << 4 | rh 2 bits << 7
const SEX = ['', 'M', 'F'] as const;
const CMV = ['', 'neg', 'pos'] as const;
const ABO = ['', 'A', 'B', 'AB', 'O'] as const;
const RH = ['', '+', '-'] as const;

/** The numeric columns of a shard, all of length `capacity`. */
export interface Columns {
  readonly capacity: number;
  /** Per locus (LOCI order): id of the locus typing in the index dictionary, 0 = untyped. */
  readonly loci: Uint32Array[];
  readonly flags: Uint8Array;
  readonly attrs: Uint16Array;
  /** yyyymmdd, or yyyy0000 when only the year is known, 0 unknown. */
  readonly birth: Uint32Array;
  readonly registry: Uint16Array;
  readonly population: Uint16Array;
  /** Cord TNC (x10^7), 0 for adult donors. */
  readonly tnc: Float32Array;
}

export interface Shard {
  /** Increments on every published change; part of a search's consistency token. */
  readonly version: number;
  readonly count: number;
  readonly cols: Columns;
  /** 1 = removed (superseded by an update or deleted). Copy-on-write. */
  readonly status: Uint8Array;
  /** Donor ids by local index (main thread only). */
  readonly ids: string[];
  /** Cord fields other than TNC, by local index (main thread only). */
  readonly cords: Map<number, CordInfo>;
}

function shared<T>(ctor: new (b: SharedArrayBuffer) => T, bytesPer: number, n: number): T {
  return new ctor(new SharedArrayBuffer(Math.max(1, n) * bytesPer));
}

/** Loci whose column always exists (A, B, C, DRB1, DQB1, DPB1); the optional loci get one when first typed. */
export const CORE_LOCI = 6;

export function allocColumns(capacity: number, optional: (l: number) => boolean = () => false): Columns {
  return {
    capacity,
    loci: LOCI.map((_, l) => (l < CORE_LOCI || optional(l) ? shared(Uint32Array, 4, capacity) : new Uint32Array(0))),
    flags: shared(Uint8Array, 1, capacity),
    attrs: shared(Uint16Array, 2, capacity),
    birth: shared(Uint32Array, 4, capacity),
    registry: shared(Uint16Array, 2, capacity),
    population: shared(Uint16Array, 2, capacity),
    tnc: shared(Float32Array, 4, capacity),
  };
}

/** New columns of a larger capacity with the first `count` rows copied. */
export function growColumns(cols: Columns, count: number, capacity: number): Columns {
  const next = allocColumns(capacity, (l) => (cols.loci[l]?.length ?? 0) > 0);
  for (const [i, col] of cols.loci.entries()) if (col.length > 0) next.loci[i]?.set(col.subarray(0, count));
  next.flags.set(cols.flags.subarray(0, count));
  next.attrs.set(cols.attrs.subarray(0, count));
  next.birth.set(cols.birth.subarray(0, count));
  next.registry.set(cols.registry.subarray(0, count));
  next.population.set(cols.population.subarray(0, count));
  next.tnc.set(cols.tnc.subarray(0, count));
  return next;
}

export function copyStatus(status: Uint8Array, capacity: number): Uint8Array {
  const next = shared(Uint8Array, 1, capacity);
  next.set(status.subarray(0, Math.min(status.length, capacity)));
  return next;
}

/** Dictionaries the columns refer to (registry, population names). */
export interface Names {
  id(name: string): number;
  name(id: number): string;
}

/** Writes one record into row `i` (locus ids already interned). */
export function writeRow(
  cols: Columns,
  i: number,
  d: DonorRecord,
  locusIds: ArrayLike<number>,
  registries: Names,
  populations: Names
): void {
  for (const [l, col] of cols.loci.entries()) {
    const id = locusIds[l] ?? 0;
    if (col.length === 0) {
      if (id === 0) continue;
      // First donor typed at an optional locus in this shard: rows before it read 0 (untyped) from the new column.
      cols.loci[l] = shared(Uint32Array, 4, cols.capacity);
    }
    (cols.loci[l] as Uint32Array)[i] = id;
  }
  cols.flags[i] = (d.kind === 'cord' ? FLAG_CORD : 0) | (AVAIL_CODES[d.availability] << AVAIL_SHIFT);
  cols.attrs[i] =
    SEX.indexOf(d.sex ?? '') |
    (CMV.indexOf(d.cmv ?? '') << 2) |
    (ABO.indexOf(d.abo ?? '') << 4) |
    (RH.indexOf(d.rh ?? '') << 7);
  cols.birth[i] = d.birthDate ? Number(d.birthDate.replaceAll('-', '')) : (birthYearOf(d) ?? 0) * 10000;
  cols.registry[i] = registries.id(d.registry);
  cols.population[i] = d.population ? populations.id(d.population) : 0;
  cols.tnc[i] = d.cord?.tncE7 ?? 0;
}

/** Reads row `i` back as a record (typing from the dictionary texts). */
export function readRow(
  shard: Shard,
  i: number,
  typingOf: (locusIndex: number, id: number) => string | undefined,
  registries: Names,
  populations: Names
): DonorRecord {
  const c = shard.cols;
  const typing: Record<string, string> = {};
  for (const [l, col] of c.loci.entries()) {
    const text = typingOf(l, col[i] ?? 0);
    if (text !== undefined) typing[LOCI[l] ?? ''] = text;
  }
  const flags = c.flags[i] ?? 0;
  const attrs = c.attrs[i] ?? 0;
  const birth = c.birth[i] ?? 0;
  const rec: DonorRecord = {
    id: shard.ids[i] ?? '',
    registry: registries.name(c.registry[i] ?? 0),
    kind: flags & FLAG_CORD ? 'cord' : 'adult',
    availability: AVAIL_NAMES[(flags >> AVAIL_SHIFT) & 3] ?? 'available',
    typing,
  };
  const sex = SEX[attrs & 3];
  if (sex) rec.sex = sex;
  const cmv = CMV[(attrs >> 2) & 3];
  if (cmv) rec.cmv = cmv;
  const abo = ABO[(attrs >> 4) & 7];
  if (abo) rec.abo = abo;
  const rh = RH[(attrs >> 7) & 3];
  if (rh) rec.rh = rh;
  if (birth % 10000 !== 0) {
    const s = String(birth);
    rec.birthDate = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  } else if (birth > 0) rec.birthYear = birth / 10000;
  const pop = c.population[i] ?? 0;
  if (pop > 0) rec.population = populations.name(pop);
  if (flags & FLAG_CORD) rec.cord = shard.cords.get(i) ?? { tncE7: c.tnc[i] ?? 0 };
  return rec;
}

export const ATTR = { SEX, CMV, ABO, RH } as const;
