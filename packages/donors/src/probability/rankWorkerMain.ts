import { parentPort, workerData } from 'node:worker_threads';
import { createHlaEngine } from '@engraft/hla';
import { loadMacFile } from '@engraft/hla/node';
import { type EngineSource, type RankRequest, RankWorkerState } from './rankWorker';

// The entry of a rank worker thread (rankPool.ts): the engine from `workerData`, then one reply per request, in
// order. Bundled as dist/rankWorker.js beside the CLI (packages/cli/build.mjs); run from sources through tsx.

const port = parentPort;
if (!port) throw new Error('rankWorkerMain runs on a worker thread');
const source = workerData as EngineSource;
const state = new RankWorkerState(
  createHlaEngine({
    release: source.release,
    ...(source.macFile ? { macs: loadMacFile(source.macFile) } : {}),
    ...(source.options ? { options: source.options } : {}),
  })
);
port.on('message', (req: RankRequest) => {
  try {
    port.postMessage(state.handle(req));
  } catch (err) {
    port.postMessage({ id: req.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
