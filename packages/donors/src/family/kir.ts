// KIR genotype of a candidate donor, read for the related-donor ranking (issue 19, ADR 0422).
// - A/A vs B/x: a donor is B/x when any B-haplotype-specific gene is present (KIR2DL2, 2DL5, 2DS1, 2DS2, 2DS3,
//   2DS5, 3DS1); A/A carries none (Uhrberg M et al., Immunity 1997;7:753-763, group A and B haplotypes).
// - Centromeric and telomeric motifs and the B-content groups (Cooley S et al., "Donor selection for natural
//   killer cell receptor genes leads to superior survival after unrelated transplantation for acute myelogenous
//   leukemia", Blood 2010;116:2411-2419: Methods, KIR genotyping and the centromeric/telomeric B-motif score, and
//   Results, the neutral/better/best donor groups; the table or figure number is not verified): Cen-A is marked by
//   KIR2DL3, Cen-B by KIR2DL2 and/or KIR2DS2; Tel-A by KIR3DL1 (with 2DS4), Tel-B by KIR3DS1 and/or KIR2DS1. The
//   B-content score counts the B motifs (0-4). "Best": Cen-B/B; "better": ≥ 2 B motifs without Cen-B/B; "neutral": 0 or 1.
// - The EBMT 2020 consensus lists KIR last, "where typed", for haploidentical donors (Ciurea SO et al., Bone
//   Marrow Transplant 2020;55:12-24); its weight is a centre setting (0 by default).

export const KIR_GENES = [
  'KIR2DL1',
  'KIR2DL2',
  'KIR2DL3',
  'KIR2DL4',
  'KIR2DL5',
  'KIR2DS1',
  'KIR2DS2',
  'KIR2DS3',
  'KIR2DS4',
  'KIR2DS5',
  'KIR3DL1',
  'KIR3DL2',
  'KIR3DL3',
  'KIR3DS1',
  'KIR2DP1',
  'KIR3DP1',
] as const;
export type KirGene = (typeof KIR_GENES)[number];

const B_SPECIFIC: readonly KirGene[] = ['KIR2DL2', 'KIR2DL5', 'KIR2DS1', 'KIR2DS2', 'KIR2DS3', 'KIR2DS5', 'KIR3DS1'];

export type KirHaplotype = 'AA' | 'Bx';
export type KirMotifPair = 'A/A' | 'A/B' | 'B/B';
export type KirGroup = 'best' | 'better' | 'neutral';

export interface KirTyping {
  /** Recorded haplotype genotype, when the lab reports only A/A or B/x. */
  haplotype?: KirHaplotype | null;
  /** Genes present (gene-content typing); genes not listed are absent. */
  genes?: readonly KirGene[] | null;
}

export interface KirAssessment {
  haplotype: KirHaplotype;
  centromeric: KirMotifPair | null;
  telomeric: KirMotifPair | null;
  /** Number of B motifs, 0-4, when both regions are read. */
  bContent: number | null;
  group: KirGroup | null;
  /** Penalty 0 (best) to 1 for the ranking. */
  penalty: number;
  reason: string;
}

function pair(a: boolean, b: boolean): KirMotifPair | null {
  if (a && b) return 'A/B';
  if (a) return 'A/A';
  if (b) return 'B/B';
  return null;
}

const bCount = (p: KirMotifPair) => (p === 'A/A' ? 0 : p === 'A/B' ? 1 : 2);

/** The haplotype a gene list implies (null without genes). */
export function haplotypeOfGenes(genes: readonly KirGene[]): KirHaplotype {
  return genes.some((g) => B_SPECIFIC.includes(g)) ? 'Bx' : 'AA';
}

/** Reads a KIR typing; null when nothing is typed. Penalties: best 0, better 0.25, B/x unresolved 0.5, neutral 1. */
export function assessKir(t: KirTyping | null | undefined): KirAssessment | null {
  if (!t || (!t.genes?.length && !t.haplotype)) return null;
  if (!t.genes?.length) {
    const haplotype = t.haplotype!;
    return haplotype === 'Bx'
      ? {
          haplotype,
          centromeric: null,
          telomeric: null,
          bContent: null,
          group: null,
          penalty: 0.5,
          reason: 'KIR B/x donor (gene content not typed)',
        }
      : {
          haplotype,
          centromeric: null,
          telomeric: null,
          bContent: 0,
          group: 'neutral',
          penalty: 1,
          reason: 'KIR A/A donor: B-content neutral',
        };
  }
  const has = (g: KirGene) => t.genes!.includes(g);
  const haplotype = haplotypeOfGenes(t.genes);
  const centromeric = pair(has('KIR2DL3'), has('KIR2DL2') || has('KIR2DS2'));
  const telomeric = pair(has('KIR3DL1') || has('KIR2DS4'), has('KIR3DS1') || has('KIR2DS1'));
  const bContent = centromeric && telomeric ? bCount(centromeric) + bCount(telomeric) : null;
  const group: KirGroup | null =
    centromeric === 'B/B' ? 'best' : bContent === null ? null : bContent >= 2 ? 'better' : 'neutral';
  const penalty =
    group === 'best' ? 0 : group === 'better' ? 0.25 : group === 'neutral' ? 1 : haplotype === 'Bx' ? 0.5 : 1;
  const motifs = `Cen-${centromeric ?? '?'}, Tel-${telomeric ?? '?'}`;
  const reason =
    group === null
      ? `KIR ${haplotype === 'AA' ? 'A/A' : 'B/x'} donor (${motifs}: motifs not read)`
      : `KIR ${haplotype === 'AA' ? 'A/A' : 'B/x'} donor, ${motifs}, B-content ${bContent ?? '≥ 2'}: ${group}`;
  return { haplotype, centromeric, telomeric, bContent, group, penalty, reason };
}
