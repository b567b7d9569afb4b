// Bundles the CLI with Engraft's own workspace packages into dist/engraft.js for a fast cold start.
// Third-party packages stay external: some carry native code or assets of their own (argon2, PGlite's WASM,
// swagger-ui files). Workspaces may nest a package under the package that needs it, so each external import
// is pinned to the file esbuild resolves from its importer (dist/ is a local build artifact, never shipped).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const externalThirdParty = {
  name: 'external-third-party',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('@engraft/') || args.pluginData?.inner) return undefined;
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const r = await b.resolve(args.path, {
        resolveDir: args.resolveDir,
        kind: args.kind,
        pluginData: { inner: true },
      });
      if (r.errors.length) return { errors: r.errors };
      return { path: r.path, external: true };
    });
  },
};

// engraft-outcomes.js: the outcomes commands alone, which bin/engraft.js runs for `engraft outcomes …` (a
// statistics run then starts without loading the server; issue 15 §2).
// engraft-image.js: writes the pre-initialised, migrated embedded database beside the bundle (ADR 0015), so a
// first start on an empty data directory loads it instead of creating the database.
// engraft.js is split at its dynamic imports (dist/chunk-*.js beside it): what only some commands or requests
// need (the PostgreSQL client, the PDF renderers with pdf-lib) is loaded when first used, not at every server
// start (issue 15 §4). The chunks stay in dist/ so code that finds files beside the bundle finds them.
rmSync('dist', { recursive: true, force: true });
await bundle({ engraft: 'src/main.ts' }, { splitting: true, outdir: 'dist', chunkNames: 'chunk-[hash]' });
await bundle(['src/outcomesMain.ts'], { outfile: 'dist/engraft-outcomes.js' });
await bundle(['src/imageMain.ts'], { outfile: 'dist/engraft-image.js' });
// rankWorker.js: the probability ranking's worker threads (ADR 0411), started from beside the bundle.
await bundle(['../donors/src/probability/rankWorkerMain.ts'], { outfile: 'dist/rankWorker.js' });
execFileSync(process.execPath, ['dist/engraft-image.js', 'dist'], { stdio: 'inherit' });

async function bundle(entryPoints, out) {
  await build({
    entryPoints,
    ...out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    plugins: [externalThirdParty],
    logLevel: 'warning',
  });
}
