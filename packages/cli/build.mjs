// Bundles the CLI (and the server it starts) into dist/engraft.js for a fast cold start.
// Packages with native code or their own assets (wasm, swagger-ui files) stay external.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/engraft.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
});
