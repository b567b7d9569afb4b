import { pgliteWasmModule } from '@engraft/server/pgliteWasm';

// `engraft serve` on the embedded database: PGlite's WebAssembly starts compiling now, on V8's background threads,
// while the server's modules load below (issue 15 §4, ADR 0015). Hence the dynamic import of the program.
if (process.argv[2] === 'serve' && !process.env.DATABASE_URL) void pgliteWasmModule();
const { buildProgram } = await import('./program');

buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });
