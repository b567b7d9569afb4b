// Ranking of related donors (issue 19). An HLA-identical sibling comes first (Dehn J et al., NMDP/CIBMTR, Blood
// 2019;134:924-934). Among the others the criteria follow the EBMT consensus for haploidentical donor selection
// (Ciurea SO et al., Bone Marrow Transplant 2020;55:12-24): avoid donor-specific antibodies first, then younger
// donors, then relationship (children and siblings before parents; McCurdy SR et al., Blood Adv 2018;2:299-307
// for graft failure with parental donors), sex (avoid female donors for male recipients), CMV serostatus, ABO
// (avoid major and bidirectional mismatch), and KIR where typed: the donor's KIR genotype (kir.ts) and the
// KIR-ligand mismatch in the GvH direction (kirLigand.ts, Ruggeri L et al., Science 2002;295:2097), weight 0 by
// default. Each criterion has a weight the centre sets;
// the defaults make the order nearly lexicographic, as the consensus lists it.
import { aboMismatch } from '@engraft/clinical';
import { z } from 'zod';
import type { DsaResult } from './dsa';
import type { FamilyMatch, FamilyRelation } from './familyTypes';
import type { KirAssessment } from './kir';
import type { KirLigandAssessment } from './kirLigand';

export const RankingWeightsSchema = z.object({
  dsa: z.number().min(0).max(10_000).default(1000),
  age: z.number().min(0).max(10_000).default(100),
  relationship: z.number().min(0).max(10_000).default(40),
  sex: z.number().min(0).max(10_000).default(20),
  cmv: z.number().min(0).max(10_000).default(10),
  abo: z.number().min(0).max(10_000).default(5),
  kir: z.number().min(0).max(10_000).default(0),
  kirLigand: z.number().min(0).max(10_000).default(0),
});
export type RankingWeights = z.output<typeof RankingWeightsSchema>;
export type RankingCriterion = keyof RankingWeights;

export interface RelatedCandidate {
  id: string;
  relation: Exclude<FamilyRelation, 'patient'>;
  match: FamilyMatch;
  ageYears: number | null;
  sex: 'female' | 'male' | null;
  cmvPositive: boolean | null;
  aboRh: string | null;
  dsa: DsaResult | null;
  /** The donor's KIR genotype read by assessKir, where typed (ADR 0422). */
  kir?: KirAssessment | null;
  /** KIR-ligand mismatch in the GvH direction against the recipient, where both are typed at A, B and C. */
  kirLigand?: KirLigandAssessment | null;
  /** Not available or not consenting: listed, never ranked above an available donor. */
  available: boolean;
}

export interface RecipientFacts {
  sex: 'female' | 'male' | null;
  cmvPositive: boolean | null;
  aboRh: string | null;
}

export interface CriterionScore {
  criterion: RankingCriterion;
  /** 0 (best) to 1 (worst) for this criterion. */
  penalty: number;
  weighted: number;
  reason: string;
}

export interface RankedDonor {
  id: string;
  rank: number;
  tier: 'hla-identical-sibling' | 'related' | 'unavailable' | 'not-eligible';
  score: number;
  criteria: CriterionScore[];
  /** One line: why this position. */
  summary: string;
}

const DSA_PENALTY = { positive: 0.5, strong: 0.8, desensitisation: 1 } as const;

function scoreCriteria(c: RelatedCandidate, r: RecipientFacts, w: RankingWeights): CriterionScore[] {
  const out: CriterionScore[] = [];
  const add = (criterion: RankingCriterion, penalty: number, reason: string) =>
    out.push({ criterion, penalty, weighted: penalty * w[criterion], reason });
  const worst = c.dsa?.worst ?? null;
  const possibleOnly = !!c.dsa && c.dsa.hits.length > 0 && c.dsa.hits.every((h) => h.certainty === 'possible');
  if (!c.dsa) add('dsa', 0.3, 'no antibody test on record: DSA unknown');
  else if (!worst) add('dsa', 0, 'no DSA');
  else {
    const p = DSA_PENALTY[worst] * (possibleOnly ? 0.6 : 1);
    add('dsa', p, `${possibleOnly ? 'possible ' : ''}DSA ${c.dsa.hits[0]!.specificity}, MFI ${c.dsa.hits[0]!.mfi}`);
  }
  if (c.ageYears === null) add('age', 0.5, 'age not recorded');
  // Younger is better; the penalty rises linearly from 18 to 68 years (Sanz J et al. 2024: donors over 37 fared worse).
  else add('age', Math.min(1, Math.max(0, (c.ageYears - 18) / 50)), `${c.ageYears} years`);
  const rel =
    c.relation === 'child' || c.relation === 'sibling'
      ? 0
      : c.relation === 'father'
        ? 0.6
        : c.relation === 'mother'
          ? 1
          : 0.8;
  add('relationship', rel, c.relation);
  if (!c.sex || !r.sex) add('sex', 0.25, 'sex not recorded');
  else if (c.sex === 'female' && r.sex === 'male') add('sex', 1, 'female donor for a male recipient');
  else add('sex', c.sex === 'female' ? 0.3 : 0, `${c.sex} donor`);
  if (c.cmvPositive === null || r.cmvPositive === null) add('cmv', 0.5, 'CMV serostatus not recorded');
  else if (!r.cmvPositive && c.cmvPositive) add('cmv', 1, 'CMV-positive donor for a CMV-negative recipient');
  else if (r.cmvPositive && !c.cmvPositive) add('cmv', 0.3, 'CMV-negative donor for a CMV-positive recipient');
  else add('cmv', 0, 'CMV serostatus matched');
  const abo = aboMismatch({ recipientAboRh: r.aboRh, productAboRh: c.aboRh, autologous: false }).mismatch;
  add(
    'abo',
    abo === 'major' || abo === 'bidirectional' ? 1 : abo === 'minor' ? 0.4 : abo === 'unknown' ? 0.5 : 0,
    abo === 'none' ? 'ABO compatible' : `ABO ${abo}`
  );
  if (c.kir) add('kir', c.kir.penalty, c.kir.reason);
  if (c.kirLigand) add('kirLigand', c.kirLigand.penalty, c.kirLigand.reason);
  return out;
}

/** Ranks a patient's related donors: best first, with every criterion's contribution and reason. */
export function rankRelatedDonors(
  candidates: readonly RelatedCandidate[],
  recipient: RecipientFacts,
  weightsInput: Partial<RankingWeights> = {}
): RankedDonor[] {
  const w = RankingWeightsSchema.parse(weightsInput);
  const rows = candidates.map((c) => {
    const criteria = scoreCriteria(c, recipient, w);
    const score = criteria.reduce((s, x) => s + x.weighted, 0);
    const eligible = c.match !== 'mismatched' && c.match !== 'not-typed';
    const tier: RankedDonor['tier'] = !eligible
      ? 'not-eligible'
      : !c.available
        ? 'unavailable'
        : c.match === 'hla-identical' && c.relation === 'sibling' && !c.dsa?.worst
          ? 'hla-identical-sibling'
          : 'related';
    return { c, criteria, score, tier };
  });
  const tierOrder: RankedDonor['tier'][] = ['hla-identical-sibling', 'related', 'unavailable', 'not-eligible'];
  rows.sort(
    (x, y) => tierOrder.indexOf(x.tier) - tierOrder.indexOf(y.tier) || x.score - y.score || x.c.id.localeCompare(y.c.id)
  );
  return rows.map((row, i) => ({
    id: row.c.id,
    rank: i + 1,
    tier: row.tier,
    score: Math.round(row.score * 10) / 10,
    criteria: row.criteria,
    summary: summaryOf(row.tier, row.c, row.criteria),
  }));
}

function summaryOf(tier: RankedDonor['tier'], c: RelatedCandidate, criteria: CriterionScore[]): string {
  if (tier === 'hla-identical-sibling') return 'HLA-identical sibling: first choice';
  if (tier === 'not-eligible') return c.match === 'not-typed' ? 'not typed yet' : 'HLA-mismatched: not a related donor';
  if (tier === 'unavailable') return 'not available or not consenting';
  const worst = [...criteria].sort((x, y) => y.weighted - x.weighted).filter((x) => x.weighted > 0);
  return worst.length
    ? `${c.match}; held back by ${worst
        .slice(0, 2)
        .map((x) => x.reason)
        .join('; ')}`
    : `${c.match}; no drawback`;
}
