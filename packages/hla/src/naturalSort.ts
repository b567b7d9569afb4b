/**
 * Natural ("smart") order of HLA names and GL strings: digit runs compare as numbers, so
 * A*01:02 < A*01:10 < A*01:100 and B*07 < B*08 < B*15 (py-ard smart_sort_comparator, hla.md §3.4).
 * Equal numbers with different widths (01 vs 1) fall back to plain string order.
 */
export function compareNatural(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      let ei = i;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      let ej = j;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
      const na = Number(a.slice(i, ei));
      const nb = Number(b.slice(j, ej));
      if (na !== nb) return na < nb ? -1 : 1;
      i = ei;
      j = ej;
      continue;
    }
    if (ca !== cb) return ca < cb ? -1 : 1;
    i++;
    j++;
  }
  if (a.length - i !== b.length - j) return a.length - i < b.length - j ? -1 : 1;
  return a < b ? -1 : 1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Sorted copy without duplicates, in natural order. */
export function sortUnique(items: Iterable<string>): string[] {
  return [...new Set(items)].sort(compareNatural);
}
