import { BoundedCache } from './boundedCache';
import type { HlaWarning } from './errors';
import { HlaError, isHlaError } from './errors';
import type { GlNode } from './gl';
import { GL_OPERATORS, glNames, parseGl } from './gl';
import { encodeMac } from './mac/encodeMac';
import type { MacDictionary } from './mac/macDictionary';
import { compareNatural } from './naturalSort';
import type { HlaOptions, ReductionLevel, ResolvedOptions } from './options';
import { isReductionLevel, resolveOptions } from './options';
import type { ReduceContext } from './reduceUnit';
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

export type ValidationResult =
  | { readonly valid: true; readonly tree: GlNode; readonly warnings: readonly HlaWarning[] }
  | { readonly valid: false; readonly error: HlaError };

/**
 * Reduces, expands and validates typings against one release (and optionally a MAC dictionary) with
 * fixed options. Results are cached per typing, so repeated typings cost a map lookup. Engines for
 * several releases can live side by side.
 */
export class HlaEngine {
  readonly release: HlaRelease;
  readonly macs: MacDictionary | undefined;
  readonly options: ResolvedOptions;
  private readonly ctx: ResolveContext & ReduceContext;
  private antigens: (readonly string[])[] | undefined;
  private readonly lgx: (string | undefined)[];
  private lgIndex: Map<string, number[]> | undefined;
  private readonly caches = new Map<CacheLevel, LevelCache>();
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
      antigensOf: (id) => this.antigensOf(id),
      lgMembers: (two) => this.lgMembers(two),
    };
  }

  /** Reduces a typing (any GL string) to `level`; output names in natural order, `HLA-` kept if given. @throws HlaError */
  reduce(typing: string, level: ReductionLevel): string {
    if (!isReductionLevel(level)) {
      throw new HlaError('syntax', String(level), `unknown reduction level '${String(level)}'`);
    }
    return this.run(typing, level);
  }

  private run(typing: string, level: CacheLevel): string {
    try {
      return this.reduceCached(typing, 0, this.cacheFor(level));
    } catch (err) {
      // An empty operand deep in the string: let the parser name its position in the whole typing.
      if (isHlaError(err) && err.code === 'syntax' && (GL_OPERATORS as readonly string[]).includes(err.part)) {
        parseGl(typing);
      }
      throw err;
    }
  }

  /** Like reduce, as a tree. */
  reduceTree(typing: string, level: ReductionLevel): GlNode {
    return parseGl(this.reduce(typing, level));
  }

  /**
   * Expands a typing: a MAC or XX code (or 1-field name) to the names it denotes (`A*01:AB` → `A*01:01/A*01:02`,
   * py-ard 2.3.1 `expand_mac`), every other name (groups, serology, truncated names) to its WHO alleles (W).
   */
  expand(typing: string): string {
    return this.run(typing, 'expand');
  }

  /** Checks the GL syntax and every name against the release and MAC dictionary. Never throws for bad input. */
  validate(typing: string): ValidationResult {
    try {
      const tree = parseGl(typing);
      const warnings: HlaWarning[] = [];
      for (const name of glNames(tree)) warnings.push(...(this.resolve(name).warnings ?? []));
      return { valid: true, tree, warnings };
    } catch (err) {
      if (isHlaError(err)) return { valid: false, error: err };
      throw err;
    }
  }

  /**
   * The caveats on a typing that reduces (names newer than the release, deleted names read as their
   * current name, V2 names read with a suffix): one per name, in order. @throws HlaError like reduce.
   */
  warnings(typing: string): HlaWarning[] {
    const out: HlaWarning[] = [];
    for (const name of glNames(parseGl(typing))) out.push(...(this.resolve(name).warnings ?? []));
    return out;
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

  /**
   * Antigens of a WHO allele at S: every antigen whose allele set holds it, so a split comes with its broad
   * and an associated antigen with its parent (B*44:02 → B12/B44, A*24:03 → A9/A24/A2403), as py-ard 2.3.1's
   * serology table maps broads to their splits' alleles (rel_ser_ser.txt: the WHO broad/split/associated
   * relations, Marsh et al., Nomenclature for factors of the HLA system 2010, Tissue Antigens 2010;75:291;
   * ADR 0105). Built on first use.
   */
  antigensOf(id: number): readonly string[] {
    if (!this.antigens) {
      const table: string[][] = Array.from({ length: this.release.alleles.length }, () => []);
      for (const [antigen, members] of this.release.serologyAlleles) for (const m of members) table[m]?.push(antigen);
      this.antigens = table;
    }
    return this.antigens[id] ?? [];
  }

  /** Empties the result caches; the reference data and per-allele tables stay loaded. */
  clearCaches(): void {
    this.caches.clear();
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

  private cacheFor(level: CacheLevel): LevelCache {
    let cache = this.caches.get(level);
    if (!cache) {
      cache = { level, results: new BoundedCache(this.options.cacheSize) };
      this.caches.set(level, cache);
    }
    return cache;
  }

  // Every sub-expression (whole typing, locus, genotype, allele list, single name) is cached by its text:
  // a text at any depth parses the same way on its own, and registry files repeat their allele lists.
  // Multi-locus typings are not cached whole: they rarely repeat exactly, their loci do, and long keys
  // would dominate the cache's memory on registry-size batches.
  private reduceCached(text: string, depth: number, cache: LevelCache): string {
    if (depth === 0 && text.includes('^')) return this.reduceLevel(text, 0, cache);
    const hit = cache.results.get(text);
    if (hit !== undefined) {
      if (typeof hit === 'string') return hit;
      throw hit;
    }
    try {
      const result = this.reduceLevel(text, depth, cache);
      cache.results.set(text, result);
      return result;
    } catch (err) {
      if (isHlaError(err)) cache.results.set(text, err);
      throw err;
    }
  }

  // GL operators from loosest to tightest; how each level recombines follows py-ard _sorted_unique_gl:
  // `~` keeps phase order, `+` sorts but keeps homozygous repeats, `/` `|` `^` sort and de-duplicate.
  private reduceLevel(text: string, depth: number, cache: LevelCache): string {
    for (let d = depth; d < GL_OPERATORS.length; d++) {
      const op = GL_OPERATORS[d] ?? '/';
      if (!text.includes(op)) continue;
      const parts = text.split(op);
      const reduced: string[] = [];
      for (const part of parts) {
        if (part === '') throw new HlaError('syntax', op, `${text}: empty operand around '${op}'`);
        reduced.push(this.reduceCached(part, d + 1, cache));
      }
      // Null alleles have no antigen: at S they leave an empty item, which a GL string cannot hold.
      const items = reduced.includes('') ? reduced.filter((r) => r !== '') : reduced;
      if (op === '~') return items.join(op);
      if (op === '+') return items.sort(compareNatural).join(op);
      const flat = new Set<string>();
      for (const r of items) {
        if (r.includes(op)) for (const x of r.split(op)) flat.add(x);
        else flat.add(r);
      }
      return [...flat].sort(compareNatural).join(op);
    }
    return this.reduceAtom(text, cache.level);
  }

  private reduceAtom(name: string, level: CacheLevel): string {
    const resolution = this.resolve(name);
    if (resolution.passthrough !== undefined) return resolution.passthrough;
    const names = new Set<string>();
    if (level === 'expand' && resolution.code !== undefined) for (const unit of resolution.units) names.add(unit.name);
    else {
      const to = level === 'expand' ? 'W' : level;
      for (const unit of resolution.units) for (const n of reduceUnit(this.ctx, unit, to)) names.add(n);
    }
    const sorted = [...names].sort(compareNatural);
    return (resolution.hlaPrefix ? sorted.map((n) => 'HLA-' + n) : sorted).join('/');
  }
}

/** A reduction level, or `expand` (MAC/XX codes to the names they denote, the rest to W). */
type CacheLevel = ReductionLevel | 'expand';

interface LevelCache {
  readonly level: CacheLevel;
  readonly results: BoundedCache<string | HlaError>;
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
