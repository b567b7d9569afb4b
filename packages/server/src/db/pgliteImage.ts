// Pre-initialised embedded database (ADR 0015): a PGlite data directory created and migrated at build time,
// stored as PGlite's own dump (gzip tar, dumpDataDir) beside the bundled CLI. A first start on an empty data
// directory loads it instead of running initdb and every migration (~3 s of the first start); the migrations
// newer than the image are applied on top as on any start. Without the image (a source checkout, another
// PGlite version) the database is created as before.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from './migrate';
import { openPglite } from './pgliteDatabase';

export const IMAGE_FILE = 'pglite-image.tgz';
export const IMAGE_META = 'pglite-image.json';

interface ImageMeta {
  /** @electric-sql/pglite version that wrote the dump: another version may not read it. */
  pglite: string;
  /** Latest migration in the image. */
  migration: string | null;
  bytes: number;
}

/** The installed PGlite's version, or undefined if it cannot be read. */
export function pgliteVersion(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    let dir = path.dirname(require.resolve('@electric-sql/pglite'));
    for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
      const pkg = path.join(dir, 'package.json');
      if (!existsSync(pkg)) continue;
      const json = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string; version?: string };
      if (json.name === '@electric-sql/pglite') return json.version;
    }
  } catch {
    // not resolvable from here
  }
  return undefined;
}

/** Where the image is looked for: beside this module (the bundled CLI's dist/). */
export function defaultImageDir(): string {
  return path.dirname(fileURLToPath(import.meta.url));
}

/** Creates the image: an in-memory PGlite, every migration, dumped. Returns what was written. */
export async function buildPgliteImage(dir: string): Promise<ImageMeta> {
  const db = await openPglite('memory://', { holder: 'engraft build' });
  try {
    const res = await migrate(db);
    const dump = await db.dumpDataDir!();
    const meta: ImageMeta = { pglite: pgliteVersion() ?? 'unknown', migration: res.current, bytes: dump.length };
    writeFileSync(path.join(dir, IMAGE_FILE), dump);
    writeFileSync(path.join(dir, IMAGE_META), `${JSON.stringify(meta, null, 2)}\n`);
    return meta;
  } finally {
    await db.close();
  }
}

/** The image's bytes if there is one written by the installed PGlite, else undefined (create as before). */
export function readPgliteImage(dir = defaultImageDir()): Uint8Array | undefined {
  try {
    const metaFile = path.join(dir, IMAGE_META);
    if (!existsSync(metaFile)) return undefined;
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as ImageMeta;
    const version = pgliteVersion();
    if (!version || meta.pglite !== version) return undefined;
    const bytes = readFileSync(path.join(dir, IMAGE_FILE));
    return bytes.length === meta.bytes ? bytes : undefined;
  } catch {
    return undefined;
  }
}
