// The first start on an empty embedded data directory, begun before the server's modules load (issue 15 §4,
// ADR 0015): `engraft serve` (cli main.ts) takes the data-directory lock, picks the pre-initialised image and has a
// worker thread unpack it, while the main thread goes on loading the server. `openPglite` then takes over the lock
// and waits for the unpacking instead of doing it. Order of the safety checks unchanged: nothing is written to the
// directory before the lock is held (a second process is refused before it writes), the image is checked against
// its metadata (PGlite version, size, and for the demo image the day and latest migration) as before, and the files
// go to a staging folder renamed into place only when complete.
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { acquireDataDirLock, type DataDirLock } from './dataDirLock';
import { findDemoPgliteImage, findPgliteImage, type ImageFile } from './pgliteImageFiles';
import type { UnpackedImage } from './pgliteImageUnpack';
import { unpackImageFileInWorker } from './pgliteImageUnpackWorker';

export interface EarlyFirstStart {
  /** The resolved data directory. */
  readonly dataDir: string;
  /** Held since the start began; openPglite releases it when the database closes. */
  readonly lock: DataDirLock;
  /**
   * Settles when the image is in place (its counts), or undefined when there was nothing to unpack (the database
   * exists already, or no usable image). Rejects when the image was refused or a write failed: the directory is
   * then as it was, and openPglite creates the database as it does without an early start.
   */
  readonly unpacked: Promise<UnpackedImage | undefined>;
}

let pending: EarlyFirstStart | undefined;

export interface FirstStartOptions {
  dataDir: string;
  /** Named in the refusal a second opener gets (see dataDirLock.ts). */
  holder: string;
  /** `serve --demo`: today's UTC day, for the demo image seeded at build time (else the plain image). */
  demoDay?: string | undefined;
  /** Where the images are looked for (default: beside the bundle). */
  imageDir?: string | undefined;
}

/**
 * Takes the lock on `dataDir` and, when `<dataDir>/pglite` is empty or missing and a usable image exists, starts
 * unpacking it on a worker thread. Throws DataDirLockedError (nothing written) when another process holds the
 * directory. For 'memory://' it does nothing.
 */
export function beginPgliteFirstStart(opts: FirstStartOptions): EarlyFirstStart | undefined {
  if (opts.dataDir === 'memory://') return undefined;
  if (pending) throw new Error('a first start was already begun in this process');
  const dataDir = path.resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir, opts.holder);
  let unpacked: Promise<UnpackedImage | undefined> = Promise.resolve(undefined);
  try {
    const target = path.join(dataDir, 'pglite');
    // Only a directory PGlite has not written to yet: an existing database (a restart) is never touched.
    const image: ImageFile | undefined =
      (entries(target)?.length ?? 0) === 0
        ? ((opts.demoDay ? findDemoPgliteImage(opts.demoDay, opts.imageDir) : undefined) ??
          findPgliteImage(opts.imageDir))
        : undefined;
    if (image) unpacked = unpackImageFileInWorker(image.file, image.bytes, target);
  } catch (err) {
    lock.release();
    throw err;
  }
  unpacked.catch(() => undefined); // awaited by openPglite; a process that never opens the database ignores it
  pending = { dataDir, lock, unpacked };
  return pending;
}

/** The first start begun for `dataDir` in this process, handed over once (to openPglite); else undefined. */
export function takePgliteFirstStart(dataDir: string): EarlyFirstStart | undefined {
  if (!pending || pending.dataDir !== path.resolve(dataDir)) return undefined;
  const taken = pending;
  pending = undefined;
  return taken;
}

/** The names in `dir`, or undefined when it does not exist. */
function entries(dir: string): string[] | undefined {
  try {
    return readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
