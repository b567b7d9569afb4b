/**
 * Natural ("smart") order of HLA names and GL strings: digit runs compare as numbers, so
 * A*01:02 < A*01:10 < A*01:100 and B*07 < B*08 < B*15 (py-ard smart_sort_comparator).
 * Equal numbers with different widths (01 vs 1) fall back to plain string order.
 */
export function compareNatural(a: string, b: string): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  let i = 0;
  let j = 0;
  while (i < la && j < lb) {
    let ca = a.charCodeAt(i);
    let cb = b.charCodeAt(j);
    if (ca >= 48 && ca <= 57 && cb >= 48 && cb <= 57) {
      // Read both digit runs as numbers without allocating (fields are at most a few digits).
      let na = 0;
      while (i < la && (ca = a.charCodeAt(i)) >= 48 && ca <= 57) {
        na = na * 10 + (ca - 48);
        i++;
      }
      let nb = 0;
      while (j < lb && (cb = b.charCodeAt(j)) >= 48 && cb <= 57) {
        nb = nb * 10 + (cb - 48);
        j++;
      }
      if (na !== nb) return na < nb ? -1 : 1;
      continue;
    }
    if (ca !== cb) return ca < cb ? -1 : 1;
    i++;
    j++;
  }
  if (la - i !== lb - j) return la - i < lb - j ? -1 : 1;
  return a < b ? -1 : 1;
}

/** Sorted copy without duplicates, in natural order. */
export function sortUnique(items: Iterable<string>): string[] {
  return [...new Set(items)].sort(compareNatural);
}
