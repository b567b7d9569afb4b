import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PGLITE_SHARED_BUFFERS, openPglite } from './pgliteDatabase';
import { pgliteWasmModule, pgliteWasmPath } from './pgliteWasm';

// The global WebAssembly object, typed for what the test uses (the repository's ES2023 lib has none).
interface WasmApi {
  Module: (abstract new () => object) & { exports(m: object): { name: string }[] };
  instantiate(source: unknown, imports?: unknown): Promise<unknown>;
}
const webAssembly = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

afterEach(() => vi.restoreAllMocks());

describe('PGlite WebAssembly compiled once, early (issue 15 §4)', () => {
  it('finds the pglite.wasm beside the installed PGlite', () => {
    const file = pgliteWasmPath();
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    expect(file).toBe(path.join(path.dirname(entry), 'pglite.wasm'));
    expect(existsSync(file!)).toBe(true);
  });

  it('compiles it once per process into the PostgreSQL module', async () => {
    const first = pgliteWasmModule();
    expect(pgliteWasmModule()).toBe(first);
    const mod = await first;
    expect(mod).toBeInstanceOf(webAssembly.Module);
    const exports = webAssembly.Module.exports(mod!).map((e) => e.name);
    expect(exports).toEqual(expect.arrayContaining(['pgl_send', 'pgl_recv']));
  });

  it('is the module PGlite instantiates when a database opens, with 32 MB of shared buffers, and answers', async () => {
    const mod = await pgliteWasmModule();
    const instantiate = vi.spyOn(webAssembly, 'instantiate');
    const db = await openPglite('memory://', { holder: 'test' });
    try {
      expect(instantiate.mock.calls.some(([source]) => source === mod)).toBe(true);
      expect(await db.query<{ n: number }>('select 41 + 1 as n')).toEqual([{ n: 42 }]);
      // Opened with the smaller shared memory segment, not initdb's 128 MB (zero-filled at every open).
      expect(PGLITE_SHARED_BUFFERS).toBe('32MB');
      expect(await db.query('show shared_buffers')).toEqual([{ shared_buffers: '32MB' }]);
    } finally {
      await db.close();
    }
  }, 120_000); // a new in-memory database runs initdb
});
