import type { SearchCriteria, SearchCriteriaInput } from './criteria';
import { RANK_BITS, countedLoci, resolveCriteria } from './criteria';
import { countedMismatches } from './donorIndex';
import { LOCI } from './loci';
import type { Locus } from './loci';
import type { Matcher, ResolvedLocus } from './matcher';
import type { ScanPlan } from './scan';
import { allowedFlagsTable, makeRanker } from './scan';
import type { DonorRecord, Patient } from './schema';
import type { Columns } from './store';
import { ATTR, allocColumns, writeRow } from './store';
import { NameTable } from './names';
import { normalizeTyping } from './typing';

export interface ReferenceHit {
  readonly id: string;
  readonly mismatches: number;
  readonly potential: number;
  /** Packed rank (same ordering as the index). */
  readonly key: number;
}

/**
 * Brute-force search: compares the patient with every record directly (no dictionaries, tables or shards)
 * and sorts by the same ranking. The index's search must return exactly this (property test).
 */
export function referenceSearch(
  matcher: Matcher,
  records: readonly DonorRecord[],
  patient: Patient,
  input: SearchCriteriaInput = {}
): ReferenceHit[] {
  const criteria: SearchCriteria = resolveCriteria(input);
  const pt = normalizeTyping(patient.typing);
  const p: Partial<Record<Locus, ResolvedLocus>> = {};
  for (const l of LOCI) if (pt[l] !== undefined) p[l] = matcher.resolveLocus(l, pt[l]);
  const kinds = allowedFlagsTable(criteria.donorKinds, criteria.includeReserved);
  const registries = new NameTable();
  const populations = new NameTable(['']);
  for (const r of criteria.preferredRegistries) registries.id(r);
  const cols: Columns = allocColumns(1);
  const registryRank = new Uint8Array(64).fill(7);
  criteria.preferredRegistries.forEach((r, i) => (registryRank[registries.id(r)] = i));
  const DPB1 = LOCI.indexOf('DPB1');
  const hits: (ReferenceHit & { order: number })[] = [];
  records.forEach((d, order) => {
    writeRow(
      cols,
      0,
      d,
      LOCI.map(() => 0),
      registries,
      populations
    );
    if (kinds[cols.flags[0] ?? 0] !== 1) return;
    if (criteria.registries && !criteria.registries.includes(d.registry)) return;
    let mm = 0;
    let pot = 0;
    for (const l of countedLoci(criteria)) {
      const dl = d.typing[l] === undefined ? undefined : matcher.resolveLocus(l, d.typing[l]);
      const m = matcher.compareLocus(l, p[l], dl, criteria.levels[l] ?? 'allele');
      const lm = countedMismatches(m, criteria);
      if (lm > (criteria.maxMismatchesPerLocus[l] ?? 2)) return;
      mm += lm;
      pot += m.potential;
    }
    if (mm > criteria.maxMismatches) return;
    const dd = d.typing.DPB1 === undefined ? undefined : matcher.resolveLocus('DPB1', d.typing.DPB1);
    const cat = matcher.dpb1(p.DPB1, dd).category;
    const dpb1 = new Uint8Array(1);
    dpb1[0] = cat === 'match' ? 0 : cat === 'permissive' ? 1 : cat === 'unknown' ? 2 : 3;
    const plan: ScanPlan = {
      loci: [],
      mismatchTables: [],
      potentialTables: [],
      dpb1,
      dpb1Locus: DPB1,
      allowedFlags: kinds,
      allowedRegistries: new Uint8Array(0),
      maxTotal: criteria.maxMismatches,
      ranking: criteria.ranking,
      registryRank,
      patientCmv: ATTR.CMV.indexOf(patient.cmv ?? ''),
      patientAbo: ATTR.ABO.indexOf(patient.abo ?? ''),
      referenceYear: criteria.referenceYear ?? new Date().getUTCFullYear(),
      weightKg: patient.weightKg ?? 0,
      rankBits: criteria.ranking.map((k) => RANK_BITS[k]),
      shardBits: 0,
    };
    hits.push({ id: d.id, mismatches: mm, potential: pot, key: makeRanker(plan, cols)(0, mm, pot), order });
  });
  hits.sort((a, b) => a.key - b.key || a.order - b.order);
  return hits.map(({ id, mismatches, potential, key }) => ({ id, mismatches, potential, key }));
}
