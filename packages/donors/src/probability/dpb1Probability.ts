import type { HlaEngine } from '@engraft/hla';
import type { GenotypeDistribution } from './matchProbability';
import { locusMismatches } from './matchProbability';
import { splitTypingByLocus } from './typingLoci';

// DPB1 T-cell-epitope permissiveness as a probability (issue 16). The TCE groups are those of the IMGT
// tce/dpb_tce.csv table (V2, functional distance: Crivello et al. 2015, Biol Blood Marrow Transplant 21:233;
// permissive vs non-permissive mismatches: Fleischhauer et al. 2012, Lancet Oncol 13:366). A pair is a
// `match` when the alleles are equal; otherwise the most immunogenic group of each side is compared
// (1 > 2 > 2a > 3, ADR 0400): equal → permissive; the donor's more immunogenic → non-permissive GvH; the
// patient's → non-permissive HvG; any allele without a group → unknown.

export type Dpb1Weights = readonly { readonly pair: readonly [string, string]; readonly probability: number }[];

export interface Dpb1Probability {
  readonly match: number;
  readonly permissive: number;
  readonly nonPermissiveGvh: number;
  readonly nonPermissiveHvg: number;
  readonly unknown: number;
}

const TCE_RANK: Readonly<Record<string, number>> = { '1': 1, '2': 2, '2a': 2.5, '3': 3 };

/** Sums the TCE outcome over the two DPB1 genotype distributions (independent sides). */
export function dpb1Probability(
  patient: Dpb1Weights,
  donor: Dpb1Weights,
  groupOf: (allele: string) => string | undefined
): Dpb1Probability {
  const out = { match: 0, permissive: 0, nonPermissiveGvh: 0, nonPermissiveHvg: 0, unknown: 0 };
  for (const p of patient) {
    for (const d of donor) {
      out[tceOutcome(p.pair, d.pair, groupOf)] += p.probability * d.probability;
    }
  }
  return out;
}

export function tceOutcome(
  p: readonly [string, string],
  d: readonly [string, string],
  groupOf: (allele: string) => string | undefined
): keyof Dpb1Probability {
  if (locusMismatches(p, d).bi === 0) return 'match';
  const rank = (a: string) => {
    const g = groupOf(a);
    return g === undefined ? undefined : TCE_RANK[g];
  };
  const pr = p.map(rank);
  const dr = d.map(rank);
  if ([...pr, ...dr].some((r) => r === undefined)) return 'unknown';
  const pMin = Math.min(...(pr as number[]));
  const dMin = Math.min(...(dr as number[]));
  return pMin === dMin ? 'permissive' : pMin < dMin ? 'nonPermissiveHvg' : 'nonPermissiveGvh';
}

/** The DPB1 genotype distribution of an imputation whose set has DPB1, or undefined. */
export function dpb1FromImputation(dist: GenotypeDistribution): Dpb1Weights | undefined {
  const l = dist.loci.indexOf('DPB1');
  if (l < 0 || dist.truncatedMass > 0) return undefined;
  const byKey = new Map<string, { pair: [string, string]; probability: number }>();
  for (const g of dist.genotypes) {
    const a = g.haplotypes[0].split('~')[l] ?? '';
    const b = g.haplotypes[1].split('~')[l] ?? '';
    const pair: [string, string] = a <= b ? [a, b] : [b, a];
    const key = pair.join('+');
    const hit = byKey.get(key);
    if (hit) hit.probability += g.probability;
    else byKey.set(key, { pair, probability: g.probability });
  }
  const out = [...byKey.values()];
  if (out.length === 1 && out[0]) out[0].probability = 1;
  return out;
}

/**
 * The DPB1 genotype of a typing when the set has no DPB1: only an unambiguous typing (one lgx name per
 * position, no alternatives) gives one, with probability 1. Ambiguous DPB1 would need DPB1 frequencies.
 */
export function dpb1FromTyping(engine: HlaEngine, gl: string): Dpb1Weights | undefined {
  const locus = splitTypingByLocus(gl).find((t) => t.locus === 'DPB1');
  if (!locus || locus.alternatives.length !== 1) return undefined;
  const [p1 = '', p2 = ''] = locus.alternatives[0] ?? [];
  const a = engine.reduce(p1, 'lgx');
  const b = engine.reduce(p2, 'lgx');
  if (a.includes('/') || b.includes('/')) return undefined;
  return [{ pair: a <= b ? [a, b] : [b, a], probability: 1 }];
}

/**
 * TCE group (V2) of a DPB1 name at the set's resolution: the group its expressed alleles share in the release's
 * tce table. Null alleles under an expressed name (DPB1*04:01:01:24N under DPB1*04:01, group 0) are not what the
 * name means (ADR 0400) and are skipped; alleles without a row are skipped; disagreeing groups give undefined.
 */
export function tceGroupOf(engine: HlaEngine): (allele: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (allele) => {
    if (cache.has(allele)) return cache.get(allele);
    let group: string | undefined;
    let agree = true;
    for (const unit of engine.resolve(allele).units) {
      for (const id of unit.members) {
        const name = engine.release.alleles[id] ?? '';
        if (name.endsWith('N')) continue;
        const g = engine.release.tce?.get(name)?.v2?.group;
        if (g === undefined) continue;
        if (group !== undefined && g !== group) agree = false;
        group = g;
      }
    }
    const result = agree ? group : undefined;
    cache.set(allele, result);
    return result;
  };
}
