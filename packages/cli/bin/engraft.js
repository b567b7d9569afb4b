#!/usr/bin/env node
// The `engraft` command. Uses the bundled build (npm run build) when present, else runs the TypeScript
// sources through tsx so a fresh checkout works without a build step.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

// `engraft outcomes …` has a bundle of its own that does not load the server (a faster whole process).
const outcomes = process.argv[2] === 'outcomes';
const dist = fileURLToPath(new URL(outcomes ? '../dist/engraft-outcomes.js' : '../dist/engraft.js', import.meta.url));
if (existsSync(dist) && process.env.ENGRAFT_FROM_SOURCE !== '1') {
  await import(pathToFileURL(dist).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/main.ts', import.meta.url).href);
}
