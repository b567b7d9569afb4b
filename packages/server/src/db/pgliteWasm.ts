// PGlite's PostgreSQL compiled to WebAssembly (pglite.wasm, ~9 MB), compiled once per process and started as early
// as possible (issue 15 §4). PGlite reads and compiles the file itself inside `PGlite.create`, after the server's
// modules have loaded; `WebAssembly.compile` runs on V8's background threads, so a start that begins it first
// (packages/cli/src/main.ts, before the server's modules load) overlaps it with module loading, and PGlite is
// handed the finished module (its `pgliteWasmModule` option). The file is the one beside the installed PGlite's
// own entry, so it is always the build that PGlite would load. Any failure gives undefined: PGlite then reads and
// compiles the file itself, as before.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/** A compiled WebAssembly module, opaque here (the ES2023 lib this repository compiles against has no WebAssembly). */
export type WasmModule = object;
const webAssembly = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } })
  .WebAssembly;

let compiling: Promise<WasmModule | undefined> | undefined;

/** Path of the installed PGlite's pglite.wasm (beside its entry file), or undefined if it cannot be resolved. */
export function pgliteWasmPath(): string | undefined {
  try {
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    return path.join(path.dirname(entry), 'pglite.wasm');
  } catch {
    return undefined;
  }
}

/**
 * Starts reading and compiling pglite.wasm (once per process; later calls return the same promise). Resolves to
 * the compiled module, or undefined when the file cannot be read or compiled (PGlite then loads it itself).
 */
export function pgliteWasmModule(): Promise<WasmModule | undefined> {
  compiling ??= (async () => {
    const file = pgliteWasmPath();
    if (!file) return undefined;
    try {
      return await webAssembly.compile(await readFile(file));
    } catch {
      return undefined;
    }
  })();
  return compiling;
}
