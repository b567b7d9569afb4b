// ISO/IEC 7064 MOD 37-2 check character as used by ISBT 128. Source: ICCBBA ST-001 v6.2.2 §2.4.1, Appendix A;
// worked example in the UK "Red Book" Annex 2 (G123498654321 -> H, flag 77).

/** Character set of MOD 37-2: 0-9 -> 0-9, A-Z -> 10-35, '*' -> 36. */
export const MOD37_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';

/** MOD 37-2 checksum (0-36) of an upper-case alphanumeric string, or null if a character is outside 0-9/A-Z. */
export function mod37_2(data: string): number | null {
  let p = 0;
  for (const c of data) {
    const v = MOD37_CHARSET.indexOf(c);
    if (v < 0 || v > 35) return null;
    p = ((p + v) * 2) % 37;
  }
  return (38 - p) % 37;
}

/** The eye-readable check character for a checksum. */
export function mod37CheckCharacter(checksum: number): string {
  const c = MOD37_CHARSET[checksum];
  if (c == null) throw new RangeError(`checksum out of range: ${checksum}`);
  return c;
}
