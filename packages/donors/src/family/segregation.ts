// Family HLA segregation (issue 19): from the typings of the patient, the parents and the full siblings, which
// haplotypes (father a/b, mother c/d; the patient a/c) each relative carries, and how each compares with the
// patient by descent, not by allele count. Inconsistencies are named, never assigned (Osoegawa K et al.,
// Hum Immunol 2019;80:633-643). With one parent typed the other parent's haplotypes are derived from the
// children; with none, siblings are compared by typing and the results are marked assumed.
import {
  FAMILY_LOCI,
  type FamilyAnalysis,
  type FamilyFinding,
  type FamilyLocus,
  type FamilyMember,
  type FamilyTyping,
  type HaplotypeLabel,
  type MemberResult,
} from './familyTypes';
import { type DerivedParent, deriveUntypedParent } from './derivedParent';
import { type ChildFit, fitChild, fitCost, type Haplotype, holds, phasings, received } from './inheritance';
import { compareByTyping, describeFit, findingsOfFit, mismatchedLoci, notTyped } from './segregationReport';
import { siblingsOnly } from './siblingInference';

type Phased = readonly [Haplotype, Haplotype];

/** Analyses a family. Exactly one member must be the patient; the others are compared with them. */
export function analyseFamily(members: readonly FamilyMember[]): FamilyAnalysis {
  const patients = members.filter((m) => m.relation === 'patient');
  if (patients.length !== 1) throw new Error(`a family needs exactly one patient, got ${patients.length}`);
  const patient = patients[0]!;
  if (!patient.typing) {
    return {
      loci: [],
      method: 'patient-only',
      haplotypes: {},
      members: members.map((m) => notTyped(m, m === patient ? 'the patient is not typed yet' : 'not typed')),
      findings: [],
    };
  }
  const pt = patient.typing;
  const loci = FAMILY_LOCI.filter((l) => pt[l]);
  const father = typedOne(members, 'father');
  const mother = typedOne(members, 'mother');
  if (!father && !mother) return siblingsOnly(members, patient, loci);
  return segregate(members, patient, loci, father?.typing ?? null, mother?.typing ?? null);
}

const typedOne = (members: readonly FamilyMember[], relation: 'father' | 'mother') =>
  members.find((m) => m.relation === relation && m.typing);

/** The parental phasings that explain the patient and the siblings best (fewest inconsistencies, then crossovers). */
function bestPhasings(
  offspring: readonly FamilyMember[],
  loci: readonly FamilyLocus[],
  fatherTyping: FamilyTyping | null,
  motherTyping: FamilyTyping | null
): { father: Phased | null; mother: Phased | null } {
  const fathers: (Phased | null)[] = fatherTyping ? phasings(fatherTyping, loci) : [null];
  const mothers: (Phased | null)[] = motherTyping ? phasings(motherTyping, loci) : [null];
  let best: { father: Phased | null; mother: Phased | null } = { father: fathers[0]!, mother: mothers[0]! };
  let bestCost = Infinity;
  for (const f of fathers) {
    for (const m of mothers) {
      let cost = 0;
      for (const c of offspring) cost += fitCost(fitChild(c.typing!, loci, f, m)[0]!);
      if (cost < bestCost) {
        bestCost = cost;
        best = { father: f, mother: m };
      }
    }
  }
  return best;
}

function segregate(
  members: readonly FamilyMember[],
  patient: FamilyMember,
  loci: FamilyLocus[],
  fatherTyping: FamilyTyping | null,
  motherTyping: FamilyTyping | null
): FamilyAnalysis {
  const offspring = members.filter((m) => (m.relation === 'patient' || m.relation === 'sibling') && m.typing);
  const { father, mother } = bestPhasings(offspring, loci, fatherTyping, motherTyping);
  const findings: FamilyFinding[] = [];
  const pFit = fitChild(patient.typing!, loci, father, mother)[0]!;
  // Labels: the haplotype the patient carries at the first compared locus is a (father) and c (mother).
  const fatherLabels = labelsFor(pFit.paternal?.at[0] ?? 0, 'a', 'b');
  const motherLabels = labelsFor(pFit.maternal?.at[0] ?? 0, 'c', 'd');
  const haplotypes: FamilyAnalysis['haplotypes'] = {};
  if (father) {
    haplotypes[fatherLabels[0]] = father[0];
    haplotypes[fatherLabels[1]] = father[1];
  }
  if (mother) {
    haplotypes[motherLabels[0]] = mother[0];
    haplotypes[motherLabels[1]] = mother[1];
  }
  // An untyped parent's haplotypes are derived from what the offspring carry besides the typed parent's.
  const derived = !father || !mother ? deriveUntypedParent(offspring, loci, father, mother) : null;
  if (derived) {
    for (const [label, hap] of derived.haplotypes) haplotypes[label] = hap;
    findings.push(...derived.findings);
  }
  const ctx: OffspringContext = { loci, father, mother, fatherLabels, motherLabels, derived, patientFit: pFit };
  const patientResult = offspringResult(patient, ctx, patient, findings);
  const results = members.map((m): MemberResult => {
    if (m === patient) return patientResult;
    if (!m.typing) return notTyped(m);
    const mm = mismatchedLoci(m.typing, patient.typing!, loci);
    switch (m.relation) {
      case 'sibling':
        return offspringResult(m, ctx, patient, findings);
      case 'father':
      case 'mother':
        return parentResult(m, mm, m.relation === 'father' ? fatherLabels : motherLabels, !!(father && mother));
      case 'child':
        return childOfPatient(m, patient.typing!, ctx, findings);
      case 'patient': // a second patient is refused above
      case 'other':
        return compareByTyping(m, patient.typing!, loci);
    }
  });
  return { loci, method: father && mother ? 'both-parents' : 'one-parent', haplotypes, members: results, findings };
}

const labelsFor = <L extends HaplotypeLabel>(patientIndex: number, mine: L, other: L): [L, L] =>
  patientIndex === 0 ? [mine, other] : [other, mine];

interface OffspringContext {
  loci: FamilyLocus[];
  father: Phased | null;
  mother: Phased | null;
  fatherLabels: ['a' | 'b', 'a' | 'b'];
  motherLabels: ['c' | 'd', 'c' | 'd'];
  derived: DerivedParent | null;
  patientFit: ChildFit;
}

/** The patient or a full sibling: which parental haplotypes they carry, and what they share with the patient. */
function offspringResult(
  m: FamilyMember,
  ctx: OffspringContext,
  patient: FamilyMember,
  findings: FamilyFinding[]
): MemberResult {
  const fits = fitChild(m.typing!, ctx.loci, ctx.father, ctx.mother);
  const fit = fits[0]!;
  const own = findingsOfFit(m, fit, ctx.loci, ctx.father, ctx.mother);
  findings.push(...own);
  const paternal = fit.paternal ? pathLabel(fit.paternal.at, ctx.fatherLabels, fit.paternal.crossoverBefore) : null;
  const maternal = fit.maternal ? pathLabel(fit.maternal.at, ctx.motherLabels, fit.maternal.crossoverBefore) : null;
  const fromDerived = ctx.derived?.labelOf.get(m.id) ?? null;
  const haplotypes: [HaplotypeLabel | null, HaplotypeLabel | null] = [
    paternal ?? (ctx.father ? null : fromDerived),
    maternal ?? (ctx.mother ? null : fromDerived),
  ];
  const reasons = describeFit(fit, ctx.loci, ctx.fatherLabels, ctx.motherLabels);
  if (m === patient) {
    return {
      id: m.id,
      relation: m.relation,
      haplotypes,
      sharedWithPatient: haplotypes.filter((h): h is HaplotypeLabel => h !== null),
      match: 'hla-identical',
      assumed: false,
      mismatchedLoci: [],
      reasons: reasons.length ? reasons : ['the patient'],
    };
  }
  const patientLabels = [
    ctx.patientFit.paternal ? 'a' : (ctx.derived?.labelOf.get(patient.id) ?? null),
    ctx.patientFit.maternal ? 'c' : (ctx.derived?.labelOf.get(patient.id) ?? null),
  ];
  const shared = haplotypes.filter((h, i): h is HaplotypeLabel => h !== null && h === patientLabels[i]);
  const mm = mismatchedLoci(m.typing!, patient.typing!, ctx.loci);
  // Several explanations that disagree about what is shared: the phase is hidden (a homozygous parent, or
  // alleles both parents carry); the result is then only phenotypic.
  const hidden = new Set(fits.map((f) => sharedKey(f, ctx))).size > 1;
  if (hidden) {
    const msg = `which parental haplotypes ${m.id} carries cannot be told apart at the typed loci (a homozygous parent or alleles both parents carry); type further loci or relatives`;
    findings.push({ kind: 'phase-hidden', memberId: m.id, loci: [], message: msg });
    reasons.push(msg);
  }
  const inconsistent = own.length > 0 && own.some((f) => f.kind !== 'recombination');
  const match =
    shared.length === 2 && !hidden && !inconsistent
      ? 'hla-identical'
      : mm.length === 0
        ? 'phenotypically-identical'
        : shared.length >= 1
          ? 'haploidentical'
          : 'mismatched';
  return {
    id: m.id,
    relation: m.relation,
    haplotypes,
    sharedWithPatient: shared,
    match,
    assumed: hidden || inconsistent || !ctx.father || !ctx.mother,
    mismatchedLoci: mm,
    reasons,
  };
}

const sharedKey = (f: ChildFit, ctx: OffspringContext): string =>
  [f.paternal?.at.join('') ?? '', f.maternal?.at.join('') ?? '', ctx.patientFit.paternal?.at.join('') ?? ''].join('|');

/** The label of a plain path; null for a path with a crossover (it carries parts of both). */
function pathLabel<L extends HaplotypeLabel>(
  at: readonly (0 | 1)[],
  labels: [L, L],
  crossoverBefore: number | null
): L | null {
  return crossoverBefore === null ? labels[at[0]!] : null;
}

function parentResult(
  m: FamilyMember,
  mm: FamilyLocus[],
  labels: [HaplotypeLabel, HaplotypeLabel],
  bothTyped: boolean
): MemberResult {
  return {
    id: m.id,
    relation: m.relation,
    haplotypes: [labels[0], labels[1]],
    sharedWithPatient: [labels.includes('a') ? 'a' : 'c'],
    match: mm.length === 0 ? 'phenotypically-identical' : 'haploidentical',
    assumed: false,
    mismatchedLoci: mm,
    reasons: [
      `${m.relation} carries ${labels.join('/')} and gave the patient ${labels.includes('a') ? 'a' : 'c'}${bothTyped ? '' : ' (the other parent is not typed)'}`,
    ],
  };
}

/** A child of the patient carries one of the patient's two haplotypes. */
function childOfPatient(
  m: FamilyMember,
  patientTyping: FamilyTyping,
  ctx: OffspringContext,
  findings: FamilyFinding[]
): MemberResult {
  const pHaps: Phased | null =
    ctx.father && ctx.mother && ctx.patientFit.paternal && ctx.patientFit.maternal
      ? [
          received(ctx.father, ctx.patientFit.paternal, ctx.loci),
          received(ctx.mother, ctx.patientFit.maternal, ctx.loci),
        ]
      : null;
  const mm = mismatchedLoci(m.typing!, patientTyping, ctx.loci);
  if (!pHaps) return compareByTyping(m, patientTyping, ctx.loci);
  const fits = fitChild(m.typing!, ctx.loci, pHaps, null);
  const fit = fits[0]!;
  const own = findingsOfFit(m, fit, ctx.loci, pHaps, null, 'patient');
  findings.push(...own);
  const label = fit.paternal && fit.paternal.crossoverBefore === null ? (fit.paternal.at[0] === 0 ? 'a' : 'c') : null;
  const hidden = new Set(fits.map((f) => f.paternal?.at.join(''))).size > 1;
  const carriesAll = ctx.loci.every(
    (l) => !m.typing![l] || holds(m.typing![l], pHaps[0][l]) || holds(m.typing![l], pHaps[1][l])
  );
  return {
    id: m.id,
    relation: m.relation,
    haplotypes: [label, null],
    sharedWithPatient: label && !hidden ? [label] : [],
    match: mm.length === 0 ? 'phenotypically-identical' : carriesAll ? 'haploidentical' : 'mismatched',
    assumed: hidden || own.length > 0,
    mismatchedLoci: mm,
    reasons: [
      hidden
        ? "the patient's two haplotypes are alike at the typed loci: which one the child carries cannot be told"
        : label
          ? `carries the patient's haplotype ${label}`
          : 'carries parts of both patient haplotypes',
    ],
  };
}
