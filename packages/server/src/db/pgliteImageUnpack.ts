// Unpacks a pre-initialised database image (ADR 0015: PGlite's own dump, a gzip tar written by dumpDataDir) straight
// into a new data directory with Node's file system, before PGlite opens it. PGlite's `loadDataDir` does the same
// through its WASM file system, one emscripten call per file and block, which made the first start's database
// open ~2.5x the cost of a restart's (issue 15 §4, docs/benchmarks.md). PGlite then opens the directory as it
// opens any existing database ("found DB, resuming").
//
// The tar is the ustar variant of tinytar (the library PGlite writes it with): 512-byte headers; name at 0 (100
// bytes), mode at 100, size at 124 and mtime at 136 (octal), type flag at 156 ('0' file, '5' directory), magic
// "ustar" at 257, a name prefix at 345 (131 bytes); the archive ends with a zero block (POSIX.1-1988 ustar, IEEE
// Std 1003.1 "pax" format description: two zero blocks). Only files and directories are expected; anything else, a
// bad checksum, a file or archive cut short, or a path leaving the directory refuses the image (the caller then
// creates the database as before).
import * as fs from 'node:fs';
import path from 'node:path';
import * as zlib from 'node:zlib';

export interface UnpackedImage {
  files: number;
  directories: number;
  bytes: number;
}

/** The modules `unpackTarInto` works with, passed in so that it can also run as the source of a worker thread. */
export interface UnpackIo {
  fs: Pick<typeof fs, 'mkdirSync' | 'renameSync' | 'rmSync' | 'utimesSync' | 'writeFileSync'>;
  path: Pick<typeof path, 'resolve' | 'dirname' | 'sep'>;
  zlib: Pick<typeof zlib, 'gunzipSync'>;
}

const NODE_IO: UnpackIo = { fs, path, zlib };

/**
 * Writes the image's files into `target`, which must not exist or be an empty directory. The files go to a
 * sibling `<target>.unpacking` first, renamed to `target` once complete: a crash mid-way leaves no half database
 * where PGlite would look (the leftover folder is removed by the next attempt).
 */
export function unpackPgliteImage(image: Uint8Array, target: string): UnpackedImage {
  return unpackTarInto(image, target, NODE_IO);
}

/**
 * unpackPgliteImage's work, self-contained: it uses nothing from outside its own body but its arguments and
 * globals (Buffer), so `pgliteImageUnpackWorker.ts` runs its source text on a worker thread. Keep it so.
 */
export function unpackTarInto(image: Uint8Array, target: string, io: UnpackIo): UnpackedImage {
  const BLOCK = 512;
  const isGzip = image.length > 2 && image[0] === 0x1f && image[1] === 0x8b;
  const tar = isGzip ? io.zlib.gunzipSync(image) : image;
  const text = (h: Uint8Array, from: number, len: number): string => {
    const end = h.subarray(from, from + len).indexOf(0);
    return Buffer.from(h.subarray(from, end < 0 ? from + len : from + end)).toString('utf8');
  };
  const octal = (h: Uint8Array, from: number, len: number): number => {
    const s = text(h, from, len).trim();
    return s ? parseInt(s, 8) : 0;
  };
  // The header's checksum: the sum of its bytes with the checksum field read as spaces.
  const checksumOk = (h: Uint8Array): boolean => {
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    return sum === octal(h, 148, 8);
  };
  const staging = `${target}.unpacking`;
  io.fs.rmSync(staging, { recursive: true, force: true });
  io.fs.mkdirSync(staging, { recursive: true, mode: 0o700 });
  const made = new Set<string>([staging]);
  const ensureDir = (dir: string): void => {
    if (made.has(dir)) return;
    io.fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    made.add(dir);
  };
  const out: UnpackedImage = { files: 0, directories: 0, bytes: 0 };
  try {
    let ended = false;
    for (let at = 0; at + BLOCK <= tar.length;) {
      const header = tar.subarray(at, at + BLOCK);
      if (header.every((b) => b === 0)) {
        ended = true; // end of archive
        break;
      }
      if (!checksumOk(header)) throw new Error(`image: bad tar header checksum at byte ${at}`);
      const name = text(header, 0, 100);
      const prefix = text(header, 345, 131);
      const rel = (prefix ? `${prefix}/${name}` : name).replace(/^\/+/, '');
      const size = octal(header, 124, 12);
      const mtime = octal(header, 136, 12);
      const type = header[156] === 0 ? 48 : header[156]!; // '\0' is an old-style regular file
      const dest = io.path.resolve(staging, rel);
      if (dest !== staging && !dest.startsWith(staging + io.path.sep)) throw new Error(`image: path outside: ${rel}`);
      const dataAt = at + BLOCK;
      if (type === 53 /* '5' */) {
        ensureDir(dest);
        out.directories++;
      } else if (type === 48 /* '0' */) {
        if (dataAt + size > tar.length) throw new Error(`image: ${rel} is truncated`);
        ensureDir(io.path.dirname(dest));
        io.fs.writeFileSync(dest, tar.subarray(dataAt, dataAt + size), { mode: 0o600 });
        io.fs.utimesSync(dest, mtime, mtime);
        out.files++;
        out.bytes += size;
      } else {
        throw new Error(`image: unexpected tar entry type ${String.fromCharCode(type)} for ${rel}`);
      }
      at = dataAt + Math.ceil(size / BLOCK) * BLOCK;
    }
    // An archive cut at a block boundary between two files would otherwise pass as a smaller, complete database.
    if (!ended) throw new Error('image: the archive ends without its end-of-archive block (truncated)');
    io.fs.rmSync(target, { recursive: true, force: true }); // empty (the caller checked): PGlite made it, or mkdir did
    io.fs.renameSync(staging, target);
  } catch (err) {
    io.fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  return out;
}
