// No parent typed: siblings are compared with the patient by typing, and the patient's two haplotypes are
// inferred where a haploidentical sibling shows them (the alleles it shares at each locus form one haplotype,
// assuming no crossover). Every result is marked assumed: descent is not shown without the parents.
import type { FamilyAnalysis, FamilyLocus, FamilyMember, HaplotypeLabel, MemberResult } from './familyTypes';
import { type Haplotype, holds, otherPosition, shares } from './inheritance';
import { compareByTyping, mismatchedLoci, notTyped, sharedAt } from './segregationReport';

export function siblingsOnly(
  members: readonly FamilyMember[],
  patient: FamilyMember,
  loci: FamilyLocus[]
): FamilyAnalysis {
  const pt = patient.typing!;
  const sibs = members.filter((m) => m.relation === 'sibling' && m.typing);
  // The patient's phase from the first sibling that shares exactly one allele at every heterozygous locus.
  let phase: [Haplotype, Haplotype] | null = null;
  for (const s of sibs) {
    const t = s.typing!;
    const compared = loci.filter((l) => t[l]);
    if (compared.length < loci.length) continue;
    if (!compared.every((l) => sharedAt(t, pt, l) === 1 || isHomozygous(pt[l]!))) continue;
    if (!compared.every((l) => sharedAt(t, pt, l) >= 1)) continue;
    const a: Haplotype = {};
    const b: Haplotype = {};
    for (const l of compared) {
      const [p, q] = pt[l]!;
      const inSib = holds(t[l]!, p) ? p : q;
      a[l] = inSib;
      b[l] = otherPosition(pt[l]!, inSib);
    }
    phase = [a, b];
    break;
  }
  const labelsOf = (m: FamilyMember): HaplotypeLabel[] => {
    if (!phase) return [];
    const t = m.typing!;
    return (['a', 'b'] as const).filter((_, i) => loci.every((l) => !t[l] || holds(t[l], phase[i]![l])));
  };
  const results = members.map((m): MemberResult => {
    if (m === patient) {
      return {
        id: m.id,
        relation: m.relation,
        haplotypes: phase ? ['a', 'b'] : [null, null],
        sharedWithPatient: phase ? ['a', 'b'] : [],
        match: 'hla-identical',
        assumed: true,
        mismatchedLoci: [],
        reasons: [
          phase
            ? 'the patient; haplotypes a and b inferred from a haploidentical sibling (parents not typed)'
            : 'the patient; phase unknown (parents not typed)',
        ],
      };
    }
    if (!m.typing) return notTyped(m);
    if (m.relation !== 'sibling') return compareByTyping(m, pt, loci);
    const t = m.typing;
    const mm = mismatchedLoci(t, pt, loci);
    const compared = loci.filter((l) => t[l]);
    const oneEach = compared.every((l) => sharedAt(t, pt, l) >= 1);
    const shared = labelsOf(m);
    const match = mm.length === 0 ? 'hla-identical' : oneEach ? 'haploidentical' : 'mismatched';
    return {
      id: m.id,
      relation: m.relation,
      haplotypes: [shared[0] ?? null, shared[1] ?? null],
      sharedWithPatient: match === 'mismatched' ? [] : shared,
      match,
      assumed: true,
      mismatchedLoci: mm,
      reasons: [
        match === 'hla-identical'
          ? 'same typing as the patient: HLA-identical assumed (parents not typed, descent not shown); type the parents or confirm at high resolution'
          : match === 'haploidentical'
            ? 'shares an allele with the patient at every typed locus: one haplotype shared, assumed (parents not typed)'
            : `differs from the patient at ${mm.join(', ')} with no allele shared at ${compared.filter((l) => sharedAt(t, pt, l) === 0).join(', ')}`,
      ],
    };
  });
  const haplotypes: FamilyAnalysis['haplotypes'] = phase ? { a: phase[0], b: phase[1] } : {};
  return { loci, method: 'siblings-only', haplotypes, members: results, findings: [] };
}

const isHomozygous = (pair: readonly [readonly string[], readonly string[]]): boolean => shares(pair[0], pair[1]);
