import { beginPgliteFirstStart } from '@engraft/server/pgliteFirstStart';
import { pgliteWasmModule } from '@engraft/server/pgliteWasm';

// `engraft serve` on the embedded database (issue 15 §4, ADR 0015), before the server's modules load (hence the
// dynamic import of the program): PGlite's WebAssembly starts compiling on V8's background threads, and on an empty
// data directory the lock is taken and the pre-initialised image is unpacked on a worker thread meanwhile. Only for
// a plain `serve [--demo] [--quiet]`: help, an unknown option or an error in the environment go the usual way.
const serveArgs = process.argv.slice(3);
const embeddedServe = process.argv[2] === 'serve' && !process.env.DATABASE_URL;
let refused: unknown;
if (embeddedServe) void pgliteWasmModule();
if (
  embeddedServe &&
  process.env.DATABASE_URL === undefined &&
  serveArgs.every((a) => a === '--demo' || a === '--quiet')
) {
  try {
    beginPgliteFirstStart({
      dataDir: process.env.ENGRAFT_DATA_DIR ?? './data',
      holder: 'server',
      demoDay: serveArgs.includes('--demo') ? new Date().toISOString().slice(0, 10) : undefined,
    });
  } catch (err) {
    refused = err; // another process holds the data directory: refused before anything was written
  }
}

if (refused) fail(refused);
else {
  const { buildProgram } = await import('./program');
  buildProgram().parseAsync(process.argv).catch(fail);
}

function fail(err: unknown): void {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
}
