import type { SearchCriteria } from './criteria';
import { countedLoci } from './criteria';
import { LOCI } from './loci';
import type { Locus } from './loci';
import type { Dpb1Result, Grade, LocusMatch, Matcher, MatchLevel, Position, ResolvedLocus } from './matcher';
import type { DonorRecord, Patient } from './schema';
import { normalizeTyping } from './typing';

export interface PositionExplanation {
  readonly patient: string;
  readonly donor: string;
  readonly allele: Grade;
  readonly antigen: Grade;
  /** Why the grade is what it is, in words. */
  readonly reason: string;
}

export interface LocusExplanation {
  readonly locus: Locus;
  readonly counted: boolean;
  readonly level: MatchLevel;
  readonly patientTyping: string | undefined;
  readonly donorTyping: string | undefined;
  readonly mismatches: number;
  readonly potential: number;
  readonly gvh: number;
  readonly hvg: number;
  readonly positions: readonly PositionExplanation[];
  readonly notes: readonly string[];
}

export interface DonorExplanation {
  readonly donorId: string;
  /** Nomenclature release the typings were resolved against. */
  readonly release: string;
  readonly loci: readonly LocusExplanation[];
  readonly dpb1: Dpb1Result & { readonly reason: string };
}

/** Explains a donor locus by locus for a patient (every typed or counted locus). @throws TypingError */
export function explainDonor(
  matcher: Matcher,
  patient: Patient,
  donor: DonorRecord,
  criteria: SearchCriteria
): DonorExplanation {
  const pt = normalizeTyping(patient.typing);
  const counted = countedLoci(criteria);
  const loci: LocusExplanation[] = [];
  let pDpb1: ResolvedLocus | undefined;
  let dDpb1: ResolvedLocus | undefined;
  for (const locus of LOCI) {
    const pText = pt[locus];
    const dText = donor.typing[locus];
    const isCounted = counted.includes(locus);
    if (!isCounted && pText === undefined && dText === undefined) continue;
    const p = pText === undefined ? undefined : matcher.resolveLocus(locus, pText);
    const d = dText === undefined ? undefined : matcher.resolveLocus(locus, dText);
    if (locus === 'DPB1') {
      pDpb1 = p;
      dDpb1 = d;
    }
    const level = criteria.levels[locus] ?? 'allele';
    const m = matcher.compareLocus(locus, p, d, level);
    loci.push(explainLocus(matcher, m, p, d, pText, dText, isCounted));
  }
  const dpb1 = matcher.dpb1(pDpb1, dDpb1);
  return {
    donorId: donor.id,
    release: matcher.release,
    loci,
    dpb1: { ...dpb1, reason: dpb1Reason(dpb1, matcher.tceVersion) },
  };
}

function explainLocus(
  matcher: Matcher,
  m: LocusMatch,
  p: ResolvedLocus | undefined,
  d: ResolvedLocus | undefined,
  pText: string | undefined,
  dText: string | undefined,
  counted: boolean
): LocusExplanation {
  const notes: string[] = [];
  const base = {
    locus: m.locus,
    counted,
    level: m.level,
    patientTyping: pText,
    donorTyping: dText,
    mismatches: m.mismatches,
    potential: m.potential,
    gvh: m.gvh,
    hvg: m.hvg,
  };
  if (!p || !d) {
    const who = !p && !d ? 'neither patient nor donor is' : !p ? 'the patient is not' : 'the donor is not';
    const reason = `${who} typed at ${m.locus}: counted as a potential match`;
    return {
      ...base,
      positions: m.positions.map(() => ({
        patient: pText ?? '-',
        donor: dText ?? '-',
        allele: 'potential',
        antigen: 'potential',
        reason,
      })),
      notes,
    };
  }
  if (p.genotypes.length > 1 || d.genotypes.length > 1) {
    notes.push(
      `genotype alternatives (|): ${p.genotypes.length} patient × ${d.genotypes.length} donor; the best pair is shown${m.alternatives > 1 ? ', definite grades that not every pair shares are potential' : ''}`
    );
  }
  const pg = p.genotypes[0] as readonly [Position, Position];
  const dg = d.genotypes[0] as readonly [Position, Position];
  for (const [who, g, text] of [
    ['patient', pg, pText],
    ['donor', dg, dText],
  ] as const) {
    if (!text?.includes('+') && !text?.includes('|')) notes.push(`${who} typing has one position: read as homozygous`);
    if (g[0].nullStatus === 'null-locus') {
      notes.push(
        `${who} ${g[0].written}+${g[1].written}: both are null alleles, so the ${who} expresses nothing at ${m.locus}: ${
          who === 'patient'
            ? 'no target for the graft (no GvH mismatch), every donor antigen counts in the HvG direction'
            : 'nothing for the patient to reject (no HvG mismatch), every patient antigen counts in the GvH direction'
        }`
      );
    }
    for (const pos of g) {
      if (pos.nullStatus === 'expressed-vs-null') {
        notes.push(
          `${who} ${pos.written} is a null allele (not expressed): the locus counts as homozygous for the other position (expressed vs null)`
        );
      }
      if (pos.nullStatus === 'ignored') {
        notes.push(`${who} ${pos.written} lists null alleles besides expressed ones: the nulls are ignored`);
      }
    }
  }
  if (m.gvh !== m.hvg) {
    notes.push(
      `one-way mismatch: ${m.gvh} in the graft-versus-host direction, ${m.hvg} in the host-versus-graft direction`
    );
  }
  const positions = m.positions.map((pm) => {
    const pp = pg[pm.patient as 0 | 1];
    const dp = dg[pm.donor as 0 | 1];
    return {
      patient: pp.written,
      donor: dp.written,
      allele: pm.allele,
      antigen: pm.antigen,
      reason: positionReason(matcher, pp, dp, pm.allele, pm.antigen),
    };
  });
  return { ...base, positions, notes };
}

function list(names: readonly string[], max = 6): string {
  return names.length <= max ? names.join('/') : `${names.slice(0, max).join('/')}/… (${names.length})`;
}

function positionReason(matcher: Matcher, p: Position, d: Position, allele: Grade, antigen: Grade): string {
  const pNull = p.units.length === 0;
  const dNull = d.units.length === 0;
  if (pNull && dNull) {
    return `patient ${p.written} and donor ${d.written} are both null alleles: neither expresses an antigen`;
  }
  if (pNull || dNull) {
    const [nul, expr, nulWho, exprWho] = pNull ? [p, d, 'patient', 'donor'] : [d, p, 'donor', 'patient'];
    const names = list(expr.units.map((u) => matcher.units.name(u)));
    return `${nulWho} ${nul.written} is a null allele (not expressed), ${exprWho} expresses ${names}: mismatch`;
  }
  const pu = p.units.map((u) => matcher.units.name(u));
  const du = d.units.map((u) => matcher.units.name(u));
  const pa = p.antigens.map((a) => matcher.antigens.name(a));
  const da = d.antigens.map((a) => matcher.antigens.name(a));
  switch (allele) {
    case 'definite':
      return `same P group (lgx ${pu[0] ?? 'none'}): definite match`;
    case 'potential': {
      const shared = pu.filter((u) => du.includes(u));
      return `patient may be ${list(pu)}, donor may be ${list(du)}; they share ${list(shared)}, so the typings may match but need higher resolution to confirm: potential match`;
    }
    case 'mismatch': {
      const allelePart = `no shared P group (patient ${list(pu)}, donor ${list(du)})`;
      if (antigen === 'definite') {
        return `${allelePart} but the same antigen ${pa[0] ?? ''}: allele-level mismatch, antigen match`;
      }
      if (antigen === 'potential') {
        return `${allelePart}; antigens may agree (patient ${list(pa)}, donor ${list(da)}): allele mismatch, potential antigen match`;
      }
      return `${allelePart}, different antigens (patient ${list(pa)}, donor ${list(da)}): antigen-level mismatch`;
    }
  }
}

function dpb1Reason(r: Dpb1Result, version: string): string {
  const g = (groups: readonly (string | undefined)[]) => groups.map((x) => x ?? '?').join(',');
  const groups = `TCE ${version} groups patient ${g(r.patientGroups)}, donor ${g(r.donorGroups)}${r.predicted ? ' (some assignments predicted, $)' : ''}`;
  switch (r.category) {
    case 'match':
      return 'DPB1 allele match';
    case 'permissive':
      return `DPB1 mismatch, permissive: ${groups}, same highest-immunogenicity group`;
    case 'non-permissive-gvh':
      return `DPB1 mismatch, non-permissive in the graft-versus-host direction: ${groups}, the donor carries the more immunogenic group`;
    case 'non-permissive-hvg':
      return `DPB1 mismatch, non-permissive in the host-versus-graft direction: ${groups}, the patient carries the more immunogenic group`;
    case 'unknown':
      return r.patientGroups.length === 0 || r.donorGroups.length === 0
        ? 'DPB1 not typed on both sides'
        : `DPB1 TCE category unknown: ${groups}`;
  }
}
