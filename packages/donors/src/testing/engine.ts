import type { HlaEngine } from '@engraft/hla';
import { createHlaEngine } from '@engraft/hla';
import { loadImgtRelease, loadMacFile } from '@engraft/hla/node';
import { sharedData } from '../../../hla/src/testing/sharedData';

// Test-only: one HLA engine over ../shared/data (IMGT 3.58.0 + the Atlas MAC dictionary), found by the
// packages/hla helper; the data is never copied into the repository.

let engine: HlaEngine | undefined;

export function testEngine(): HlaEngine {
  engine ??= createHlaEngine({
    release: loadImgtRelease(sharedData('imgt/3.58.0')),
    macs: loadMacFile(sharedData('mac/atlas-LargeMacDictionary.csv')),
    options: { cacheSize: 100_000 },
  });
  return engine;
}

export { sharedData };
