import { DEMO_FREQUENCY_SET } from '@engraft/domain';

// The synthetic demo frequency set (ADR 0412): stored by the demo seed as the frequency set "DEMO-synthetic", the
// demo centre's default, so the demo registry is sampled from it and demo searches rank by probability with it.
// The haplotypes are the commonest five-locus haplotypes of European-American donors reported by Maiers M,
// Gragert L, Klitz W. "High-resolution HLA alleles and haplotypes in the United States population", Hum Immunol
// 2007;68:779-788 (European-American haplotypes); the frequencies are rounded and illustrative, NOT that paper's
// (together 0.215; the parser normalises them): a demo registry and the probabilities computed from them show how
// search works, never what a real registry or population would give.
// DPB1: the commonest European alleles (Begovich AB et al., J Immunol 1992;148:249-258), equal weights.

/** The stored name of the built-in set: says it is synthetic wherever the set is named (page, export, snapshot). */
export const DEMO_FREQUENCY_SET_NAME = DEMO_FREQUENCY_SET;
/** The population label of its lines. */
export const DEMO_POPULATION = 'DEMO';

/**
 * The built-in set as a file in the `hap,pop,freq` form (`A~C~B~DRB1~DQB1,DEMO,frequency`), which both
 * `parseFrequencySet` and RegistryGenerator read; the first line, a comment, says what it is.
 */
export function builtInDemoFrequencies(): string {
  const header = '# DEMO-synthetic: illustrative haplotype frequencies for the Engraft demo only (not a population)';
  return [header, ...DEMO_HAPLOTYPES.map(([hap, w]) => `${hap},${DEMO_POPULATION},${w / 1000}`)].join('\n');
}

/** A CIWD-like table (`allele,C`) naming the DPB1 alleles RegistryGenerator may draw. */
export function builtInDemoDpb1(): string {
  return DEMO_DPB1.map((a) => `${a},C`).join('\n');
}

/** Haplotype and frequency in thousandths. */
const DEMO_HAPLOTYPES: readonly (readonly [string, number])[] = [
  ['A*01:01~C*07:01~B*08:01~DRB1*03:01~DQB1*02:01', 60],
  ['A*03:01~C*07:02~B*07:02~DRB1*15:01~DQB1*06:02', 30],
  ['A*02:01~C*05:01~B*44:02~DRB1*04:01~DQB1*03:01', 15],
  ['A*02:01~C*07:02~B*07:02~DRB1*15:01~DQB1*06:02', 12],
  ['A*29:02~C*16:01~B*44:03~DRB1*07:01~DQB1*02:02', 12],
  ['A*01:01~C*06:02~B*57:01~DRB1*07:01~DQB1*03:03', 8],
  ['A*02:01~C*03:04~B*40:01~DRB1*13:02~DQB1*06:04', 7],
  ['A*30:01~C*06:02~B*13:02~DRB1*07:01~DQB1*02:02', 7],
  ['A*33:01~C*08:02~B*14:02~DRB1*01:02~DQB1*05:01', 6],
  ['A*03:01~C*04:01~B*35:01~DRB1*01:01~DQB1*05:01', 6],
  ['A*02:01~C*03:03~B*15:01~DRB1*04:01~DQB1*03:02', 5],
  ['A*24:02~C*07:02~B*07:02~DRB1*15:01~DQB1*06:02', 5],
  ['A*11:01~C*04:01~B*35:01~DRB1*01:01~DQB1*05:01', 5],
  ['A*02:01~C*07:01~B*08:01~DRB1*03:01~DQB1*02:01', 5],
  ['A*26:01~C*12:03~B*38:01~DRB1*04:02~DQB1*03:02', 4],
  ['A*23:01~C*04:01~B*44:03~DRB1*07:01~DQB1*02:02', 4],
  ['A*02:01~C*16:01~B*44:03~DRB1*07:01~DQB1*02:02', 4],
  ['A*02:01~C*02:02~B*27:05~DRB1*01:01~DQB1*05:01', 4],
  ['A*68:01~C*07:04~B*44:02~DRB1*11:01~DQB1*03:01', 3],
  ['A*31:01~C*03:04~B*40:01~DRB1*04:04~DQB1*03:02', 3],
  ['A*02:01~C*05:01~B*18:01~DRB1*11:04~DQB1*03:01', 3],
  ['A*25:01~C*12:03~B*18:01~DRB1*15:01~DQB1*06:02', 3],
  ['A*01:01~C*07:01~B*08:01~DRB1*04:01~DQB1*03:01', 2],
  ['A*32:01~C*05:01~B*44:02~DRB1*04:01~DQB1*03:01', 2],
];

const DEMO_DPB1 = ['DPB1*04:01', 'DPB1*02:01', 'DPB1*04:02', 'DPB1*03:01', 'DPB1*01:01'];
