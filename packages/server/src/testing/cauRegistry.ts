import { DonorIndex, type DonorRecord, readTextFile, RegistryGenerator } from '@engraft/donors';
import { sharedData, testEngine } from '../../../donors/src/testing/engine';

// A small registry for the probability-search API tests: 600 adult donors sampled from the CAU frequency set
// (../shared/data, seed 16), indexed, and its first donor typed at high resolution at A, C, B, DRB1 and DQB1
// (the "twin" whose typing a test uses as the patient's, so it is a certain 10/10).
export function cauRegistry() {
  const engine = testEngine();
  const generator = new RegistryGenerator({
    engine,
    freqs: readTextFile(sharedData('freqs/CAU.freqs.gz')),
    ciwd: readTextFile(sharedData('ciwd/ciwd.3.0.0.csv')),
    seed: 16,
    cordShare: 0,
  });
  const donors: DonorRecord[] = [...generator.take(600)];
  const index = new DonorIndex({ engine });
  index.apply({ upsert: donors });
  const twin = donors.find((d) =>
    ['A', 'B', 'C', 'DRB1', 'DQB1'].every((l) =>
      /^[A-Z0-9]+\*\d+:\d+\+[A-Z0-9]+\*\d+:\d+$/.test(d.typing[l as 'A'] ?? '')
    )
  );
  if (!twin) throw new Error('the generated registry has no high-resolution donor');
  return { engine, donors, index, twin };
}
