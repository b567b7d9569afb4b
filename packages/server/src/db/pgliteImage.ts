// Pre-initialised embedded database (ADR 0015): a PGlite data directory created and migrated at build time,
// stored as PGlite's own dump (a plain tar, dumpDataDir) beside the bundled CLI. A first start on an empty data
// directory unpacks it (pgliteImageUnpack.ts) instead of running initdb and every migration (~3 s); the migrations
// newer than the image are applied on top as on any start. Without the image (a source checkout, another
// PGlite version) the database is created as before.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations/index';
import { openPglite } from './pgliteDatabase';

export const IMAGE_FILE = 'pglite-image.tar';
export const IMAGE_META = 'pglite-image.json';
// The demo image: the same, with the synthetic demo programme seeded for the build's day (issue 15 §4). A first
// start with the demo on that day loads it instead of seeding (~4 s); on any other day the demo is seeded as
// before, since its journeys are dated relative to the day they were seeded.
export const DEMO_IMAGE_FILE = 'pglite-demo-image.tar';
export const DEMO_IMAGE_META = 'pglite-demo-image.json';

interface ImageMeta {
  /** @electric-sql/pglite version that wrote the dump: another version may not read it. */
  pglite: string;
  /** Latest migration in the image. */
  migration: string | null;
  bytes: number;
  /** Demo image only: the day (YYYY-MM-DD, UTC) the demo was seeded for. */
  seededFor?: string;
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

/**
 * Creates the image: an in-memory PGlite, every migration, dumped. With `demo`, a second image with the demo
 * seeded for `demo.day` on top (the seeder is passed in: the database layer knows nothing of the demo).
 */
export async function buildPgliteImage(
  dir: string,
  demo?: { day: string; seed: (db: Database, day: string) => Promise<unknown> }
): Promise<ImageMeta> {
  const db = await openPglite('memory://', { holder: 'engraft build' });
  try {
    const res = await migrate(db);
    const meta = await writeImage(db, dir, IMAGE_FILE, IMAGE_META, { migration: res.current });
    if (demo) {
      await demo.seed(db, demo.day);
      await writeImage(db, dir, DEMO_IMAGE_FILE, DEMO_IMAGE_META, { migration: res.current, seededFor: demo.day });
    }
    return meta;
  } finally {
    await db.close();
  }
}

async function writeImage(
  db: Database,
  dir: string,
  file: string,
  metaFile: string,
  about: { migration: string | null; seededFor?: string }
): Promise<ImageMeta> {
  // A checkpoint first: the image's control file then points at a checkpoint with nothing after it, so the first
  // open replays no WAL (without it, the first open cost ~0.7 s more CPU than a restart's). Uncompressed: the
  // start reads ~46 MB from disk instead of inflating it (~0.3 s of CPU); dist/ is a local build artifact.
  await db.exec('checkpoint');
  const dump = await db.dumpDataDir!('none');
  const meta: ImageMeta = { pglite: pgliteVersion() ?? 'unknown', ...about, bytes: dump.length };
  writeFileSync(path.join(dir, file), dump);
  writeFileSync(path.join(dir, metaFile), `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

/** The image's bytes if there is one written by the installed PGlite, else undefined (create as before). */
export function readPgliteImage(dir = defaultImageDir()): Uint8Array | undefined {
  return readImage(dir, IMAGE_FILE, IMAGE_META, () => true);
}

/**
 * The demo image's bytes if it was seeded for `day`, written by the installed PGlite and holds the latest
 * migration (a seed under older migrations is not what seeding now would give); else undefined.
 */
export function readDemoPgliteImage(day: string, dir = defaultImageDir()): Uint8Array | undefined {
  const latest = MIGRATIONS.at(-1)?.version ?? null;
  return readImage(dir, DEMO_IMAGE_FILE, DEMO_IMAGE_META, (m) => m.seededFor === day && m.migration === latest);
}

function readImage(dir: string, file: string, metaFile: string, usable: (m: ImageMeta) => boolean) {
  try {
    const metaPath = path.join(dir, metaFile);
    if (!existsSync(metaPath)) return undefined;
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as ImageMeta;
    const version = pgliteVersion();
    if (!version || meta.pglite !== version || !usable(meta)) return undefined;
    const bytes = readFileSync(path.join(dir, file));
    return bytes.length === meta.bytes ? bytes : undefined;
  } catch {
    return undefined;
  }
}
