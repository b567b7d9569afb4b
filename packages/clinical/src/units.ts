// Explicit unit conversions used by the rules. Counts in x10^9/L as CIBMTR forms report them
// (0.5 x10^9/L = 500/µL); bilirubin 1 mg/dL = 17.1 µmol/L (molar mass 584.7 g/mol), as in the MAGIC staging table
// (Harris AC et al., Biol Blood Marrow Transplant 2016;22:4-10).

/** µmol/L per mg/dL of bilirubin. */
export const BILIRUBIN_UMOL_PER_MG_DL = 17.1;

/** Bilirubin µmol/L -> mg/dL (÷ 17.1). */
export function bilirubinUmolLToMgDl(umolL: number): number {
  return umolL / BILIRUBIN_UMOL_PER_MG_DL;
}

/** Bilirubin mg/dL -> µmol/L (× 17.1). */
export function bilirubinMgDlToUmolL(mgDl: number): number {
  return mgDl * BILIRUBIN_UMOL_PER_MG_DL;
}

/** Cell count per µL (e.g. ANC 500/µL) -> x10^9/L (0.5). */
export function perMicrolitreToE9PerL(perUl: number): number {
  return perUl / 1000;
}

/** ANC from WBC (x10^9/L) and the % segmented and band neutrophils (CIBMTR: WBC × (% segs + % bands)). */
export function ancFromDifferential(wbcE9PerL: number, segmentedPercent: number, bandPercent = 0): number {
  return (wbcE9PerL * (segmentedPercent + bandPercent)) / 100;
}
