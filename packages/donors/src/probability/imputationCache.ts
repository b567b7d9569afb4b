import { CompactMatcher, type PreparedDistribution } from './compactMatch';
import { ImputationError, type Imputer, type TypingConstraints } from './imputer';
import type { LocusConstraint } from './locusConstraint';

/** Genotypes kept per donor typing: ATLAS's MaximumExpandedGenotypesPerInput (ADR 0410). */
export const DONOR_TOP = 2000;

/**
 * Imputes donor typings for one search as haplotype ids prepared for ranking (ADR 0411): no names are built,
 * pairs are integer codes. A prepared distribution is handed out, not kept: the ranking keeps per typing what it
 * reads of it (the per-locus P(match), the joint result) and lets the distribution go (holding every one of a
 * class made garbage collection the largest item of the ranking at 10 M donors). A typing that cannot be
 * imputed is remembered, so its error is given again without another try.
 */
export class ImputationCache {
  private readonly failed = new Map<string, Error>();
  /** Constraints computed for the typing bound and not yet used by an imputation (handed over, then dropped). */
  private readonly typed = new Map<string, TypingConstraints>();
  readonly matcher: CompactMatcher;
  constructor(
    readonly imputer: Imputer,
    /** Genotypes kept per typing. */
    readonly top = DONOR_TOP
  ) {
    this.matcher = new CompactMatcher(imputer.index, imputer.loci);
  }

  /** Imputations run (each call of `get` that enumerated genotypes or found the typing not imputable). */
  imputations = 0;

  /** The typing's distribution, imputed now (not kept), or its error (kept). */
  get(gl: string): PreparedDistribution | Error {
    const known = this.failed.get(gl);
    if (known) return known;
    this.imputations++;
    try {
      const constraints = this.typed.get(gl);
      this.typed.delete(gl);
      return this.matcher.prepare(this.imputer.imputeCompact(gl, { top: this.top, constraints }));
    } catch (err) {
      const e = failure(err);
      this.failed.set(gl, e);
      return e;
    }
  }

  /** The typing's locus constraints (no imputation), or the error `get` gives for it (then remembered). */
  constraints(gl: string): readonly LocusConstraint[] | Error {
    const known = this.failed.get(gl);
    if (known) return known;
    try {
      const typed = this.typed.get(gl) ?? this.imputer.typingConstraints(gl);
      // Kept for `get` to impute from.
      this.typed.set(gl, typed);
      return typed.constraints;
    } catch (err) {
      const e = failure(err);
      this.failed.set(gl, e);
      return e;
    }
  }

  /** Drops the constraints kept for typings the ranking bounded but never imputed. */
  forgetConstraints(): void {
    this.typed.clear();
  }
}

function failure(err: unknown): Error {
  if (!(err instanceof Error)) throw err;
  return err instanceof ImputationError ? err : new Error(`typing not imputed: ${err.message}`);
}
