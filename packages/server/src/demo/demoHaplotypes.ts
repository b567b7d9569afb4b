// Haplotypes for the synthetic demo registry when no frequency set is available to the server (ADR 0412).
// They are the commonest five-locus haplotypes of European-American donors reported by Maiers M, Gragert L,
// Klitz W. "High-resolution HLA alleles and haplotypes in the United States population", Hum Immunol 2007;
// 68:779-788 (European-American haplotypes); the weights are rounded and illustrative, NOT that paper's frequencies: a demo
// registry built from them shows how search works, never what a real registry would find.
// DPB1: the commonest European alleles (Begovich AB et al., J Immunol 1992;148:249-258), equal weights.

/** Text in the CAU.freqs form (`A~C~B~DRB1~DQB1,count,frequency`) that RegistryGenerator reads. */
export function builtInDemoFrequencies(): string {
  return DEMO_HAPLOTYPES.map(([hap, w]) => `${hap},0,${w}`).join('\n');
}

/** A CIWD-like table (`allele,C`) naming the DPB1 alleles RegistryGenerator may draw. */
export function builtInDemoDpb1(): string {
  return DEMO_DPB1.map((a) => `${a},C`).join('\n');
}

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
