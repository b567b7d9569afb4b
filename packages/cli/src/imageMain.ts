// Build step (ADR 0015): writes the pre-initialised embedded database images into the directory given as the
// first argument (dist/), for a fast first start: migrated, and migrated with the demo seeded for today (used
// by a first start on the same day). Run by build.mjs after bundling; not a user command.
import { buildPgliteImage, seedDemo } from '@engraft/server';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node dist/engraft-image.js <dir>');
const t0 = performance.now();
const day = new Date().toISOString().slice(0, 10);
const meta = await buildPgliteImage(dir, { day, seed: (db, d) => seedDemo(db, d) });
console.log(
  `pre-initialised database image: ${(meta.bytes / 2 ** 20).toFixed(1)} MB, migration ${meta.migration ?? '(none)'}, PGlite ${meta.pglite}, and one with the demo seeded for ${day}, ${Math.round(performance.now() - t0)} ms`
);
