// The pre-initialised image unpacked on a worker thread (issue 15 §4, ADR 0015): a first start begins it before
// the server's modules load (pgliteFirstStart.ts), so reading the ~60 MB image and writing its ~1,300 files runs on
// the second core while the main thread loads and compiles the server. The worker runs the very function the
// synchronous path runs (`unpackTarInto`, from its source text, as the donor search pool does), so the files are
// the same either way.
import { Worker } from 'node:worker_threads';
import { type UnpackedImage, unpackTarInto } from './pgliteImageUnpack';

// Dynamic imports only: the source is evaluated as CommonJS or, under --input-type=module, as a module.
const workerSource = (): string => `
// esbuild (tsx, bundles) may wrap functions in __name(fn, 'name') when it keeps names.
var __name = (target, value) => Object.defineProperty(target, 'name', { value, configurable: true });
(async () => {
  const { parentPort, workerData } = await import('node:worker_threads');
  try {
    const fs = await import('node:fs');
    const io = { fs, path: (await import('node:path')).default, zlib: await import('node:zlib') };
    const image = fs.readFileSync(workerData.file);
    if (image.length !== workerData.bytes) {
      throw new Error('image: ' + workerData.file + ' holds ' + image.length + ' bytes, its metadata says ' + workerData.bytes);
    }
    parentPort.postMessage({ ok: (${unpackTarInto.toString()})(image, workerData.target, io) });
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
  }
})();`;

/**
 * Reads the image file (which must be `bytes` long, as its metadata says) and unpacks it into `target` on a worker
 * thread. Rejects with the reason when the image is refused or a write fails; the staging folder is then removed
 * and `target` is left as it was.
 */
export function unpackImageFileInWorker(file: string, bytes: number, target: string): Promise<UnpackedImage> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource(), { eval: true, workerData: { file, bytes, target } });
    let settled = false;
    worker.once('message', (m: { ok?: UnpackedImage; error?: string }) => {
      settled = true;
      if (m.ok) resolve(m.ok);
      else reject(new Error(m.error ?? 'image: unpacking failed'));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`image: the unpacking thread stopped (exit code ${code})`));
    });
  });
}
