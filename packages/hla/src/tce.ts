import type { HlaEngine } from './engine';
import type { TceAssignment } from './imgt/parseFiles';

export type TceVersion = 'V1' | 'V2';

export interface TceResult extends TceAssignment {
  readonly version: TceVersion;
}

/**
 * DPB1 T-cell-epitope group of a DPB1 typing (IMGT tce/dpb_tce.csv). V2 (functional distance,
 * Crivello 2015) by default, V1 (TCE3, Zino 2004) on request. A name covering several alleles gets the
 * group they share; alleles without an assignment are left out (ATLAS-989), and the result is marked
 * predicted if any contributing assignment is. Returns undefined when the release has no TCE table, no
 * allele is assigned, or the alleles disagree.
 * @throws HlaError for a name that does not resolve.
 */
export function dpb1TceGroup(engine: HlaEngine, typing: string, version: TceVersion = 'V2'): TceResult | undefined {
  const table = engine.release.tce;
  if (!table) return undefined;
  let group: string | undefined;
  let predicted = false;
  for (const unit of engine.resolve(typing).units) {
    for (const id of unit.members) {
      const row = table.get(engine.release.alleles[id] ?? '');
      const assignment = version === 'V1' ? row?.v1 : row?.v2;
      if (!assignment) continue;
      if (group !== undefined && group !== assignment.group) return undefined;
      group = assignment.group;
      predicted ||= assignment.predicted;
    }
  }
  return group === undefined ? undefined : { group, predicted, version };
}
