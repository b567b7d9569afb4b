// Pre-initialised embedded database (ADR 0015): a PGlite data directory created and migrated at build time,
// stored as PGlite's own dump (a plain tar, dumpDataDir) beside the bundled CLI. A first start on an empty data
// directory unpacks it (pgliteImageUnpack.ts) instead of running initdb and every migration (~3 s); the migrations
// newer than the image are applied on top as on any start. Without the image (a source checkout, another
// PGlite version) the database is created as before.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from './database';
import { migrate } from './migrate';
import { openPglite } from './pgliteDatabase';
import {
  DEMO_IMAGE_FILE,
  DEMO_IMAGE_META,
  IMAGE_FILE,
  IMAGE_META,
  type ImageMeta,
  pgliteVersion,
} from './pgliteImageFiles';

export {
  DEMO_IMAGE_FILE,
  DEMO_IMAGE_META,
  IMAGE_FILE,
  IMAGE_META,
  defaultImageDir,
  findDemoPgliteImage,
  findPgliteImage,
  pgliteVersion,
  readDemoPgliteImage,
  readPgliteImage,
} from './pgliteImageFiles';

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
