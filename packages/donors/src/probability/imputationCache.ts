import { CompactMatcher, type PreparedDistribution } from './compactMatch';
import { ImputationError, type Imputer, type TypingConstraints } from './imputer';
import type { LocusConstraint } from './locusConstraint';

/**
 * Imputes a typing once per distinct string (a search's donors share typings), as haplotype ids prepared for
 * ranking (ADR 0411): no names are built, pairs are integer codes.
 */
export class ImputationCache {
  private readonly cache = new Map<string, PreparedDistribution | Error>();
  /** Constraints computed for the typing bound and not yet used by an imputation (handed over, then dropped). */
  private readonly typed = new Map<string, TypingConstraints>();
  readonly matcher: CompactMatcher;
  constructor(
    readonly imputer: Imputer,
    private readonly top = 2000
  ) {
    this.matcher = new CompactMatcher(imputer.index, imputer.loci);
  }

  /** Imputations run (distinct typings whose genotypes were enumerated). */
  imputations = 0;

  get(gl: string): PreparedDistribution | Error {
    let hit = this.cache.get(gl);
    if (!hit) {
      this.imputations++;
      try {
        const constraints = this.typed.get(gl);
        this.typed.delete(gl);
        hit = this.matcher.prepare(this.imputer.imputeCompact(gl, { top: this.top, constraints }));
      } catch (err) {
        hit = failure(err);
      }
      this.cache.set(gl, hit);
    }
    return hit;
  }

  /** The typing's locus constraints (no imputation), or the error `get` gives for it (then remembered). */
  constraints(gl: string): readonly LocusConstraint[] | Error {
    const hit = this.cache.get(gl);
    if (hit instanceof Error) return hit;
    try {
      const typed = this.typed.get(gl) ?? this.imputer.typingConstraints(gl);
      // Kept for `get` to impute from, unless this typing is imputed already.
      if (!hit) this.typed.set(gl, typed);
      return typed.constraints;
    } catch (err) {
      const e = failure(err);
      this.cache.set(gl, e);
      return e;
    }
  }

  /** Drops the constraints kept for typings the ranking bounded but never imputed. */
  forgetConstraints(): void {
    this.typed.clear();
  }

  /** Typings imputed (or found not imputable). */
  get size(): number {
    return this.cache.size;
  }
}

function failure(err: unknown): Error {
  if (!(err instanceof Error)) throw err;
  return err instanceof ImputationError ? err : new Error(`typing not imputed: ${err.message}`);
}
