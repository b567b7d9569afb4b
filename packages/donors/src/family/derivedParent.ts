// One parent typed: the untyped parent's haplotypes are what each child carries besides the typed parent's
// haplotype (subtract the typed parent from each child), grouped; at most two can come from one parent, so a
// third is an inconsistency (a crossover, a typing error or a different parent) and is left unlabelled.
import type { FamilyFinding, FamilyLocus, FamilyMember, HaplotypeLabel } from './familyTypes';
import { alike, fitChild, type Haplotype, otherPosition } from './inheritance';

export interface DerivedParent {
  /** The derived haplotypes with their labels (a/b for an untyped father, c/d for an untyped mother). */
  haplotypes: [HaplotypeLabel, Haplotype][];
  /** Which derived haplotype each offspring carries (null: a third one, unlabelled). */
  labelOf: Map<string, HaplotypeLabel | null>;
  findings: FamilyFinding[];
}

/**
 * Derives the untyped parent's haplotypes from the offspring (the patient first). Exactly one of `father` and
 * `mother` is given.
 */
export function deriveUntypedParent(
  offspring: readonly FamilyMember[],
  loci: readonly FamilyLocus[],
  father: readonly [Haplotype, Haplotype] | null,
  mother: readonly [Haplotype, Haplotype] | null
): DerivedParent {
  const typed = (father ?? mother)!;
  const labels: [HaplotypeLabel, HaplotypeLabel] = father ? ['c', 'd'] : ['a', 'b'];
  const ordered = [...offspring].sort((x, y) => Number(y.relation === 'patient') - Number(x.relation === 'patient'));
  const haplotypes: [HaplotypeLabel, Haplotype][] = [];
  const labelOf = new Map<string, HaplotypeLabel | null>();
  const findings: FamilyFinding[] = [];
  for (const child of ordered) {
    const fit = fitChild(child.typing!, loci, father, mother)[0]!;
    const path = (father ? fit.paternal : fit.maternal)!;
    const hap: Haplotype = {};
    loci.forEach((l, i) => {
      const pair = child.typing![l];
      if (pair && !fit.badLoci.includes(l)) hap[l] = otherPosition(pair, typed[path.at[i]!][l]);
    });
    const known = haplotypes.find(([, h]) => alike(h, hap, loci));
    if (known) {
      labelOf.set(child.id, known[0]);
    } else if (haplotypes.length < 2) {
      const label = labels[haplotypes.length]!;
      haplotypes.push([label, hap]);
      labelOf.set(child.id, label);
    } else {
      labelOf.set(child.id, null);
      findings.push({
        kind: 'extra-haplotype',
        memberId: child.id,
        loci: [],
        message: `${child.id} carries a third haplotype from the untyped ${father ? 'mother' : 'father'}: a crossover, a typing error or a different parent; type the ${father ? 'mother' : 'father'}`,
      });
    }
  }
  return { haplotypes, labelOf, findings };
}
