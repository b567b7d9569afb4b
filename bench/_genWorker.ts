// Worker thread of bench/donors-prob.ts (`--gen-workers N`): one RegistryGenerator of its own (seed and id
// prefix from the main thread), answering each request for n donors with a batch of records.
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createHlaEngine } from '@engraft/hla';
import { loadImgtRelease, loadMacFile } from '@engraft/hla/node';
import { RegistryGenerator, readTextFile } from '@engraft/donors';
import { sharedDataDir } from './_sharedData';

const { seed, idPrefix } = workerData as { seed: number; idPrefix: string };
const data = sharedDataDir();
const engine = createHlaEngine({
  release: loadImgtRelease(join(data, 'imgt/3.58.0')),
  macs: loadMacFile(join(data, 'mac/atlas-LargeMacDictionary.csv')),
  options: { cacheSize: 200_000 },
});
const gen = new RegistryGenerator({
  engine,
  freqs: readTextFile(join(data, 'freqs/CAU.freqs.gz')),
  ciwd: readTextFile(join(data, 'ciwd/ciwd.3.0.0.csv')),
  seed,
  cordShare: 0.05,
  idPrefix,
});
parentPort?.on('message', (n: number) => {
  const batch = [];
  for (let i = 0; i < n; i++) batch.push(gen.next());
  parentPort?.postMessage(batch);
});
