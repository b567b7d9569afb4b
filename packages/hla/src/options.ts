/** Levels a typing can be reduced to (py-ard redux types). */
export const REDUCTION_LEVELS = ['G', 'P', 'lg', 'lgx', 'W', 'exon', 'U2', 'S', '1F'] as const;
export type ReductionLevel = (typeof REDUCTION_LEVELS)[number];

export function isReductionLevel(value: string): value is ReductionLevel {
  return (REDUCTION_LEVELS as readonly string[]).includes(value);
}

/** Behaviour switches, named after py-ard's configuration flags. */
export interface HlaOptions {
  /** Reject names that are not exactly as IMGT writes them (default true). Non-strict adds a missing expression suffix (A*24:329 → A*24:329Q). */
  readonly strict?: boolean;
  /** "P in G": an allele in a P group but in no G group reduces at lg/lgx to the P group's 2-field name (default true). */
  readonly ping?: boolean;
  /** lg output ends in `ARS` instead of `g` (default false). */
  readonly arsAsLg?: boolean;
  /** Placeholder names passed through untouched, matched on the part after `*` (e.g. `['NNNN', 'UUUU']` for DRBX*NNNN). */
  readonly ignoreSuffixes?: readonly string[];
  /**
   * A name absent from the loaded release whose parent is in it (`DRB4*01:03:22` under 3.44.0, named in a
   * later release): `'parent'` (default, py-ard's behaviour) reduces it as its parent with a warning;
   * `'refuse'` makes it an error (ADR 0107).
   */
  readonly newerNames?: 'parent' | 'refuse';
  /** Entries kept in each result cache (default 200,000; py-ard issue #147 shows why batch jobs need a large one). */
  readonly cacheSize?: number;
}

export interface ResolvedOptions {
  readonly strict: boolean;
  readonly ping: boolean;
  readonly arsAsLg: boolean;
  readonly ignoreSuffixes: readonly string[];
  readonly newerNames: 'parent' | 'refuse';
  readonly cacheSize: number;
}

export function resolveOptions(options: HlaOptions = {}): ResolvedOptions {
  return {
    strict: options.strict ?? true,
    ping: options.ping ?? true,
    arsAsLg: options.arsAsLg ?? false,
    ignoreSuffixes: options.ignoreSuffixes ?? [],
    newerNames: options.newerNames ?? 'parent',
    cacheSize: options.cacheSize ?? 200_000,
  };
}
