#!/usr/bin/env node
// The `engraft` command. Uses the bundled build (npm run build) when present, else runs the TypeScript
// sources through tsx so a fresh checkout works without a build step.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = fileURLToPath(new URL('../dist/engraft.js', import.meta.url));
if (existsSync(dist) && process.env.ENGRAFT_FROM_SOURCE !== '1') {
  await import(pathToFileURL(dist).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/main.ts', import.meta.url).href);
}
