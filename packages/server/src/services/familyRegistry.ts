import type { AntigenOf } from '@engraft/donors';
import type { DonorRegistrySource } from './donorRegistry';
import { antigenOfEngine } from './familyTyping';

/**
 * The serology the DSA check reads antigen-level beads with, from the loaded HLA release; null while it loads or
 * without one (the family routes then warn that antigen-level beads were not compared). Never waits for a load.
 */
export async function antigenOfRegistry(registry: DonorRegistrySource | undefined): Promise<AntigenOf | null> {
  if (registry?.status().state !== 'ready') return null;
  return antigenOfEngine((await registry.get()).engine);
}
