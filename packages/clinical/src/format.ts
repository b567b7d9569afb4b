// Internal helpers for explanation text (not part of the public surface).

/** Rounds for display in explanations only; results keep full precision. */
export function fmt(n: number, digits = 2): string {
  return Number(n.toFixed(digits)).toString();
}
