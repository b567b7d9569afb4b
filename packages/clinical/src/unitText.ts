// How a power of ten is written for people (issue 18): "×10⁹/L", "×10⁶/kg" in every message, label and
// explanation shown on a page, a PDF or the command line. Machine formats keep their codes: the stored unit
// ("x10^9/L"), CSV import headers and HL7/FHIR UCUM ("10*9/L"); typed input still accepts "x10^9" (typedNumber).

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** 9 -> "×10⁹", -3 -> "×10⁻³". */
export function powerOfTen(exp: number): string {
  const digits = String(Math.abs(exp)).replace(/\d/g, (c) => SUPERSCRIPT[Number(c)]!);
  return `×10${exp < 0 ? '⁻' : ''}${digits}`;
}

/**
 * A unit or a sentence with its powers of ten as people read them: "x10^9/L" -> "×10⁹/L", "× 10^6/kg" ->
 * "×10⁶/kg", "10^6 cells" -> "×10⁶ cells", "0.1-2.5 x10^8" -> "0.1-2.5 ×10⁸". Text without one is unchanged.
 */
export function unitText(text: string): string {
  return text.replace(/(?:[x×*]\s*)?10\s*\^\s*(-?\d+)/g, (_m, e: string) => powerOfTen(Number(e)));
}
