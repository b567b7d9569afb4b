import { BoundedCache } from './boundedCache';
import { HlaError, isHlaError } from './errors';
import type { GlNode } from './gl';
import { GL_OPERATORS, glNames, parseGl } from './gl';
import { encodeMac } from './mac/encodeMac';
import type { MacDictionary } from './mac/macDictionary';
import { compareNatural } from './naturalSort';
import type { HlaOptions, ReductionLevel, ResolvedOptions } from './options';
import { isReductionLevel, resolveOptions } from './options';
import { computeLgx, reduceUnit } from './reduceUnit';
import type { HlaRelease } from './release';
import type { Resolution, ResolveContext } from './resolve';
import { resolveName } from './resolve';

export interface EngineInput {
  readonly release: HlaRelease;
  /** MAC dictionary; without one, MAC typings are reported as errors. */
  readonly macs?: MacDictionary;
  readonly options?: HlaOptions;
}

export type ValidationResult = { readonly valid: true; readonly tree: GlNode } | { readonly valid: false; readonly error: HlaError };

/**
 * Reduces, expands and validates typings against one release (and optionally a MAC dictionary) with
 * fixed options. Results are cached per typing, so repeated typings cost a map lookup. Engines for
 * several releases can live side by side.
 */
export class HlaEngine {
  readonly release: HlaRelease;
  readonly macs: MacDictionary | undefined;
  readonly options: ResolvedOptions;
  private readonly ctx: ResolveContext & { lgxOf(id: number): string };
  private readonly lgx: (string | undefined)[];
  private lgIndex: Map<string, number[]> | undefined;
  private readonly atomCache = new Map<ReductionLevel, BoundedCache<string | HlaError>>();
  private readonly glCache = new Map<ReductionLevel, BoundedCache<string | HlaError>>();
  private readonly resolutionCache: BoundedCache<Resolution | HlaError>;

  constructor(input: EngineInput) {
    this.release = input.release;
    this.macs = input.macs;
    this.options = resolveOptions(input.options);
    this.lgx = new Array<string | undefined>(this.release.alleles.length);
    this.resolutionCache = new BoundedCache(this.options.cacheSize);
    this.ctx = {
      release: this.release,
      macs: this.macs,
      options: this.options,
      lgxOf: (id) => this.lgxOf(id),
      lgMembers: (two) => this.lgMembers(two),
    };
  }

  /** Reduces a typing (any GL string) to `level`; output names in natural order, `HLA-` kept if given. @throws HlaError */
  reduce(typing: string, level: ReductionLevel): string {
    if (!isReductionLevel(level)) throw new HlaError('syntax', String(level), `unknown reduction level '${String(level)}'`);
    const cache = this.cacheFor(this.glCache, level);
    const hit = cache.get(typing);
    if (hit !== undefined) {
      if (typeof hit === 'string') return hit;
      throw hit;
    }
    try {
      const result = this.reduceLevel(typing, 0, level);
      cache.set(typing, result);
      return result;
    } catch (err) {
      if (isHlaError(err)) cache.set(typing, err);
      throw err;
    }
  }

  /** Like reduce, as a tree. */
  reduceTree(typing: string, level: ReductionLevel): GlNode {
    return parseGl(this.reduce(typing, level));
  }

  /** Expands MACs, XX codes, groups, serology and truncated names to WHO alleles (reduce to W). */
  expand(typing: string): string {
    return this.reduce(typing, 'W');
  }

  /** Checks the GL syntax and every name against the release and MAC dictionary. Never throws for bad input. */
  validate(typing: string): ValidationResult {
    try {
      const tree = parseGl(typing);
      for (const name of glNames(tree)) this.resolve(name);
      return { valid: true, tree };
    } catch (err) {
      if (isHlaError(err)) return { valid: false, error: err };
      throw err;
    }
  }

  /** The MAC for a list of 2-field alleles of one locus, if the loaded dictionary has one. */
  encodeMac(alleles: readonly string[] | string): string | undefined {
    if (!this.macs) return undefined;
    return encodeMac(this.macs, typeof alleles === 'string' ? alleles.split('/') : alleles);
  }

  /** What one name stands for. @throws HlaError */
  resolve(name: string): Resolution {
    const hit = this.resolutionCache.get(name);
    if (hit !== undefined) {
      if (hit instanceof HlaError) throw hit;
      return hit;
    }
    try {
      const resolution = resolveName(this.ctx, name);
      this.resolutionCache.set(name, resolution);
      return resolution;
    } catch (err) {
      if (isHlaError(err)) this.resolutionCache.set(name, err);
      throw err;
    }
  }

  /** lgx name of a WHO allele by index. */
  lgxOf(id: number): string {
    let v = this.lgx[id];
    if (v === undefined) {
      v = computeLgx(this.release, this.options, id);
      this.lgx[id] = v;
    }
    return v;
  }

  /** Empties the result caches: all of them, or only the whole-typing cache (`typings`). Reference data stays loaded. */
  clearCaches(scope: 'all' | 'typings' = 'all'): void {
    this.glCache.clear();
    if (scope === 'typings') return;
    this.atomCache.clear();
    this.resolutionCache.clear();
  }

  private lgMembers(two: string): readonly number[] | undefined {
    if (!this.lgIndex) {
      const index = new Map<string, number[]>();
      for (let id = 0; id < this.release.alleles.length; id++) {
        const key = this.lgxOf(id);
        const list = index.get(key);
        if (list) list.push(id);
        else index.set(key, [id]);
      }
      this.lgIndex = index;
    }
    return this.lgIndex.get(two);
  }

  private cacheFor(map: Map<ReductionLevel, BoundedCache<string | HlaError>>, level: ReductionLevel): BoundedCache<string | HlaError> {
    let cache = map.get(level);
    if (!cache) {
      cache = new BoundedCache(this.options.cacheSize);
      map.set(level, cache);
    }
    return cache;
  }

  // GL operators from loosest to tightest; how each level recombines follows py-ard _sorted_unique_gl:
  // `~` keeps phase order, `+` sorts but keeps homozygous repeats, `/` `|` `^` sort and de-duplicate.
  private reduceLevel(text: string, depth: number, level: ReductionLevel): string {
    for (let d = depth; d < GL_OPERATORS.length; d++) {
      const op = GL_OPERATORS[d] ?? '/';
      if (!text.includes(op)) continue;
      const parts = text.split(op);
      const reduced: string[] = [];
      for (const part of parts) {
        if (part === '') throw new HlaError('syntax', op, `${text}: empty operand around '${op}'`);
        reduced.push(this.reduceLevel(part, d + 1, level));
      }
      if (op === '~') return reduced.join(op);
      if (op === '+') return reduced.sort(compareNatural).join(op);
      const flat = new Set<string>();
      for (const r of reduced) for (const x of r.split(op)) if (x !== '') flat.add(x);
      return [...flat].sort(compareNatural).join(op);
    }
    return this.reduceAtom(text, level);
  }

  private reduceAtom(name: string, level: ReductionLevel): string {
    const cache = this.cacheFor(this.atomCache, level);
    const hit = cache.get(name);
    if (hit !== undefined) {
      if (typeof hit === 'string') return hit;
      throw hit;
    }
    try {
      const resolution = this.resolve(name);
      let result: string;
      if (resolution.passthrough !== undefined) result = resolution.passthrough;
      else {
        const names = new Set<string>();
        for (const unit of resolution.units) for (const n of reduceUnit(this.ctx, unit, level)) names.add(n);
        const sorted = [...names].sort(compareNatural);
        result = (resolution.hlaPrefix ? sorted.map((n) => 'HLA-' + n) : sorted).join('/');
      }
      cache.set(name, result);
      return result;
    } catch (err) {
      if (isHlaError(err)) cache.set(name, err);
      throw err;
    }
  }
}

/** Creates an engine over a release (and optional MAC dictionary) with fixed options. */
export function createHlaEngine(input: EngineInput): HlaEngine {
  return new HlaEngine(input);
}

/** Reduces a typing with an engine; same as `engine.reduce`. @throws HlaError */
export function reduce(engine: HlaEngine, typing: string, level: ReductionLevel): string {
  return engine.reduce(typing, level);
}

/** Expands a typing to WHO alleles; same as `engine.expand`. @throws HlaError */
export function expand(engine: HlaEngine, typing: string): string {
  return engine.expand(typing);
}

/** Validates a typing; same as `engine.validate`. */
export function validate(engine: HlaEngine, typing: string): ValidationResult {
  return engine.validate(typing);
}
