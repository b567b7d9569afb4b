import { closeSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import type { HlaEngine } from '@engraft/hla';
import { DonorIndex } from './donorIndex';
import type { DonorIndexOptions } from './donorIndex';
import { LOCI } from './loci';
import type { CordInfo } from './schema';
import type { Columns, Shard } from './store';
import { allocColumns, copyStatus } from './store';

// Snapshot file of a donor index (ADR 0402). Layout: 8-byte magic, u32 header length, JSON header, then the
// column buffers of each shard, 8-byte aligned. Only live rows are written (the snapshot compacts). Typings
// are stored as text dictionaries, not as resolved P groups: nothing derived from IMGT files is written, and
// loading re-resolves them against whatever release the loading engine has (recorded as `release`).

const MAGIC = 'ENGDONR1';
const FORMAT_VERSION = 1;

type ColumnName = 'flags' | 'attrs' | 'birth' | 'registry' | 'population' | 'tnc' | `locus:${string}`;

interface ShardHeader {
  count: number;
  columns: Record<string, [offset: number, bytes: number]>;
  ids: [number, number];
  cords: [number, number];
}

export interface SnapshotHeader {
  format: 'engraft-donors-snapshot';
  version: number;
  /** Release the index resolved typings with when it was written. */
  release: string;
  /**
   * Haplotype frequency sets the registry was built or imputed with (issue 16): name and SHA-256 of the file.
   * Absent in snapshots written before issue 16 (read as none).
   */
  frequencySets?: SnapshotFrequencySet[];
  createdAt: string;
  donors: number;
  shardSize: number;
  registries: string[];
  populations: string[];
  /** Per locus (LOCI order) the distinct typings; id = position + 1 (0 = untyped). */
  dictionaries: Record<string, string[]>;
  shards: ShardHeader[];
}

/** A frequency set a snapshot records: its name and the SHA-256 of its file (hex). */
export interface SnapshotFrequencySet {
  readonly name: string;
  readonly sha256: string;
}

export interface WriteSnapshotOptions {
  /** Frequency sets to record (default: none). */
  readonly frequencySets?: readonly SnapshotFrequencySet[];
}

export interface SnapshotInfo {
  readonly path: string;
  readonly bytes: number;
  readonly donors: number;
  readonly shards: number;
  readonly release: string;
  readonly frequencySets: readonly SnapshotFrequencySet[];
}

function columnsOf(
  cols: Columns
): [ColumnName, ArrayBufferView & { subarray(a: number, b: number): ArrayBufferView; BYTES_PER_ELEMENT: number }][] {
  return [
    ...LOCI.map((l, i) => [`locus:${l}`, cols.loci[i] as Uint32Array] as [ColumnName, Uint32Array]),
    ['flags', cols.flags],
    ['attrs', cols.attrs],
    ['birth', cols.birth],
    ['registry', cols.registry],
    ['population', cols.population],
    ['tnc', cols.tnc],
  ];
}

/** Writes the index's current state to `path` (via a temporary file renamed into place). */
export function writeSnapshot(index: DonorIndex, path: string, options: WriteSnapshotOptions = {}): SnapshotInfo {
  const frequencySets = (options.frequencySets ?? []).map((f) => ({ name: f.name, sha256: f.sha256 }));
  const view = index.view();
  const compact: { cols: Columns; count: number; ids: string[]; cords: [number, CordInfo][] }[] = [];
  let donors = 0;
  for (const shard of view.shards) {
    const live: number[] = [];
    for (let i = 0; i < shard.count; i++) if (shard.status[i] === 0) live.push(i);
    if (live.length === 0) continue;
    const cols = live.length === shard.count ? shard.cols : gather(shard, live);
    const cords: [number, CordInfo][] = [];
    live.forEach((local, j) => {
      const c = shard.cords.get(local);
      if (c) cords.push([j, c]);
    });
    compact.push({ cols, count: live.length, ids: live.map((i) => shard.ids[i] ?? ''), cords });
    donors += live.length;
  }
  const blobs: Buffer[] = [];
  let offset = 0;
  const add = (buf: Buffer): [number, number] => {
    const at = offset;
    blobs.push(buf);
    offset += buf.length;
    const pad = (8 - (offset % 8)) % 8;
    if (pad) {
      blobs.push(Buffer.alloc(pad));
      offset += pad;
    }
    return [at, buf.length];
  };
  const shards: ShardHeader[] = compact.map((c) => {
    const columns: Record<string, [number, number]> = {};
    for (const [name, arr] of columnsOf(c.cols)) {
      const view = arr.subarray(0, arr.byteLength === 0 ? 0 : c.count);
      columns[name] = add(Buffer.from(view.buffer, view.byteOffset, view.byteLength));
    }
    return {
      count: c.count,
      columns,
      ids: add(Buffer.from(c.ids.join('\n'), 'utf8')),
      cords: add(Buffer.from(JSON.stringify(c.cords), 'utf8')),
    };
  });
  const header: SnapshotHeader = {
    format: 'engraft-donors-snapshot',
    version: FORMAT_VERSION,
    release: index.release,
    frequencySets,
    createdAt: new Date().toISOString(),
    donors,
    shardSize: index.shardSize,
    registries: index.registries.names,
    populations: index.populations.names,
    dictionaries: Object.fromEntries(LOCI.map((l, i) => [l, index.dictionaries[i]?.texts.slice(1) ?? []])),
    shards,
  };
  const headerBuf = Buffer.from(JSON.stringify(header), 'utf8');
  const pre = Buffer.alloc(12);
  pre.write(MAGIC, 0, 'latin1');
  pre.writeUInt32LE(headerBuf.length, 8);
  const dataStart = align8(12 + headerBuf.length);
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, pre);
    writeSync(fd, headerBuf);
    writeSync(fd, Buffer.alloc(dataStart - 12 - headerBuf.length));
    for (const b of blobs) writeSync(fd, b);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  return { path, bytes: dataStart + offset, donors, shards: shards.length, release: index.release, frequencySets };
}

function align8(n: number): number {
  return n + ((8 - (n % 8)) % 8);
}

function gather(shard: Shard, live: readonly number[]): Columns {
  const cols = allocColumns(live.length, (l) => (shard.cols.loci[l]?.length ?? 0) > 0);
  const src = columnsOf(shard.cols);
  const dst = columnsOf(cols);
  for (const [k, [, from]] of src.entries()) {
    const to = dst[k]?.[1] as unknown as Record<number, number>;
    const f = from as unknown as Record<number, number>;
    live.forEach((local, j) => (to[j] = f[local] ?? 0));
  }
  return cols;
}

/** Opens a snapshot for reading; a missing file is named with how to build one (not a raw ENOENT). */
function openSnapshot(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new Error(
        `no donor snapshot at ${path}: build one with \`engraft donors import --snapshot ${path} FILE…\``
      );
    }
    if (code === 'EACCES') throw new Error(`${path}: permission denied reading the donor snapshot`);
    throw err;
  }
}

/** Reads only the header of a snapshot. */
export function readSnapshotHeader(path: string): SnapshotHeader {
  const fd = openSnapshot(path);
  try {
    return readHeader(fd, path).header;
  } finally {
    closeSync(fd);
  }
}

function readHeader(fd: number, path: string): { header: SnapshotHeader; dataStart: number } {
  const pre = Buffer.alloc(12);
  readSync(fd, pre, 0, 12, 0);
  if (pre.toString('latin1', 0, 8) !== MAGIC) throw new Error(`${path} is not an Engraft donor snapshot`);
  const len = pre.readUInt32LE(8);
  const buf = Buffer.alloc(len);
  readSync(fd, buf, 0, len, 12);
  const header = JSON.parse(buf.toString('utf8')) as SnapshotHeader;
  if (header.format !== 'engraft-donors-snapshot' || header.version !== FORMAT_VERSION) {
    throw new Error(`${path}: unsupported snapshot version ${header.version}`);
  }
  return { header, dataStart: align8(12 + len) };
}

/** The frequency sets a snapshot header records (none for snapshots written before issue 16). */
export const frequencySetsOf = (header: SnapshotHeader): readonly SnapshotFrequencySet[] => header.frequencySets ?? [];

/** Loads a snapshot into a new index bound to `engine` (typings resolved again against its release). @throws TypingError when a stored typing does not resolve in that release */
export function loadSnapshot(
  path: string,
  engine: HlaEngine,
  options: Omit<DonorIndexOptions, 'engine'> = {}
): DonorIndex {
  const steps = loadSteps(path, engine, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

export interface LoadProgress {
  /** 0..1: dictionary typings resolved and shards read, weighted by work. */
  readonly fraction: number;
  readonly phase: 'dictionaries' | 'shards';
}

/**
 * Like loadSnapshot, but gives the event loop back between small steps (a few thousand typings resolved,
 * one shard read), so a server keeps answering while a large registry loads, and reports progress.
 * @throws TypingError when a stored typing does not resolve in that release
 */
export async function loadSnapshotAsync(
  path: string,
  engine: HlaEngine,
  options: Omit<DonorIndexOptions, 'engine'> & { onProgress?: (p: LoadProgress) => void } = {}
): Promise<DonorIndex> {
  const { onProgress, ...indexOptions } = options;
  const steps = loadSteps(path, engine, indexOptions);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    onProgress?.(next.value);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Typings resolved between two progress steps. */
const DICTIONARY_STEP = 2000;

function* loadSteps(
  path: string,
  engine: HlaEngine,
  options: Omit<DonorIndexOptions, 'engine'>
): Generator<LoadProgress, DonorIndex> {
  const fd = openSnapshot(path);
  try {
    const { header, dataStart } = readHeader(fd, path);
    const index = new DonorIndex({ ...options, engine, shardSize: header.shardSize });
    for (const r of header.registries) index.registries.id(r);
    for (const p of header.populations) index.populations.id(p);
    // Work units: one per typing resolved, and per shard its rows / 20 (reading columns is cheap per row).
    const typings = LOCI.reduce((n, l) => n + (header.dictionaries[l]?.length ?? 0), 0);
    const total = Math.max(1, typings + header.shards.reduce((n, sh) => n + sh.count / 20, 0));
    let done = 0;
    const remaps: Uint32Array[] = [];
    for (const [i, l] of LOCI.entries()) {
      const texts = header.dictionaries[l] ?? [];
      const remap = new Uint32Array(texts.length + 1);
      for (const [k, t] of texts.entries()) {
        remap[k + 1] = index.installDictionaryEntry(i, t);
        if (++done % DICTIONARY_STEP === 0) yield { fraction: done / total, phase: 'dictionaries' };
      }
      remaps.push(remap);
    }
    const read = (at: [number, number], into?: Uint8Array): Buffer => {
      const buf = into ? Buffer.from(into.buffer, into.byteOffset, at[1]) : Buffer.alloc(at[1]);
      let got = 0;
      while (got < at[1]) got += readSync(fd, buf, got, at[1] - got, dataStart + at[0] + got);
      return buf;
    };
    const shards: Shard[] = [];
    for (const sh of header.shards) {
      const cols = allocColumns(sh.count, (l) => (sh.columns[`locus:${LOCI[l]}`]?.[1] ?? 0) > 0);
      for (const [name, arr] of columnsOf(cols)) {
        const at = sh.columns[name];
        if (!at || at[1] === 0 || arr.byteLength === 0) continue; // absent or empty optional locus column: untyped
        read(at, new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
      }
      for (const [i, col] of cols.loci.entries()) {
        if (col.length === 0) continue;
        const remap = remaps[i] as Uint32Array;
        for (let r = 0; r < sh.count; r++) col[r] = remap[col[r] ?? 0] ?? 0;
        yield { fraction: done / total, phase: 'shards' }; // a million-row shard is several steps
      }
      const ids = sh.count === 0 ? [] : read(sh.ids).toString('utf8').split('\n');
      const cords = new Map<number, CordInfo>(JSON.parse(read(sh.cords).toString('utf8')) as [number, CordInfo][]);
      shards.push({ version: 0, count: sh.count, cols, status: copyStatus(new Uint8Array(0), sh.count), ids, cords });
      done += sh.count / 20;
      yield { fraction: done / total, phase: 'shards' };
    }
    index.installShards(shards, header.donors);
    return index;
  } finally {
    closeSync(fd);
  }
}
