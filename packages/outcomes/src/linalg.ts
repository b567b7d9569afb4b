// Dense linear algebra for the small symmetric systems of the tests (k−1 groups, p Cox covariates).
// Cholesky with a tolerance on the pivots, as survival's cholesky2 (toler.chol = eps^0.75 ≈ 1.8e-12): a pivot
// below tol·(largest diagonal) marks the matrix singular (the caller decides what that means) instead of
// producing garbage.

export type Matrix = number[][];

export function zeros(r: number, c: number): Matrix {
  return Array.from({ length: r }, () => new Array<number>(c).fill(0));
}

/** Inverse of a symmetric positive definite matrix, or null if it is singular (pivot ≤ tol · max diagonal). */
export function invertSpd(a: Matrix, tol = 2.220446049250313e-16 ** 0.75): Matrix | null {
  const n = a.length;
  const l = zeros(n, n);
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i]![i]!));
  for (let j = 0; j < n; j++) {
    let s = a[j]![j]!;
    for (let k = 0; k < j; k++) s -= l[j]![k]! ** 2;
    if (!(s > tol * maxDiag) || !Number.isFinite(s)) return null;
    const ljj = Math.sqrt(s);
    l[j]![j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let t = a[i]![j]!;
      for (let k = 0; k < j; k++) t -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = t / ljj;
    }
  }
  // inv(L), then inv(A) = inv(L)ᵀ inv(L)
  const li = zeros(n, n);
  for (let i = 0; i < n; i++) {
    li[i]![i] = 1 / l[i]![i]!;
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= l[i]![k]! * li[k]![j]!;
      li[i]![j] = s / l[i]![i]!;
    }
  }
  const inv = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += li[k]![i]! * li[k]![j]!;
      inv[i]![j] = s;
      inv[j]![i] = s;
    }
  }
  return inv;
}

export function matVec(a: Matrix, x: readonly number[]): number[] {
  return a.map((row) => row.reduce((s, v, j) => s + v * x[j]!, 0));
}

export function dot(x: readonly number[], y: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!;
  return s;
}

/** Quadratic form xᵀ A⁻¹ x, or null if A is singular. */
export function quadFormInverse(a: Matrix, x: readonly number[]): number | null {
  const inv = invertSpd(a);
  return inv ? dot(x, matVec(inv, x)) : null;
}
