import { HlaError } from './errors';
import type { HlaRelease } from './release';

/** Where an antigen sits in the WHO broad/split/associated hierarchy (rel_ser_ser.txt; py-ard find_broad_splits). */
export interface SerologyFamily {
  readonly antigen: string;
  /** The broad antigen this one is a split of (`A25` → `A10`). */
  readonly broad: string | undefined;
  /** Its splits, if it is a broad (`A10` → `A25`,`A26`,`A34`,`A66`). */
  readonly splits: readonly string[];
  /** The antigen this one is associated with (`A203` → `A2`). */
  readonly associatedWith: string | undefined;
  /** Its associated antigens (`A2` → `A203`,`A210`). */
  readonly associated: readonly string[];
}

/** @throws HlaError `unknown-serology` for an antigen neither rel_dna_ser nor rel_ser_ser names. */
export function serologyFamily(release: HlaRelease, antigen: string): SerologyFamily {
  if (!release.serologyAlleles.has(antigen)) {
    throw new HlaError(
      'unknown-serology',
      antigen,
      `${antigen} is not a serological antigen of IMGT/HLA ${release.version}`
    );
  }
  const owner = (map: ReadonlyMap<string, readonly string[]>): string | undefined => {
    for (const [parent, children] of map) if (children.includes(antigen)) return parent;
    return undefined;
  };
  return {
    antigen,
    broad: owner(release.splits),
    splits: release.splits.get(antigen) ?? [],
    associatedWith: owner(release.associated),
    associated: release.associated.get(antigen) ?? [],
  };
}
