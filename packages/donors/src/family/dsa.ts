// Donor-specific anti-HLA antibodies (issue 19): the patient's single-antigen bead results against a candidate
// donor's HLA that the patient does not carry. An allele-level bead matches a donor allele (compared on its
// first two fields, the protein); an antigen-level bead covers every donor allele of that antigen; a donor
// position typed ambiguously gives a "possible" DSA with the alleles concerned. DQ and DP beads may carry both
// chains (DQA1~DQB1): the donor must carry every chain; a chain not typed in the donor makes it possible.
// Thresholds follow the EBMT consensus on DSA in haploidentical HCT (Ciurea SO et al., Bone Marrow Transplant
// 2018;53:521-534: MFI > 1,000 positive, > 5,000 high risk of graft failure); the desensitisation level is a
// centre choice ([VERIFY] against the centre's protocol), so all three are options.
import { z } from 'zod';
import type { LocusPair, Position } from './familyTypes';

export const DSA_LOCI = ['A', 'B', 'C', 'DRB1', 'DRB3', 'DRB4', 'DRB5', 'DQA1', 'DQB1', 'DPA1', 'DPB1'] as const;
export type DsaLocus = (typeof DSA_LOCI)[number];
export type DsaTyping = Partial<Record<DsaLocus, LocusPair>>;

export const MfiThresholdsSchema = z
  .object({
    positive: z.number().positive().max(100_000).default(1000),
    strong: z.number().positive().max(100_000).default(5000),
    desensitisation: z.number().positive().max(100_000).default(10_000),
  })
  .refine((t) => t.positive <= t.strong && t.strong <= t.desensitisation, {
    message: 'thresholds must rise: positive ≤ strong ≤ desensitisation',
  });
export type MfiThresholds = z.output<typeof MfiThresholdsSchema>;

/** One bead result: a specificity (`A*02:01`, `A2`, `DQA1*05:01~DQB1*02:01`, `DQ2`), its MFI and the test date. */
export interface BeadResult {
  specificity: string;
  mfi: number;
  testedOn: string;
}

/** The serological antigen of an allele (`A*24:02` → `A24`), from the IPD-IMGT/HLA serology tables; null if none. */
export type AntigenOf = (allele: string) => string | null;

export type DsaStrength = 'positive' | 'strong' | 'desensitisation';

export interface DsaHit {
  specificity: string;
  mfi: number;
  testedOn: string;
  strength: DsaStrength;
  /** definite: every reading of the donor's typing carries it; possible: some readings do (or a chain is untyped). */
  certainty: 'definite' | 'possible';
  /** The donor's alleles (or untyped chains) the antibody is directed against. */
  donorAlleles: string[];
  reason: string;
}

export interface DsaResult {
  hits: DsaHit[];
  /** The strongest definite or possible DSA, or null when there is none. */
  worst: DsaStrength | null;
}

const STRENGTH_ORDER: readonly DsaStrength[] = ['positive', 'strong', 'desensitisation'];

const locusOfAllele = (name: string): string => name.slice(0, name.indexOf('*'));
const twoField = (name: string): string => {
  const star = name.indexOf('*');
  const fields = name.slice(star + 1).split(':');
  return `${name.slice(0, star)}*${fields
    .slice(0, 2)
    .join(':')
    .replace(/[A-Z]$/, '')}`;
};
/** Null alleles (suffix N) are not expressed: no antibody can target them. */
const expressed = (name: string): boolean => !/N$/.test(name);

/** The locus an antigen-level specificity belongs to (`A2` → A, `Cw4` → C, `DR52` → DRB3, `DQ2` → DQB1, `DP1` → DPB1). */
function antigenLocus(antigen: string): DsaLocus | null {
  const m = /^(A|B|Cw?|DR|DQ|DP)w?(\d+)$/.exec(antigen);
  if (!m) return null;
  if (m[1] === 'DR') return m[2] === '51' ? 'DRB5' : m[2] === '52' ? 'DRB3' : m[2] === '53' ? 'DRB4' : 'DRB1';
  return ({ A: 'A', B: 'B', C: 'C', Cw: 'C', DQ: 'DQB1', DP: 'DPB1' } as const)[
    m[1] as 'A' | 'B' | 'C' | 'Cw' | 'DQ' | 'DP'
  ];
}

/**
 * The locus a bead specificity is read at, for per-locus thresholds: the allele's locus or the antigen's; a
 * two-chain bead (DQA1~DQB1, DPA1~DPB1) is read at its beta chain (DQB1, DPB1), the chain its antigen is named
 * after. Null when no chain names a known locus.
 */
export function specificityLocus(specificity: string): DsaLocus | null {
  const chain =
    specificity
      .split(/[~,]/)
      .map((c) => c.trim())
      .filter(Boolean)
      .at(-1) ?? '';
  const locus = chain.includes('*') ? locusOfAllele(chain) : antigenLocus(chain);
  return locus && (DSA_LOCI as readonly string[]).includes(locus) ? (locus as DsaLocus) : null;
}

const antigenKey = (a: string): string => a.replace(/^Cw/, 'C').replace(/^(D[PQ])w/, '$1');

interface ChainMatch {
  certainty: 'definite' | 'possible' | 'none';
  alleles: string[];
  untyped: boolean;
}

/** Whether the donor carries one chain of a bead (an allele name or an antigen), the patient not. */
function matchChain(
  chain: string,
  donor: DsaTyping,
  patient: DsaTyping,
  antigenOf: AntigenOf
): ChainMatch | { error: string } {
  const alleleLevel = chain.includes('*');
  const locus = (alleleLevel ? locusOfAllele(chain) : antigenLocus(chain)) as DsaLocus | null;
  if (!locus || !(DSA_LOCI as readonly string[]).includes(locus)) return { error: `unknown locus in ${chain}` };
  const pair = donor[locus];
  if (!pair) return { certainty: 'possible', alleles: [`${locus} (not typed in the donor)`], untyped: true };
  const hits = (name: string): boolean =>
    expressed(name) &&
    (alleleLevel ? twoField(name) === twoField(chain) : antigenKey(antigenOf(name) ?? '') === antigenKey(chain));
  const patientCarries = (name: string): boolean =>
    (patient[locus] ?? []).some((pos: Position) => pos.some((p) => twoField(p) === twoField(name)));
  let definite = false;
  const alleles: string[] = [];
  for (const pos of pair) {
    const matching = pos.filter((n) => hits(n) && !patientCarries(n));
    if (!matching.length) continue;
    alleles.push(...matching);
    if (matching.length === pos.length) definite = true;
  }
  if (!alleles.length) return { certainty: 'none', alleles: [], untyped: false };
  return { certainty: definite ? 'definite' : 'possible', alleles: [...new Set(alleles)], untyped: false };
}

const strengthOf = (mfi: number, t: MfiThresholds): DsaStrength | null =>
  mfi >= t.desensitisation ? 'desensitisation' : mfi >= t.strong ? 'strong' : mfi >= t.positive ? 'positive' : null;

/**
 * The DSA of a candidate donor. `beads` are the patient's results to consider (usually the latest test: see
 * latestBeadResults); results below the positive threshold are not DSA.
 */
export function donorSpecificAntibodies(
  beads: readonly BeadResult[],
  donor: DsaTyping,
  patient: DsaTyping,
  antigenOf: AntigenOf,
  thresholds: MfiThresholds = MfiThresholdsSchema.parse({})
): DsaResult {
  const hits: DsaHit[] = [];
  for (const bead of beads) {
    const strength = strengthOf(bead.mfi, thresholds);
    if (!strength) continue;
    const chains = bead.specificity.split(/[~,]/).map((c) => c.trim());
    const matches = chains.map((c) => matchChain(c, donor, patient, antigenOf));
    if (matches.some((m) => 'error' in m || m.certainty === 'none')) continue;
    const ok = matches as ChainMatch[];
    const certainty = ok.every((m) => m.certainty === 'definite') ? 'definite' : 'possible';
    const donorAlleles = ok.flatMap((m) => m.alleles);
    const untyped = ok.filter((m) => m.untyped).flatMap((m) => m.alleles);
    hits.push({
      specificity: bead.specificity,
      mfi: bead.mfi,
      testedOn: bead.testedOn,
      strength,
      certainty,
      donorAlleles,
      reason:
        certainty === 'definite'
          ? `anti-${bead.specificity} (MFI ${bead.mfi.toLocaleString('en-GB')}, ${bead.testedOn}) against the donor's ${donorAlleles.join(', ')}`
          : untyped.length
            ? `possible anti-${bead.specificity} (MFI ${bead.mfi.toLocaleString('en-GB')}): ${untyped.join(', ')}; type it to decide`
            : `possible anti-${bead.specificity} (MFI ${bead.mfi.toLocaleString('en-GB')}): the donor's typing allows ${donorAlleles.join(', ')}; high-resolution typing decides`,
    });
  }
  hits.sort((x, y) => y.mfi - x.mfi);
  const worst = hits.reduce<DsaStrength | null>(
    (w, h) => (!w || STRENGTH_ORDER.indexOf(h.strength) > STRENGTH_ORDER.indexOf(w) ? h.strength : w),
    null
  );
  return { hits, worst };
}

/** The results of the most recent test date (bead panels are read as one test). */
export function latestBeadResults(beads: readonly BeadResult[]): BeadResult[] {
  const latest = beads.reduce((d, b) => (b.testedOn > d ? b.testedOn : d), '');
  return beads.filter((b) => b.testedOn === latest);
}
