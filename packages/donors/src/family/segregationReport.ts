// Words and findings for a segregation result: crossovers, inconsistencies (an allele in neither parent is a
// typing error or a sample mix-up; a child who fits one parent everywhere but the other at two or more loci is
// a possible non-paternity or non-maternity, flagged confidentially and never assigned: Osoegawa K et al.,
// Hum Immunol 2019;80:633-643), and the by-typing comparison used where descent cannot be shown.
import type {
  FamilyFinding,
  FamilyLocus,
  FamilyMember,
  FamilyTyping,
  HaplotypeLabel,
  MemberResult,
} from './familyTypes';
import { type ChildFit, type Haplotype, type InheritancePath, holds, pairIs } from './inheritance';

/** Loci typed in both where the two typings differ (at least one position not shared). */
export function mismatchedLoci(x: FamilyTyping, y: FamilyTyping, loci: readonly FamilyLocus[]): FamilyLocus[] {
  return loci.filter((l) => {
    const a = x[l];
    const b = y[l];
    return a && b && !pairIs(a, b[0], b[1]);
  });
}

export function notTyped(m: FamilyMember, reason = 'not typed'): MemberResult {
  return {
    id: m.id,
    relation: m.relation,
    haplotypes: [null, null],
    sharedWithPatient: [],
    match: 'not-typed',
    assumed: false,
    mismatchedLoci: [],
    reasons: [reason],
  };
}

/** Positions shared at a locus: 2 when the pairs are equal, 1 when one allele is common, else 0. */
export function sharedAt(x: FamilyTyping, y: FamilyTyping, l: FamilyLocus): 0 | 1 | 2 {
  const a = x[l];
  const b = y[l];
  if (!a || !b) return 2;
  if (pairIs(a, b[0], b[1])) return 2;
  return holds(a, b[0]) || holds(a, b[1]) ? 1 : 0;
}

/** A relative whose descent the analysis cannot show (an aunt, a cousin, or no parents typed): by typing only. */
export function compareByTyping(m: FamilyMember, patient: FamilyTyping, loci: readonly FamilyLocus[]): MemberResult {
  const typing = m.typing!;
  const compared = loci.filter((l) => typing[l]);
  const mm = mismatchedLoci(typing, patient, compared);
  const oneEach = compared.every((l) => sharedAt(typing, patient, l) >= 1);
  return {
    id: m.id,
    relation: m.relation,
    haplotypes: [null, null],
    sharedWithPatient: [],
    match: mm.length === 0 ? 'phenotypically-identical' : oneEach ? 'haploidentical' : 'mismatched',
    assumed: true,
    mismatchedLoci: mm,
    reasons: [
      mm.length === 0
        ? `same typing as the patient at ${compared.join(', ')}; identity by descent is not shown: confirm at high resolution`
        : oneEach
          ? `shares an allele with the patient at every typed locus; a shared haplotype is assumed, not shown`
          : `differs from the patient at ${mm.join(', ')}`,
    ],
  };
}

const crossoverWords = (
  side: 'paternal' | 'maternal',
  path: InheritancePath,
  loci: readonly FamilyLocus[],
  labels: readonly [HaplotypeLabel, HaplotypeLabel]
): string => {
  const k = path.crossoverBefore!;
  const first = labels[path.at[0]!];
  const then = labels[path.at[k]!];
  return `${side} crossover between ${loci[k - 1]} and ${loci[k]}: carries ${first} from ${loci[0]} to ${loci[k - 1]}, then ${then} from ${loci[k]}`;
};

/** The reasons shown beside an offspring's result. */
export function describeFit(
  fit: ChildFit,
  loci: readonly FamilyLocus[],
  fatherLabels: readonly [HaplotypeLabel, HaplotypeLabel],
  motherLabels: readonly [HaplotypeLabel, HaplotypeLabel]
): string[] {
  const out: string[] = [];
  if (fit.paternal?.crossoverBefore != null) out.push(crossoverWords('paternal', fit.paternal, loci, fatherLabels));
  if (fit.maternal?.crossoverBefore != null) out.push(crossoverWords('maternal', fit.maternal, loci, motherLabels));
  if (fit.badLoci.length) out.push(`the typing at ${fit.badLoci.join(', ')} fits neither parent: retype`);
  return out;
}

const explains = (parent: readonly [Haplotype, Haplotype] | null, pair: FamilyTyping[FamilyLocus], l: FamilyLocus) =>
  !parent || !pair || holds(pair, parent[0][l]) || holds(pair, parent[1][l]);

/** Findings for one offspring's best explanation. `parents` names who the two sides are. */
export function findingsOfFit(
  m: FamilyMember,
  fit: ChildFit,
  loci: readonly FamilyLocus[],
  father: readonly [Haplotype, Haplotype] | null,
  mother: readonly [Haplotype, Haplotype] | null,
  parents: 'parents' | 'patient' = 'parents'
): FamilyFinding[] {
  const out: FamilyFinding[] = [];
  for (const [side, path] of [
    ['paternal', fit.paternal],
    ['maternal', fit.maternal],
  ] as const) {
    if (path?.crossoverBefore == null) continue;
    const k = path.crossoverBefore;
    const between: FamilyLocus[] = [loci[k - 1]!, loci[k]!];
    const who = parents === 'patient' ? 'the patient' : side === 'paternal' ? 'the father' : 'the mother';
    out.push({
      kind: 'recombination',
      memberId: m.id,
      loci: between,
      message: `${m.id} carries a recombinant haplotype from ${who}: crossover between ${between.join(' and ')}`,
    });
  }
  if (!fit.badLoci.length) return out;
  const typing = m.typing!;
  const fatherMisses = fit.badLoci.filter((l) => !explains(father, typing[l], l));
  const motherMisses = fit.badLoci.filter((l) => !explains(mother, typing[l], l));
  if (parents === 'parents' && fatherMisses.length >= 2 && motherMisses.length === 0) {
    out.push({
      kind: 'non-paternity',
      memberId: m.id,
      loci: fatherMisses,
      message: `${m.id} fits the mother everywhere but not the father at ${fatherMisses.join(', ')}: possible non-paternity or a sample mix-up; confirm confidentially before using this result`,
    });
  } else if (parents === 'parents' && motherMisses.length >= 2 && fatherMisses.length === 0) {
    out.push({
      kind: 'non-maternity',
      memberId: m.id,
      loci: motherMisses,
      message: `${m.id} fits the father everywhere but not the mother at ${motherMisses.join(', ')}: possible sample mix-up; confirm before using this result`,
    });
  } else {
    out.push({
      kind: 'typing-error',
      memberId: m.id,
      loci: fit.badLoci,
      message: `${m.id}: the typing at ${fit.badLoci.join(', ')} cannot come from ${parents === 'patient' ? 'the patient' : 'the parents'} (a typing error, a sample mix-up or a new allele): retype; the locus is left unassigned`,
    });
  }
  return out;
}
