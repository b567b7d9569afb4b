// Build step (ADR 0015): writes the pre-initialised embedded database image into the directory given as the
// first argument (dist/), for a fast first start. Run by build.mjs after bundling; not a user command.
import { buildPgliteImage } from '@engraft/server';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node dist/engraft-image.js <dir>');
const t0 = performance.now();
const meta = await buildPgliteImage(dir);
console.log(
  `pre-initialised database image: ${(meta.bytes / 2 ** 20).toFixed(1)} MB, migration ${meta.migration ?? '(none)'}, PGlite ${meta.pglite}, ${Math.round(performance.now() - t0)} ms`
);
