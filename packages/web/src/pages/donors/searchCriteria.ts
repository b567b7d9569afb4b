// The donor search form's values and the request they make (issue 16): what the coordinator chose, turned into
// the API criteria (@engraft/domain DonorSearchCriteriaSchema), and one line describing a saved search's criteria.
import type { MATCH_LEVELS, SEARCH_FORM_LOCI } from '@engraft/domain';
import { type DonorSearchSummary } from '@engraft/domain';
import type { DonorSearchRequest } from './api';

export type FormLocus = (typeof SEARCH_FORM_LOCI)[number];
export type MatchLevel = (typeof MATCH_LEVELS)[number];
export type RankBy = 'probability' | 'grades';

export interface CriteriaForm {
  typing: string;
  loci: '6' | '8' | '10';
  maxMismatches: string | number;
  adult: boolean;
  cord: boolean;
  weightKg: string | number;
  patientCmv: 'unknown' | 'neg' | 'pos';
  /** 'record': the group on the patient record (the server reads it). */
  patientAbo: string;
  /** '': the centre's default set. */
  frequencySet: string;
  rankBy: RankBy;
  perLocus: Partial<Record<FormLocus, 'any' | '0' | '1'>>;
  /** Levels the coordinator set; the others stay at their default (see defaultLevel). */
  levels: Partial<Record<FormLocus, MatchLevel>>;
}

export const LOCI_OF: Record<CriteriaForm['loci'], readonly FormLocus[]> = {
  '6': ['A', 'B', 'DRB1'],
  '8': ['A', 'B', 'C', 'DRB1'],
  '10': ['A', 'B', 'C', 'DRB1', 'DQB1'],
};

/**
 * The level a locus is compared at when not set: allele, except A and B of a cord-only 6/6 search, compared at
 * antigen level (Dehn J et al., Blood 2019;134:924), as the server does.
 */
export function defaultLevel(f: Pick<CriteriaForm, 'adult' | 'cord' | 'loci'>, locus: FormLocus): MatchLevel {
  return f.cord && !f.adult && f.loci === '6' && (locus === 'A' || locus === 'B') ? 'antigen' : 'allele';
}

/** The request body of the form: typed numbers are sent as typed, so the server's schema names what is wrong. */
export function requestOf(f: CriteriaForm): DonorSearchRequest {
  const counted = LOCI_OF[f.loci];
  const limits = Object.fromEntries(
    Object.entries(f.perLocus).flatMap(([l, v]) =>
      v === undefined || v === 'any' || !counted.includes(l as FormLocus) ? [] : [[l, Number(v)]]
    )
  );
  const levels = Object.fromEntries(
    Object.entries(f.levels).filter(([l, v]) => v !== undefined && counted.includes(l as FormLocus))
  );
  const weight = typeof f.weightKg === 'string' && f.weightKg.trim() === '' ? undefined : f.weightKg;
  return {
    patientTyping: f.typing,
    criteria: {
      loci: Number(f.loci),
      maxMismatches: f.maxMismatches,
      donorKinds: [...(f.adult ? ['adult'] : []), ...(f.cord ? ['cord'] : [])],
      ...(weight === undefined ? {} : { weightKg: weight }),
      ...(Object.keys(limits).length > 0 ? { maxMismatchesPerLocus: limits } : {}),
      ...(Object.keys(levels).length > 0 ? { levels } : {}),
      ...(f.patientCmv === 'unknown' ? {} : { patientCmv: f.patientCmv }),
      ...(f.patientAbo === 'record' ? {} : { patientAbo: f.patientAbo }),
      ...(f.frequencySet === '' ? {} : { frequencySet: f.frequencySet }),
      rankBy: f.rankBy,
    },
  };
}

const CMV_LABEL = { pos: 'CMV+', neg: 'CMV−' } as const;

/** One line for a saved search's criteria, e.g. "10/10 ≤2 MM · DRB1 ≤0 · A antigen · by probability (CAU)". */
export function criteriaLine(c: DonorSearchSummary['criteria']): string {
  const parts = [`${c.loci}/${c.loci} ≤${c.maxMismatches} MM`];
  for (const [l, n] of Object.entries(c.maxMismatchesPerLocus ?? {})) if (n !== undefined) parts.push(`${l} ≤${n}`);
  for (const [l, v] of Object.entries(c.levels ?? {})) if (v !== undefined) parts.push(`${l} ${v}`);
  if (c.donorKinds.includes('cord')) parts.push(c.donorKinds.includes('adult') ? 'adult + cord' : 'cord');
  if (c.patientCmv) parts.push(CMV_LABEL[c.patientCmv]);
  if (c.patientAbo) parts.push(`ABO ${c.patientAbo}${c.patientAboFrom === 'patient-record' ? ' (record)' : ''}`);
  parts.push(c.rankBy === 'probability' && c.frequencySet ? `by probability (${c.frequencySet})` : 'by grades');
  return parts.join(' · ');
}
